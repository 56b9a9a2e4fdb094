/// The name rules the API server applies (k8s.io/apimachinery/pkg/util/validation), for the
/// verification stage: what the OpenAPI schema does not say but a cluster refuses.
enum NameSyntax {
    /// DNS-1123 label: `[a-z0-9]([-a-z0-9]*[a-z0-9])?`, at most 63 (container, volume, Service port names).
    static func isLabel(_ name: String, limit: Int = 63) -> Bool {
        isLabel(name.utf8[...], limit: limit)
    }

    private static func isLabel(_ bytes: Substring.UTF8View, limit: Int = 63) -> Bool {
        guard let first = bytes.first, let last = bytes.last, bytes.count <= limit else { return false }
        return isLowerAlphanumeric(first) && isLowerAlphanumeric(last) && bytes.allSatisfy { isLowerAlphanumeric($0) || $0 == 0x2D }
    }

    /// DNS-1123 subdomain: labels joined by dots, at most 253 (most object names).
    static func isSubdomain(_ name: String) -> Bool {
        isSubdomain(name.utf8[...])
    }

    /// One pass over the bytes: each dot-separated label is non-empty, at most 63 long, and
    /// alphanumeric at both ends with `-` between.
    private static func isSubdomain(_ bytes: Substring.UTF8View) -> Bool {
        guard !bytes.isEmpty, bytes.count <= 253 else { return false }
        var labelLength = 0
        var previous: UInt8 = 0
        for byte in bytes {
            if byte == 0x2E {
                guard labelLength > 0, isLowerAlphanumeric(previous) else { return false }
                labelLength = 0
            } else {
                guard isLowerAlphanumeric(byte) || (byte == 0x2D && labelLength > 0), labelLength < 63 else { return false }
                labelLength += 1
            }
            previous = byte
        }
        return labelLength > 0 && isLowerAlphanumeric(previous)
    }

    /// DNS-1035 label: a DNS-1123 label that starts with a letter (Service names).
    static func isDNS1035(_ name: String) -> Bool {
        isLabel(name) && name.utf8.first.map { $0 >= 0x61 && $0 <= 0x7A } == true
    }

    /// IANA service name (container and Service port names): at most 15 lower-case letters,
    /// digits and `-`, at least one letter, no `-` at either end and no `--`.
    static func isPortName(_ name: String) -> Bool {
        isLabel(name, limit: 15) && !name.containsBytes("--") && name.utf8.contains { $0 >= 0x61 && $0 <= 0x7A }
    }

    /// A label or annotation key: an optional DNS-1123 subdomain prefix and `/`, then a name of at
    /// most 63 characters, alphanumeric at both ends with `-`, `_`, `.` between.
    static func isQualifiedName(_ key: String) -> Bool {
        let bytes = key.utf8[...]
        guard let slash = bytes.firstIndex(of: 0x2F) else { return !bytes.isEmpty && isLabelValue(bytes) }
        let name = bytes[bytes.index(after: slash)...]
        return isSubdomain(bytes[..<slash]) && !name.isEmpty && isLabelValue(name)
    }

    /// A label value: empty, or at most 63 characters, alphanumeric at both ends with `-`, `_`, `.` between.
    static func isLabelValue(_ value: String) -> Bool {
        isLabelValue(value.utf8[...])
    }

    private static func isLabelValue(_ bytes: Substring.UTF8View) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return true }
        return bytes.count <= 63 && isAlphanumeric(first) && isAlphanumeric(last)
            && bytes.allSatisfy { isAlphanumeric($0) || $0 == 0x2D || $0 == 0x5F || $0 == 0x2E }
    }

    /// A ConfigMap or Secret key: `[-._a-zA-Z0-9]+`, at most 253.
    static func isDataKey(_ key: String) -> Bool {
        !key.isEmpty && key.utf8.count <= 253 && key.utf8.allSatisfy { isAlphanumeric($0) || $0 == 0x2D || $0 == 0x5F || $0 == 0x2E }
            && key != "." && key != ".."
    }

    /// An environment variable name the kubelet accepts: `[-._a-zA-Z][-._a-zA-Z0-9]*`.
    static func isEnvName(_ name: String) -> Bool {
        guard let first = name.utf8.first, !(0x30...0x39).contains(first) else { return false }
        return name.utf8.allSatisfy { isAlphanumeric($0) || $0 == 0x2D || $0 == 0x5F || $0 == 0x2E }
    }

    private static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
        (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isLowerAlphanumeric(byte) || (0x41...0x5A).contains(byte)
    }
}
