import Foundation

/// Ofelia schedules (Go cron with seconds, `@every`, descriptors) → Kubernetes' 5-field cron.
package enum CronSchedule {
    package struct Result: Equatable, Sendable {
        package var cron: String
        /// Why the result is not exactly the original, when it is not.
        package var warning: String?
    }

    static let descriptors = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@hourly"]

    /// nil when the text is not a schedule.
    package static func convert(_ text: String) -> Result? {
        let trimmed = text.trimmingSpaces()
        if descriptors.contains(trimmed) { return Result(cron: trimmed) }
        if trimmed == "@midnight" { return Result(cron: "@daily") }
        if trimmed.hasPrefix("@every ") { return every(String(trimmed.dropFirst(7))) }
        let fields = trimmed.split(separator: " ").map(String.init)
        switch fields.count {
        case 5: return Result(cron: fields.joined(separator: " "))
        case 6:
            let cron = fields.dropFirst().joined(separator: " ")
            return Result(
                cron: cron,
                warning: fields[0] == "0" ? nil : "the seconds field \"\(fields[0])\" is dropped: Kubernetes schedules by the minute")
        default: return nil
        }
    }

    private static func every(_ text: String) -> Result? {
        guard let seconds = DurationSyntax.seconds(text), seconds > 0 else { return nil }
        let minutes = Int((seconds / 60).rounded())
        if seconds < 60 {
            return Result(cron: "* * * * *", warning: "every \(text) is more often than Kubernetes can schedule; it runs every minute")
        }
        let exact = seconds.truncatingRemainder(dividingBy: 60) == 0
        if minutes < 60, 60 % minutes == 0, exact { return Result(cron: minutes == 1 ? "* * * * *" : "*/\(minutes) * * * *") }
        if minutes % 60 == 0 {
            let hours = minutes / 60
            if hours < 24, 24 % hours == 0 { return Result(cron: hours == 1 ? "0 * * * *" : "0 */\(hours) * * *") }
            if hours == 24 { return Result(cron: "0 0 * * *") }
        }
        let nearest = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30].min { abs($0 - minutes) < abs($1 - minutes) } ?? 1
        if minutes < 60 {
            return Result(
                cron: "*/\(nearest) * * * *", warning: "every \(text) does not divide an hour; it runs every \(nearest) minutes instead")
        }
        let hours = max(1, Int((Double(minutes) / 60).rounded()))
        let nearestHours = [1, 2, 3, 4, 6, 8, 12, 24].min { abs($0 - hours) < abs($1 - hours) } ?? 24
        let cron = nearestHours == 24 ? "0 0 * * *" : "0 */\(nearestHours) * * *"
        return Result(cron: cron, warning: "every \(text) does not divide a day; it runs every \(nearestHours) hours instead")
    }
}
