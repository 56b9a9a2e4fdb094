import Dispatch

/// The verification stage of one conversion, running on another core while the caller emits
/// the output: `ComposeConverter.convertVerifyingAlongside` hands it over, and nothing may be
/// written before `wait()` returns.
public final class Verification: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    /// Written once, on the verifying thread, before `done` is signalled; read after.
    private var problems: [Diagnostic] = []
    /// The conversion's warnings, which a failure reports before its problems.
    private let diagnostics: [Diagnostic]
    private var waited = false

    /// Starts verifying `objects` on another core.
    init(objects: [KubernetesObject], external: Set<String>, diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            problems = OutputVerifier(objects: objects, external: external).diagnostics()
            done.signal()
        }
    }

    /// Waits for the verification to end.
    /// - Throws: `DiagnosticError` with the warnings so far and an internal error per object a
    ///   cluster would refuse (a converter bug).
    public func wait() throws {
        if !waited {
            done.wait()
            waited = true
        }
        if !problems.isEmpty { throw DiagnosticError(diagnostics + problems) }
    }
}
