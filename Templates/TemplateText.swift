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
        // The text between placeholders is copied a run at a time.
        var copied = 0
        var index = 0
        while let open = bytes[index...].firstIndex(of: brace) {
            index = open + 1
            guard open + 2 < bytes.count, bytes[open + 1] == brace, bytes[open + 2] == brace else { continue }
            var end = open + 3
            while end + 2 < bytes.count, !(bytes[end] == close && bytes[end + 1] == close && bytes[end + 2] == close), bytes[end] != brace {
                end += 1
            }
            guard end + 2 < bytes.count, bytes[end] == close, let value = values[String(decoding: bytes[(open + 3)..<end], as: UTF8.self)]
            else { continue }
            output += bytes[copied..<open]
            output += value.utf8
            index = end + 3
            copied = index
        }
        output += bytes[copied...]
        return String(decoding: output, as: UTF8.self)
    }
}
