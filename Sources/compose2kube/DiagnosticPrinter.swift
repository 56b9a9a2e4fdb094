import Converter
import Foundation

/// Writes diagnostics to standard error, one per line: findings alike but for their subject (a
/// variable's name) become one line that lists the others; `error:` and `warning:` in colour on
/// a terminal, never with `NO_COLOR`. Then one summary line.
enum DiagnosticPrinter {
    static func print(_ diagnostics: [Diagnostic], summary: Bool = true) {
        guard !diagnostics.isEmpty else { return }
        var text = lines(diagnostics, colour: usesColour).joined(separator: "\n") + "\n"
        if summary { text += summaryLine(diagnostics) + "\n" }
        StandardError.write(text)
    }

    /// `2 errors, 1 warning`, and what was written when something was.
    static func summaryLine(_ diagnostics: [Diagnostic], wrote: String? = nil) -> String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        let counts = "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
        return wrote.map { "\(counts); \($0)" } ?? counts
    }

    /// One line per finding, repeated ones grouped at the first's place.
    static func lines(_ diagnostics: [Diagnostic], colour: Bool = false) -> [String] {
        var groups: [(first: Diagnostic, others: [String])] = []
        var index: [String: Int] = [:]
        for diagnostic in diagnostics {
            guard let subject = diagnostic.subject, let range = diagnostic.message.range(of: subject) else {
                groups.append((diagnostic, []))
                continue
            }
            let key = "\(diagnostic.severity.rawValue)\u{0}\(diagnostic.message.replacingCharacters(in: range, with: "\u{0}"))"
            if let position = index[key] {
                if subject != groups[position].first.subject, !groups[position].others.contains(subject) {
                    groups[position].others.append(subject)
                }
            } else {
                index[key] = groups.count
                groups.append((diagnostic, []))
            }
        }
        return groups.map { line($0.first, others: $0.others, colour: colour) }
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
