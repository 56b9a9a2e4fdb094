/// The verification stage of one conversion, running on another core while the caller emits
/// the output: `ComposeConverter.convertVerifyingAlongside` hands it over, and nothing may be
/// written before `wait()` returns.
public final class Verification: Sendable {
    /// The problems a cluster would refuse, found on another core.
    private let problems: Parallel.Background<[Diagnostic]>
    /// The conversion's warnings, which a failure reports before its problems.
    private let diagnostics: [Diagnostic]

    /// Starts verifying `objects` on another core.
    init(objects: [KubernetesObject], external: Set<String>, diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
        problems = Parallel.Background { OutputVerifier(objects: objects, external: external).diagnostics() }
    }

    /// Waits for the verification to end.
    /// - Throws: `DiagnosticError` with the warnings so far and an internal error per object a
    ///   cluster would refuse (a converter bug).
    public func wait() throws {
        let problems = problems.value
        if !problems.isEmpty { throw DiagnosticError(diagnostics + problems) }
    }
}
