/// Kubernetes names: DNS-1123 labels (lowercase alphanumerics and `-`, at most 63 characters,
/// starting and ending alphanumeric).
package enum KubernetesName {
    package static func dns1123(_ name: String, limit: Int = 63) -> String {
        if isDNS1123(name, limit: limit) { return name }
        var result = name.utf8.allSatisfy { $0 < 0x80 } ? asciiLabel(name) : unicodeLabel(name)
        result = String(result.prefix(limit))
        while result.hasSuffix("-") { result.removeLast() }
        while result.hasPrefix("-") { result.removeFirst() }
        return result.isEmpty ? "x" : result
    }

    /// `name`'s ASCII letters (lower-cased) and digits, every run of other characters one `-`.
    private static func unicodeLabel(_ name: String) -> String {
        var result = ""
        for character in name.lowercased() {
            if character.isASCII, character.isLetter || character.isNumber {
                result.append(character)
            } else if !result.hasSuffix("-") {
                result.append("-")
            }
        }
        return result
    }

    /// `unicodeLabel` by bytes, for an ASCII name (`app.conf` → `app-conf`).
    private static func asciiLabel(_ name: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(name.utf8.count)
        for byte in name.utf8 {
            let lower = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 0x20 : byte
            if (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(lower) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(lower) {
                bytes.append(lower)
            } else if bytes.last != UInt8(ascii: "-") {
                bytes.append(UInt8(ascii: "-"))
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A label made from `text` that stays unique after cutting: when the label would be longer
    /// than `limit`, it is cut and an 8-digit hash of the whole text ends it, so two long paths
    /// that share their first 54 characters still get two names.
    package static func unique(_ text: String, limit: Int = 63) -> String {
        let full = dns1123(text, limit: Int.max)
        if full.utf8.count <= limit { return full }
        var head = String(full.prefix(limit - 9))
        while head.hasSuffix("-") { head.removeLast() }
        return (head.isEmpty ? "x" : head) + "-" + StableHash.hex(text, width: 8)
    }

    /// Whether `name` is already a label (most are: this runs for every object of every service).
    static func isDNS1123(_ name: String, limit: Int) -> Bool {
        let bytes = name.utf8
        guard let first = bytes.first, let last = bytes.last, bytes.count <= limit, first != UInt8(ascii: "-"), last != UInt8(ascii: "-")
        else { return false }
        var previous: UInt8 = 0
        for byte in bytes {
            let isAlphanumeric =
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            guard isAlphanumeric || (byte == UInt8(ascii: "-") && previous != UInt8(ascii: "-")) else { return false }
            previous = byte
        }
        return true
    }

    /// Whether `name` can be a Service's name as written: a DNS-1035 label (`[a-z]([-a-z0-9]*[a-z0-9])?`,
    /// at most 63 characters).
    package static func isDNS1035Label(_ name: String) -> Bool {
        NameSyntax.isDNS1035(name)
    }

    /// Whether `key` is a label key Kubernetes accepts (`[prefix/]name`).
    package static func isLabelKey(_ key: String) -> Bool { NameSyntax.isQualifiedName(key) }

    /// Whether `value` is a label value Kubernetes accepts.
    package static func isLabelValue(_ value: String) -> Bool { NameSyntax.isLabelValue(value) }

    /// A port name: at most 15 characters, as Kubernetes requires.
    package static func port(_ name: String) -> String {
        dns1123(name, limit: 15)
    }
}
