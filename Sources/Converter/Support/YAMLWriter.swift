import Yams

/// Writes a `JSONValue` as block YAML with sorted keys, through Yams so quoting is always right.
public enum YAMLWriter {
    public static func write(_ value: JSONValue) -> String {
        (try? Yams.serialize(node: node(value), indent: 2, width: -1, allowUnicode: true, sortKeys: false)) ?? ""
    }

    /// Whether a string written plain reads back as a string in YAML 1.1 and 1.2 alike;
    /// `8080`, `yes`, `null` or `1:30` must be quoted.
    static func readsAsString(_ text: String) -> Bool {
        if Resolver.default.resolveTag(of: Node(text)) != .str { return false }
        if yaml11Booleans.contains(text) { return false }
        return !text.allSatisfy { $0.isNumber || ":._+-".contains($0) }
    }

    static let yaml11Booleans: Set<String> = [
        "y", "Y", "n", "N", "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF",
    ]

    static func node(_ value: JSONValue) -> Node {
        switch value {
        case .null: return Node("null", Tag(.null))
        case .bool(let bool): return Node(bool ? "true" : "false", Tag(.bool))
        case .int(let int): return Node(String(int), Tag(.int))
        case .double(let double): return Node(JSONWriter.number(double), Tag(.float))
        case .string(let string): return Node(string, Tag(.str), readsAsString(string) ? .any : .doubleQuoted)
        case .array(let items): return Node(items.map(node))
        case .object(let object):
            return Node(object.sorted { $0.key < $1.key }.map { (Node($0.key, Tag(.str)), node($0.value)) })
        }
    }
}
