/// Compose key paths such as `services.api.ports[0].target`: a key is cut from its parent at the
/// last `.` or `[`. Cut by bytes, so walking up a path neither decodes characters nor allocates.
enum KeyPath {
    /// `a.b[0].c` → `a.b[0]` → `a.b` → `a` → nil.
    static func parent(of path: Substring) -> Substring? {
        let offset = path.utf8.withContiguousStorageIfAvailable(lastCut) ?? Array(path.utf8).withUnsafeBufferPointer(lastCut)
        guard let offset else { return nil }
        return path[..<path.utf8.index(path.startIndex, offsetBy: offset)]
    }

    /// The offset of the last `.` or `[`: where the parent's path ends.
    static func lastCut(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = bytes.count
        while index > 0 {
            index -= 1
            if bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: "[") { return index }
        }
        return nil
    }

    static func parent(of path: String) -> Substring? {
        parent(of: Substring(path))
    }

    /// `services.<service>.<key>`.
    static func ofService(_ service: String, key: String) -> String {
        "services.\(service).\(key)"
    }

    /// The path itself, then each ancestor up to its top-level key.
    static func selfAndAncestors(of path: String) -> UnfoldFirstSequence<Substring> {
        sequence(first: Substring(path)) { parent(of: $0) }
    }
}

extension KeyPath {
    /// Runs `body` with `path` extended by `key` (`a` → `a.key`), then cuts it back: a tree walk
    /// keeps one path buffer instead of building a string per node.
    static func descend<Result>(_ path: inout String, key: String, _ body: (inout String) throws -> Result) rethrows -> Result {
        try descend(&path, suffix: path.isEmpty ? key : "." + key, body)
    }

    /// Like `descend(_:key:_:)` for a list item (`a` → `a[2]`).
    static func descend<Result>(_ path: inout String, index: Int, _ body: (inout String) throws -> Result) rethrows -> Result {
        try descend(&path, suffix: "[\(index)]", body)
    }

    private static func descend<Result>(_ path: inout String, suffix: String, _ body: (inout String) throws -> Result) rethrows -> Result {
        let length = path.utf8.count
        path += suffix
        defer { path.removeSubrange(path.utf8.index(path.startIndex, offsetBy: length)...) }
        return try body(&path)
    }
}
