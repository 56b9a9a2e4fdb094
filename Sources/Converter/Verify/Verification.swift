/// The verification stage of a conversion: the objects checked as an API server would check them.
enum Verification {
    /// - Throws: `DiagnosticError` with the conversion's `warnings` and an internal error per
    ///   object a cluster would refuse (a converter bug).
    static func verify(_ objects: [KubernetesObject], external: Set<String>, warnings: [Diagnostic]) throws {
        let problems = OutputVerifier(objects: objects, external: external).diagnostics()
        if !problems.isEmpty { throw DiagnosticError(warnings + problems) }
    }
}
