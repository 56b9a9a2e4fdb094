/// String helpers for the hot paths, in the standard library: Foundation's `contains`,
/// `range(of:)` and `trimmingCharacters(in:)` bridge each call through NSString.
extension StringProtocol {
    /// Without leading and trailing tabs and Unicode space separators (Foundation's `.whitespaces`).
    func trimmingSpaces() -> String {
        let isSpace = { (character: Character) in character.isWhitespace && !character.isNewline }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }

    /// The byte offset of the first occurrence of `part`, compared byte for byte.
    package func utf8Offset(of part: String) -> Int? {
        let bytes = Array(utf8)
        let pattern = Array(part.utf8)
        guard !pattern.isEmpty, pattern.count <= bytes.count else { return pattern.isEmpty ? 0 : nil }
        return (0...(bytes.count - pattern.count)).first { start in bytes[start..<start + pattern.count].elementsEqual(pattern) }
    }

    package func containsBytes(_ part: String) -> Bool {
        utf8Offset(of: part) != nil
    }

    /// Every occurrence of `target` replaced by `replacement`, compared byte for byte.
    package func replacingBytes(_ target: String, with replacement: String) -> String {
        let bytes = Array(utf8)
        let pattern = Array(target.utf8)
        guard !pattern.isEmpty, bytes.count >= pattern.count else { return String(self) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == pattern[0], index + pattern.count <= bytes.count,
                bytes[index..<index + pattern.count].elementsEqual(pattern)
            {
                output.append(contentsOf: replacement.utf8)
                index += pattern.count
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
