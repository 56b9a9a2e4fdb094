/// The conversion pipeline's entry: `ComposeProject` → `ServiceGraph` → mapping rules →
/// Kubernetes objects in apply order, with every diagnostic.
public struct ComposeConverter {
    package var options: ConversionOptions
    package var files: FileSource

    public init(options: ConversionOptions = ConversionOptions()) {
        self.init(options: options, files: DiskFileSource())
    }

    /// - Parameter files: where bind-mounted files are read from.
    package init(options: ConversionOptions, files: FileSource) {
        self.options = options
        self.files = files
    }

    /// The rules in the order they run. `WorkloadRule` makes the workloads every later rule
    /// edits; each rule names the rules whose output it reads (`readsOutputOf`,
    /// `readsFinishedWorkloads`); `UnconvertedKeysRule` reads every mark, so it is last. After
    /// the rules, `JobNames` names Jobs by their final content, then `verify` checks it all.
    /// `RuleOrderTests` checks this list against the rules' declarations.
    static let stages: [RuleStage] = [
        .project(WorkloadRule()),
        .services([
            EnvironmentRule(), PortsRule(), StatefulSetRule(), NamedVolumeRule(), BindMountRule(), DatabaseDataRule(), MemoryVolumeRule(),
            ConfigsSecretsRule(), HealthcheckRule(), SecretValuesRule(), DependsOnRule(), DeployRule(), GPURule(), XKubernetesRule(), AutoscaleRule(),
            IngressRule(), ProxyRouteRule(),
            SecurityRule(), RuntimeRule(), LabelsRule(),
        ]),
        .project(SharedNetworkRule()), .project(GPUSharingRule()), .project(OfeliaRule()), .project(ProjectSecretRule()), .project(NetworkPolicyRule()),
        .project(QuotaRule()),
        .project(NamespaceRule()), .project(UnconvertedKeysRule()),
    ]

    /// - Throws: `DiagnosticError` for a dependency cycle or a rule's error, or when the
    ///   verification stage finds an object a cluster would refuse (a converter bug).
    public func convert(_ written: ComposeProject) throws -> ConversionResult {
        let files = CachingFileSource(files)
        // Who reaches whom is read as written; then names no Service can carry are rewritten.
        let references = ServiceReferences.scan(written, files: files)
        // A reverse proxy that is replaced has no Service: its names (often the public hosts it
        // routes, as network aliases) are the ingress controller's now, so they stay as written.
        let proxies = Set(written.services.filter { EdgeProxy.detect($0) != nil }.map(\.name))
        let rewrite = HostRewrite(names: references.names.filter { !proxies.contains($0.value) })
        let (renamed, rewrittenValues) = rewrite.apply(to: written)
        let (project, loopbacks) = LoopbackRewrite.apply(to: renamed)
        let rewrites = rewrittenValues + rewrite.rewriteBoundFiles(of: project, in: files)
        let reached = Set(references.references.filter { $0.from != $0.to }.map(\.to))
        let graph = try GraphBuilder(statefulVolumes: options.stateful, reached: reached).build(project)
        let conversion = Conversion(project: project, graph: graph, options: options, files: files, references: references)
        conversion.noteRewrites(rewrites)
        conversion.edge.reportNamesOfTheProxies(references) { message, path in conversion.warn(message, path: path) }
        for change in loopbacks {
            conversion.warn(
                "\(change.from) was a published port of the Docker host; with host networking in a cluster it is the node's, where "
                    + "nothing listens, so it now reads \(change.to), the Service (the pod keeps host networking for its own ports)",
                path: change.path)
        }
        for stage in Self.stages { stage.run(on: conversion) }
        JobNames.assign(in: conversion)
        let diagnostics = conversion.diagnostics
        if diagnostics.contains(where: { $0.severity == .error }) { throw DiagnosticError(diagnostics) }
        let objects = conversion.orderedObjects
        try Verification.verify(objects, external: conversion.externalReferences, warnings: diagnostics)
        return ConversionResult(
            objects: objects, diagnostics: diagnostics, report: conversion.report, graph: graph,
            project: ProjectFacts(project: project, files: files),
            external: conversion.externalReferences.sorted(), gpuPlacement: options.gpuPlacement,
            coverage: options.reportsCoverage ? conversion.coverage : [:])
    }
}

/// What a conversion produced.
public struct ConversionResult: Sendable {
    package var objects: [KubernetesObject]
    public var diagnostics: [Diagnostic]
    /// Each compose service and the objects it became, in the order they were made.
    package var report: [String: [String]]
    package var graph: ServiceGraph
    /// What the outputs say about the compose project; emitters read this, never the compose model.
    package var project: ProjectFacts
    /// `Kind/name` of objects the output refers to that must exist before it is applied
    /// (external volumes, secrets and configs), in name order.
    package var external: [String] = []
    /// The node selector and runtime class GPU pods got (none unless asked for), so the CPU
    /// forms can take them out again.
    package var gpuPlacement = GPU.Placement()
    /// Each compose key path → `used`, `reported` or `silent` (see `Conversion.coverage`); empty
    /// unless `ConversionOptions.reportsCoverage`.
    package var coverage: [String: String]
    /// The services of every profile and which profiles were active, when the result carries the
    /// services its profile selection left out (`addingProfileServices`), as a Helm chart does.
    package var profiles: ProfileServices?
}
