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
        dotted("services", service, key)
    }

    /// `path.key`, or `key` below the root (an empty path).
    static func child(_ path: String, key: String) -> String {
        path.isEmpty ? key : dotted(path, key)
    }

    /// The parts joined with dots, written once into a string of the right size: interpolation
    /// builds it piece by piece, about twice the work, and every decoded key makes a path.
    static func dotted(_ first: String, _ second: String, _ third: String? = nil) -> String {
        let count = first.utf8.count + 1 + second.utf8.count + (third.map { 1 + $0.utf8.count } ?? 0)
        return String(unsafeUninitializedCapacity: count) { buffer in
            var offset = copy(first, into: buffer, at: 0)
            buffer[offset] = UInt8(ascii: ".")
            offset = copy(second, into: buffer, at: offset + 1)
            guard let third else { return offset }
            buffer[offset] = UInt8(ascii: ".")
            return copy(third, into: buffer, at: offset + 1)
        }
    }

    /// `path[index]`, written once like `dotted`.
    static func item(_ path: String, index: Int) -> String {
        let number = String(index)
        return String(unsafeUninitializedCapacity: path.utf8.count + number.utf8.count + 2) { buffer in
            var offset = copy(path, into: buffer, at: 0)
            buffer[offset] = UInt8(ascii: "[")
            offset = copy(number, into: buffer, at: offset + 1)
            buffer[offset] = UInt8(ascii: "]")
            return offset + 1
        }
    }

    /// Copies `text`'s UTF-8 into `buffer` at `offset`. - Returns: the offset after it.
    private static func copy(_ text: String, into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int) -> Int {
        var text = text
        return text.withUTF8 { bytes in
            guard let source = bytes.baseAddress, let target = buffer.baseAddress else { return offset }
            (target + offset).update(from: source, count: bytes.count)
            return offset + bytes.count
        }
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
