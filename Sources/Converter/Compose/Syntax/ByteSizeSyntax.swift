import Foundation

/// Compose byte sizes: `512`, `512k`, `512M`, `1g`, `10000Mb`; units are binary (1k = 1024).
package enum ByteSizeSyntax {
    package static func bytes(_ text: String) -> Int64? {
        let trimmed = text.trimmingSpaces().lowercased()
        let digits = trimmed.prefix { $0.isNumber || $0 == "." }
        guard !digits.isEmpty, let number = Double(digits) else { return nil }
        var unit = trimmed.dropFirst(digits.count)
        if unit.hasSuffix("ib") { unit = unit.dropLast(2) } else if unit.hasSuffix("b") { unit = unit.dropLast() }
        let scale: Double
        switch unit {
        case "": scale = 1
        case "k": scale = 1024
        case "m": scale = 1024 * 1024
        case "g": scale = 1024 * 1024 * 1024
        case "t": scale = 1024 * 1024 * 1024 * 1024
        case "p": scale = 1024 * 1024 * 1024 * 1024 * 1024
        default: return nil
        }
        let value = number * scale
        guard value < Double(Int64.max) else { return nil }
        return Int64(value)
    }
}
