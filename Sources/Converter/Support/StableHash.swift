/// FNV-1a over UTF-8, 64 bits: a hash that is the same on every machine and every run (Swift's
/// `hashValue` is seeded per process), for names made unique and for telling edited files apart.
/// Not a security measure.
package enum StableHash {
    package static func fnv1a64(_ text: String) -> UInt64 {
        var text = text
        return text.withUTF8 { bytes in
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
            return hash
        }
    }

    /// The hash as `width` lower-case hex digits (the low ones).
    package static func hex(_ text: String, width: Int = 16) -> String {
        let hex = String(fnv1a64(text), radix: 16)
        let padded = String(repeating: "0", count: max(0, 16 - hex.count)) + hex
        return String(padded.suffix(width))
    }
}
