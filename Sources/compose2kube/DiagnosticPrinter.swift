import Converter
import Foundation

/// Writes diagnostics to standard error, one per line: findings alike but for their subject (a
/// variable's name) or their service become one line that lists the others; `error:` and `warning:` in colour on
/// a terminal, never with `NO_COLOR`. Then one summary line.
enum DiagnosticPrinter {
    static func print(_ diagnostics: [Diagnostic], summary: Bool = true) {
        guard !diagnostics.isEmpty else { return }
        var text = lines(diagnostics, colour: usesColour).joined(separator: "\n") + "\n"
        if summary { text += summaryLine(diagnostics) + "\n" }
        StandardError.write(text)
    }

    /// `2 errors, 1 warning` as printed (a grouped line counts once, the findings it holds
    /// follow), and what was written when something was.
    static func summaryLine(_ diagnostics: [Diagnostic], wrote: String? = nil) -> String {
        let groups = DiagnosticGroup.groups(diagnostics)
        let errors = groups.filter { $0.first.severity == .error }.count
        let warnings = groups.count - errors
        var counts = "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
        if groups.count < diagnostics.count { counts += " (\(diagnostics.count) findings, alike ones on one line)" }
        return wrote.map { "\(counts); \($0)" } ?? counts
    }

    /// One line per finding, alike ones grouped at the first's place.
    static func lines(_ diagnostics: [Diagnostic], colour: Bool = false) -> [String] {
        DiagnosticGroup.groups(diagnostics).map { line($0.first, others: $0.others, colour: colour) }
    }

    private static func line(_ diagnostic: Diagnostic, others: [String], colour: Bool) -> String {
        let prefix = diagnostic.location.map { "\($0): " } ?? ""
        let severity = diagnostic.severity.rawValue
        let label =
            colour
            ? (diagnostic.severity == .error ? "\u{1B}[1;31m\(severity):\u{1B}[0m" : "\u{1B}[1;33m\(severity):\u{1B}[0m") : "\(severity):"
        var message = diagnostic.message
        if !others.isEmpty {
            let shown = others.prefix(12).joined(separator: ", ")
            let more = others.count > 12 ? " and \(others.count - 12) more" : ""
            message += " (the same for \(shown)\(more))"
        }
        let suffix = diagnostic.path.isEmpty ? "" : " [\(diagnostic.path)]"
        return "\(prefix)\(label) \(message)\(suffix)"
    }

    /// Colour only on a terminal, and never when `NO_COLOR` is set (no-color.org).
    private static var usesColour: Bool {
        isatty(STDERR_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }
}
