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

    /// The template with each `{{{key}}}` replaced by its value.
    public static func fill(_ template: String, _ values: [String: String]) -> String {
        var text = template
        for (key, value) in values { text = text.replacingOccurrences(of: "{{{\(key)}}}", with: value) }
        return text
    }
}
