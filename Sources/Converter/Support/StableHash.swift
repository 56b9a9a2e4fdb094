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
        hex(fnv1a64(text), width: width)
    }

    /// `hash` as `width` lower-case hex digits (the low ones).
    package static func hex(_ hash: UInt64, width: Int = 16) -> String {
        let hex = String(hash, radix: 16)
        let padded = String(repeating: "0", count: max(0, 16 - hex.count)) + hex
        return String(padded.suffix(width))
    }

    /// A 64-bit hash over UTF-8 read eight bytes (little-endian) at a time, for telling a
    /// generated file from one edited since. Each step
    /// is a bijection of the state, so texts of one length that differ in a single word never
    /// collide. Written into generation records: it must never change.
    package static func words64(_ text: String) -> UInt64 {
        var text = text
        return text.withUTF8(words64)
    }

    /// `words64` of UTF-8 bytes.
    package static func words64(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let raw = UnsafeRawBufferPointer(bytes)
        var hash = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var offset = 0
        while offset + 8 <= bytes.count {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            hash = (hash ^ word) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 32
            offset += 8
        }
        var tail: UInt64 = 0
        for (shift, byte) in bytes[offset...].enumerated() { tail |= UInt64(byte) << (8 * UInt64(shift)) }
        hash = (hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        return hash ^ hash >> 29
    }
}
