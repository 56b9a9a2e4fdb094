import Foundation

/// Compose durations: Go's `time.ParseDuration` format (`1m30s`, `500ms`, `1.5h`), formatted back
/// the way Go prints them so `config` output matches Docker Compose.
package enum DurationSyntax {
    static let units: [(String, Double)] = [
        ("ns", 1), ("us", 1e3), ("µs", 1e3), ("ms", 1e6), ("s", 1e9), ("m", 60e9), ("h", 3600e9),
    ]

    /// Nanoseconds, or nil when the text is not a duration or does not fit Go's `time.Duration`
    /// (an int64 of nanoseconds, about 2,562,047 hours): `time.ParseDuration` refuses those with
    /// "invalid duration", so Compose does too. A leading `+` or `-` is allowed, as Go allows it.
    package static func nanoseconds(_ text: String) -> Int64? {
        var rest = Substring(text.trimmingSpaces())
        var sign = 1.0
        if let first = rest.first, first == "-" || first == "+" {
            sign = first == "-" ? -1 : 1
            rest = rest.dropFirst()
        }
        if rest == "0" { return 0 }
        var total = 0.0
        var sawComponent = false
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !number.isEmpty, number != ".", let value = Double(number) else { return nil }
            rest = rest.dropFirst(number.count)
            let unitText = rest.prefix { $0.isLetter }
            guard let unit = units.first(where: { $0.0 == unitText }) else { return nil }
            rest = rest.dropFirst(unitText.count)
            total += value * unit.1
            sawComponent = true
        }
        // 2^63 ns is the first value past Int64.max; Go fails at the same place.
        guard sawComponent, total < 9_223_372_036_854_775_808.0 else { return nil }
        return Int64((sign * total).rounded())
    }

    package static func seconds(_ text: String) -> Double? {
        nanoseconds(text).map { Double($0) / 1e9 }
    }

    /// Go's `Duration.String()`: `1h0m0s`, `1m30s`, `500ms`, `1.5s`.
    package static func format(nanoseconds value: Int64) -> String {
        if value == 0 { return "0s" }
        if value < 0 { return "-" + format(nanoseconds: value == Int64.min ? Int64.max : -value) }
        if value < 1_000_000_000 {
            if value % 1_000_000 == 0 { return "\(value / 1_000_000)ms" }
            if value % 1_000 == 0 { return "\(value / 1_000)µs" }
            return "\(value)ns"
        }
        let hours = value / 3_600_000_000_000
        let minutes = (value / 60_000_000_000) % 60
        let nanos = value % 60_000_000_000
        var seconds = "\(nanos / 1_000_000_000)"
        let fraction = nanos % 1_000_000_000
        if fraction != 0 {
            var digits = String(format: "%09lld", fraction)
            while digits.hasSuffix("0") { digits.removeLast() }
            seconds += "." + digits
        }
        if hours > 0 { return "\(hours)h\(minutes)m\(seconds)s" }
        if minutes > 0 { return "\(minutes)m\(seconds)s" }
        return "\(seconds)s"
    }
}
