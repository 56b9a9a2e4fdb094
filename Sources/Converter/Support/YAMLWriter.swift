import Yams

/// Writes a `JSONValue` as block YAML with sorted keys through Yams, quoting strings by the
/// same rule as `BlockYAMLWriter`.
package enum YAMLWriter {
    package static func write(_ value: JSONValue) -> String {
        (try? Yams.serialize(node: node(value), indent: 2, width: -1, allowUnicode: true, sortKeys: false)) ?? ""
    }

    static func node(_ value: JSONValue) -> Node {
        switch value {
        case .null: return Node("null", Tag(.null))
        case .bool(let bool): return Node(bool ? "true" : "false", Tag(.bool))
        case .int(let int): return Node(String(int), Tag(.int))
        case .double(let double): return Node(JSONWriter.number(double), Tag(.float))
        case .string(let string): return Node(string, Tag(.str), BlockYAMLWriter.needsQuotes(string) ? .doubleQuoted : .any)
        case .array(let items): return Node(items.map(node))
        case .object(let object):
            return Node(object.sorted { $0.key < $1.key }.map { (Node($0.key, Tag(.str)), node($0.value)) })
        }
    }
}
