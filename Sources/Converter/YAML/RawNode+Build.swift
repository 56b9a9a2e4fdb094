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
        try mapScalars(path: "", transform)
    }

    private func mapScalars(path: String, _ transform: (String, SourceLocation, String) throws -> String) rethrows -> RawNode {
        var copy = self
        switch value {
        case .sequence(let items):
            copy.value = .sequence(
                try items.enumerated().map { index, item in try item.mapScalars(path: KeyPath.item(path, index: index), transform) })
        case .mapping(let entries):
            copy.value = .mapping(
                try entries.map { entry in
                    var entry = entry
                    entry.value = try entry.value.mapScalars(path: KeyPath.child(path, key: entry.key), transform)
                    return entry
                })
        case .scalar(let scalar):
            guard !isNull else { break }
            let text = try transform(scalar.text, location, path)
            if text != scalar.text { copy.value = .scalar(Scalar(text, isPlain: false, written: scalar.written ?? scalar.text)) }
        }
        return copy
    }
}
