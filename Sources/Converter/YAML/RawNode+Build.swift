/// Small constructors and edits for rewriting raw trees.
extension RawNode.Entry {
    /// A mapping entry whose key is located where its value is.
    public static func entry(_ key: String, _ value: RawNode) -> RawNode.Entry {
        RawNode.Entry(key: key, keyLocation: value.location, value: value)
    }
}

extension RawNode {
    /// A copy with `key` set to `value`, replacing or appending.
    public func setting(_ key: String, _ value: RawNode) -> RawNode {
        var entries = self.entries ?? []
        if let index = entries.firstIndex(where: { $0.key == key }) {
            entries[index].value = value
        } else {
            entries.append(.entry(key, value))
        }
        var copy = self
        copy.value = .mapping(entries)
        return copy
    }

    /// A copy without `key`.
    public func removing(_ key: String) -> RawNode {
        guard var entries = self.entries else { return self }
        entries.removeAll { $0.key == key }
        var copy = self
        copy.value = .mapping(entries)
        return copy
    }

    /// A copy with each scalar's text rewritten; a rewritten plain scalar becomes a string, as
    /// interpolated values are in Compose. `transform` gets the text, its location and key path.
    public func mapScalars(path: String = "", _ transform: (String, SourceLocation, String) throws -> String) rethrows -> RawNode {
        var copy = self
        switch value {
        case .scalar(let scalar):
            if isNull { return self }
            let text = try transform(scalar.text, location, path)
            copy.value = .scalar(Scalar(text, isPlain: scalar.isPlain && text == scalar.text))
        case .sequence(let items):
            copy.value = .sequence(
                try items.enumerated().map { index, item in
                    try item.mapScalars(path: "\(path)[\(index)]", transform)
                })
        case .mapping(let entries):
            copy.value = .mapping(
                try entries.map { entry in
                    var entry = entry
                    entry.value = try entry.value.mapScalars(path: path.isEmpty ? entry.key : "\(path).\(entry.key)", transform)
                    return entry
                })
        }
        return copy
    }
}
