/// Kubernetes resource quantities from compose values: CPUs as cores or millicores, memory in
/// binary units (compose's units are binary: `512M` is 512 MiB).
package enum Quantity {
    /// Whether `cores` makes a CPU quantity: finite, not negative, and at most a billion cores (a
    /// quantity's milli-value must fit an int64; no node comes near).
    package static func isCPU(_ cores: Double) -> Bool {
        cores.isFinite && cores >= 0 && cores <= 1e9
    }

    /// `0.5` → `500m`, `2` → `2`, `0.25` → `250m`; `cores` is `isCPU` (other values give `0`).
    package static func cpu(_ cores: Double) -> String {
        guard isCPU(cores) else { return "0" }
        let millis = Int((cores * 1000).rounded())
        return millis % 1000 == 0 ? String(millis / 1000) : "\(millis)m"
    }

    /// `536870912` → `512Mi`; bytes that are no whole unit stay bytes.
    package static func memory(_ bytes: Int64) -> String {
        for (suffix, size) in [("Ti", Int64(1) << 40), ("Gi", Int64(1) << 30), ("Mi", Int64(1) << 20), ("Ki", Int64(1) << 10)]
        where bytes >= size && bytes % size == 0 {
            return "\(bytes / size)\(suffix)"
        }
        return String(bytes)
    }
}

extension Quantity {
    /// Cores of a CPU quantity this type wrote (`500m`, `2`).
    static func cores(_ text: String) -> Double? {
        text.hasSuffix("m") ? Double(text.dropLast()).map { $0 / 1000 } : Double(text)
    }

    /// Bytes of a memory quantity this type wrote (`512Mi`, `1Gi`, `1000`).
    static func bytes(_ text: String) -> Int64? {
        for (suffix, size) in [("Ti", Int64(1) << 40), ("Gi", Int64(1) << 30), ("Mi", Int64(1) << 20), ("Ki", Int64(1) << 10)]
        where text.hasSuffix(suffix) {
            return Int64(text.dropLast(2)).map { $0 * size }
        }
        return Int64(text)
    }
}
