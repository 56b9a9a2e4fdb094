/// Collects diagnostics while a stage runs, so one run reports every problem it finds.
package final class DiagnosticSink {
    private var collected: [Diagnostic] = []

    /// Everything reported, in the order of the files' lines (then the order reported).
    package var diagnostics: [Diagnostic] {
        collected.enumerated().sorted { left, right in
            let a = left.element.location
            let b = right.element.location
            let keyA = (a?.file ?? "", a?.line ?? 0, a?.column ?? 0)
            let keyB = (b?.file ?? "", b?.line ?? 0, b?.column ?? 0)
            return keyA != keyB ? keyA < keyB : left.offset < right.offset
        }.map(\.element)
    }

    package init() {}

    package func report(_ diagnostic: Diagnostic) {
        collected.append(diagnostic)
    }

    package func error(_ message: String, at location: SourceLocation?, path: String) {
        report(.error(message, at: location, path: path))
    }

    package func warning(_ message: String, at location: SourceLocation?, path: String, subject: String? = nil) {
        var diagnostic = Diagnostic.warning(message, at: location, path: path)
        diagnostic.subject = subject
        report(diagnostic)
    }

    package var hasErrors: Bool {
        collected.contains { $0.severity == .error }
    }

    /// Throws every error collected so far, together with the warnings that came before.
    package func throwIfErrors() throws {
        if hasErrors { throw DiagnosticError(diagnostics) }
    }
}
