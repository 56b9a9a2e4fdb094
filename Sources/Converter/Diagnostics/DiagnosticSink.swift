/// Collects diagnostics while a stage runs, so one run reports every problem it finds.
public final class DiagnosticSink: @unchecked Sendable {
    public private(set) var diagnostics: [Diagnostic] = []

    public init() {}

    public func report(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    public func error(_ message: String, at location: SourceLocation?, path: String) {
        report(.error(message, at: location, path: path))
    }

    public func warning(_ message: String, at location: SourceLocation?, path: String) {
        report(.warning(message, at: location, path: path))
    }

    public var hasErrors: Bool {
        diagnostics.contains { $0.severity == .error }
    }

    /// Throws every error collected so far, together with the warnings that came before.
    public func throwIfErrors() throws {
        if hasErrors { throw DiagnosticError(diagnostics) }
    }
}
