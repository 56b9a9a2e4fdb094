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
    func utf8Offset(of part: String) -> Int? {
        let bytes = Array(utf8)
        let pattern = Array(part.utf8)
        guard !pattern.isEmpty, pattern.count <= bytes.count else { return pattern.isEmpty ? 0 : nil }
        return (0...(bytes.count - pattern.count)).first { start in bytes[start..<start + pattern.count].elementsEqual(pattern) }
    }

    func containsBytes(_ part: String) -> Bool {
        utf8Offset(of: part) != nil
    }
}
