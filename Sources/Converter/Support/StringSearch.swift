import Foundation

/// String helpers in the standard library, compared byte for byte (Foundation's `contains` and
/// `range(of:)` compare by Unicode rules).
extension StringProtocol {
    /// Without leading and trailing tabs and Unicode space separators (Foundation's `.whitespaces`).
    func trimmingSpaces() -> String {
        let isSpace = { (character: Character) in character.isWhitespace && !character.isNewline }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}

/// Byte searches on `String`.
extension String {
    /// The byte offset of the first occurrence of `part`, compared byte for byte.
    package func utf8Offset(of part: String) -> Int? {
        var text = self
        return text.withUTF8 { bytes in
            var pattern = part
            return pattern.withUTF8 { ByteSearch.firstOffset(of: $0, in: bytes, from: 0) }
        }
    }

    package func containsBytes(_ part: String) -> Bool {
        utf8Offset(of: part) != nil
    }

    /// Every occurrence of `target` replaced by `replacement`, compared byte for byte.
    package func replacingBytes(_ target: String, with replacement: String) -> String {
        var text = self
        return text.withUTF8 { bytes in
            var pattern = target
            return pattern.withUTF8 { pattern in
                guard !pattern.isEmpty, var match = ByteSearch.firstOffset(of: pattern, in: bytes, from: 0) else { return self }
                var output = ""
                output.reserveCapacity(bytes.count + 16)
                var copied = 0
                while true {
                    output += String(decoding: UnsafeBufferPointer(rebasing: bytes[copied..<match]), as: UTF8.self)
                    output += replacement
                    copied = match + pattern.count
                    guard let next = ByteSearch.firstOffset(of: pattern, in: bytes, from: copied) else { break }
                    match = next
                }
                output += String(decoding: UnsafeBufferPointer(rebasing: bytes[copied...]), as: UTF8.self)
                return output
            }
        }
    }
}

/// Byte-for-byte search in UTF-8 buffers.
package enum ByteSearch {
    /// The offset of the first occurrence of `pattern` in `bytes` at or after `start`.
    package static func firstOffset(of pattern: UnsafeBufferPointer<UInt8>, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard !pattern.isEmpty else { return start }
        guard let base = bytes.baseAddress, let patternBase = pattern.baseAddress, bytes.count >= pattern.count else { return nil }
        let first = Int32(pattern[0])
        let last = bytes.count - pattern.count
        var index = max(start, 0)
        while index <= last {
            // memchr finds the next candidate's first byte many bytes at a time.
            guard let hit = memchr(base + index, first, last - index + 1) else { return nil }
            index = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) - base
            if memcmp(base + index, patternBase, pattern.count) == 0 { return index }
            index += 1
        }
        return nil
    }

    /// The offset of the first `byte` in `bytes` at or after `start` (memchr).
    package static func firstOffset(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = bytes.baseAddress, start < bytes.count else { return nil }
        let from = max(start, 0)
        guard let hit = memchr(base + from, Int32(byte), bytes.count - from) else { return nil }
        return UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) - base
    }
}
