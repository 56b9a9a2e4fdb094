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
        if var items = takeItems() {
            for index in items.indices {
                try KeyPath.descend(&path, index: index) { try items[index].rewriteScalars(path: &$0, transform) }
            }
            value = .sequence(items)
        } else if var entries = takeEntries() {
            for index in entries.indices {
                try KeyPath.descend(&path, key: entries[index].key) { try entries[index].value.rewriteScalars(path: &$0, transform) }
            }
            value = .mapping(entries)
        } else if case .scalar(let scalar) = value, !isNull {
            let text = try transform(scalar.text, location, path)
            if text != scalar.text { value = .scalar(Scalar(text, isPlain: false, written: scalar.written ?? scalar.text)) }
        }
    }

    /// A sequence's items, taken out (the node is left an empty sequence), so the caller holds
    /// the only reference and edits them in place. (`switch value { case .sequence(var items): … }`
    /// keeps a second reference, so an edit copies them.)
    private mutating func takeItems() -> [RawNode]? {
        guard case .sequence(let items) = value else { return nil }
        value = .sequence([])
        return items
    }

    /// A mapping's entries, taken out like `takeItems`.
    private mutating func takeEntries() -> [Entry]? {
        guard case .mapping(let entries) = value else { return nil }
        value = .mapping([])
        return entries
    }
}
