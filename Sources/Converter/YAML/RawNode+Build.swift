/// Small constructors and edits for rewriting raw trees.
extension RawNode.Entry {
    /// A mapping entry whose key is located where its value is.
    package static func entry(_ key: String, _ value: RawNode) -> RawNode.Entry {
        RawNode.Entry(key: key, keyLocation: value.location, value: value)
    }
}

extension RawNode {
    /// A copy with `key` set to `value`, replacing or appending.
    package func setting(_ key: String, _ value: RawNode) -> RawNode {
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

    /// A copy whose scalar under `key` records `written` as its text before interpolation.
    func settingWritten(_ key: String, _ written: String) -> RawNode {
        guard let entry = entry(key), case .scalar(var scalar) = entry.value.value else { return self }
        scalar.written = written
        var value = entry.value
        value.value = .scalar(scalar)
        return setting(key, value)
    }

    /// A copy without `key`.
    package func removing(_ key: String) -> RawNode {
        guard var entries = self.entries else { return self }
        entries.removeAll { $0.key == key }
        var copy = self
        copy.value = .mapping(entries)
        return copy
    }

    /// A copy with each scalar's text rewritten; a rewritten plain scalar becomes a string, as
    /// interpolated values are in Compose. `transform` gets the text, its location and key path.
    package func mapScalars(_ transform: (String, SourceLocation, String) throws -> String) rethrows -> RawNode {
        var copy = self
        var path = ""
        try copy.rewriteScalars(path: &path, transform)
        return copy
    }

    /// Rewrites in place: each list is taken out of the tree while edited, so it is not copied.
    private mutating func rewriteScalars(path: inout String, _ transform: (String, SourceLocation, String) throws -> String) rethrows {
        switch value {
        case .scalar(let scalar):
            if isNull { return }
            let text = try transform(scalar.text, location, path)
            if text != scalar.text { value = .scalar(Scalar(text, isPlain: false, written: scalar.written ?? scalar.text)) }
        case .sequence(var items):
            value = .sequence([])
            for index in items.indices {
                try KeyPath.descend(&path, index: index) { try items[index].rewriteScalars(path: &$0, transform) }
            }
            value = .sequence(items)
        case .mapping(var entries):
            value = .mapping([])
            for index in entries.indices {
                try KeyPath.descend(&path, key: entries[index].key) { try entries[index].value.rewriteScalars(path: &$0, transform) }
            }
            value = .mapping(entries)
        }
    }
}
