/// A finding about the user's input, printed as `file:line:col: severity: message [key.path]`.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable, Comparable {
        case warning, error

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .warning && rhs == .error
        }
    }

    public var severity: Severity
    public var message: String
    public var location: SourceLocation?
    /// The compose key path the finding is about, such as `services.api.ports[1]`.
    public var path: String
    /// The one word a repeated finding varies in (a variable's name): findings alike but for it
    /// are printed as one line listing them.
    package var subject: String?

    package init(_ severity: Severity, _ message: String, at location: SourceLocation?, path: String) {
        self.severity = severity
        self.message = message
        self.location = location
        self.path = path
    }

    package static func error(_ message: String, at location: SourceLocation?, path: String) -> Diagnostic {
        Diagnostic(.error, message, at: location, path: path)
    }

    package static func warning(_ message: String, at location: SourceLocation?, path: String) -> Diagnostic {
        Diagnostic(.warning, message, at: location, path: path)
    }

    public var description: String {
        let prefix = location.map { "\($0): " } ?? ""
        let suffix = path.isEmpty ? "" : " [\(path)]"
        return "\(prefix)\(severity.rawValue): \(message)\(suffix)"
    }
}

/// Thrown when input cannot be read; carries every error found, not only the first.
public struct DiagnosticError: Error, CustomStringConvertible, Sendable {
    public var diagnostics: [Diagnostic]

    package init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    package init(_ diagnostic: Diagnostic) {
        self.diagnostics = [diagnostic]
    }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
