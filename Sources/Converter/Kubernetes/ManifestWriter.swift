import Yams

/// Writes manifests as YAML documents, keys in their given order, strings quoted whenever
/// they would otherwise read as another type.
public enum ManifestWriter {
    public static func yaml(_ manifest: Manifest) -> String {
        (try? Yams.serialize(node: node(manifest), indent: 2, width: -1, allowUnicode: true, sortKeys: false)) ?? ""
    }

    /// Several objects as one multi-document stream.
    public static func stream(_ manifests: [Manifest]) -> String {
        manifests.map { "---\n" + yaml($0) }.joined()
    }

    static func node(_ manifest: Manifest) -> Node {
        switch manifest {
        case .null: return Node("null", Tag(.null))
        case .bool(let bool): return Node(bool ? "true" : "false", Tag(.bool))
        case .int(let int): return Node(String(int), Tag(.int))
        case .string(let text):
            let style: Node.Scalar.Style = text.contains("\n") ? .literal : (YAMLWriter.readsAsString(text) ? .any : .doubleQuoted)
            return Node(text, Tag(.str), style)
        case .list(let items): return Node(items.map(node))
        case .map(let pairs): return Node(pairs.map { (Node($0.0, Tag(.str)), node($0.1)) })
        }
    }
}
