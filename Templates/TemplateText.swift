import Foundation

/// Reads the text templates shipped as package resources (`Templates/helm/…`).
public enum TemplateText {
    public struct Missing: Error, CustomStringConvertible {
        public var description: String
    }

    /// The text of `helm/_helpers.tpl` and the like.
    /// - Throws: `Missing` when the resource bundle was not installed beside the binary.
    public static func named(_ path: String) throws -> String {
        guard let url = Bundle.module.url(forResource: path, withExtension: nil),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else {
            throw Missing(description: "template \(path) is missing from the compose2kube resources")
        }
        return text
    }

    /// The template with each `{{{key}}}` replaced by its value (unknown keys stay as written),
    /// in one pass: a value is never searched again, however long.
    public static func fill(_ template: String, _ values: [String: String]) -> String {
        let bytes = Array(template.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        let brace = UInt8(ascii: "{")
        let close = UInt8(ascii: "}")
        var index = 0
        while index < bytes.count {
            if bytes[index] == brace, index + 2 < bytes.count, bytes[index + 1] == brace, bytes[index + 2] == brace {
                var end = index + 3
                while end + 2 < bytes.count, !(bytes[end] == close && bytes[end + 1] == close && bytes[end + 2] == close),
                    bytes[end] != brace
                {
                    end += 1
                }
                if end + 2 < bytes.count, bytes[end] == close, let value = values[String(decoding: bytes[(index + 3)..<end], as: UTF8.self)]
                {
                    output += value.utf8
                    index = end + 3
                    continue
                }
            }
            output.append(bytes[index])
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }
}
