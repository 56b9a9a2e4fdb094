/// The conversion pipeline's entry: `ComposeProject` → `ServiceGraph` → mapping rules →
/// Kubernetes objects in apply order, with every diagnostic.
public struct ComposeConverter {
    public var options: ConversionOptions
    public var files: FileSource

    public init(options: ConversionOptions = ConversionOptions(), files: FileSource = DiskFileSource()) {
        self.options = options
        self.files = files
    }

    /// The rules in the order they run; `UnconvertedKeysRule` must stay last. The service rules
    /// run one service at a time, all of them for a service before the next (in dependency order,
    /// so a service's dependencies are converted before it). What each needs from the ones before:
    /// - `WorkloadRule` makes every workload and its container; all later rules edit them.
    /// - `PortsRule` makes the Services: `StatefulSetRule` (governing Service), `IngressRule`
    ///   (the port) and `DependsOnRule` (the port a wait connects to) read them.
    /// - `EnvironmentRule` makes `<service>-env` (`ObjectNames.environment`) and puts sensitive
    ///   values in `Conversion.projectSecret`, which `SecretValuesRule` reads and `OfeliaRule`
    ///   adds to; `ProjectSecretRule` then adds the Secret. `HealthcheckRule` makes the probes
    ///   `SecretValuesRule` rewrites.
    /// - The volume rules make the claims `OfeliaRule` (a CronJob's mounts) and `JobNames` (a Job's
    ///   ConfigMaps) read; `DependsOnRule` runs for a service after its dependencies' Services exist.
    /// - `OfeliaRule` needs the finished workloads it copies; `NetworkPolicyRule` and `QuotaRule`
    ///   need every workload; `NamespaceRule` only the options; `UnconvertedKeysRule` every mark.
    /// After the rules, `JobNames` names Jobs by their final content, then `verify` checks it all.
    static let stages: [RuleStage] = [
        .project(WorkloadRule()),
        .services([
            EnvironmentRule(), PortsRule(), StatefulSetRule(), NamedVolumeRule(), BindMountRule(), MemoryVolumeRule(),
            ConfigsSecretsRule(), HealthcheckRule(), SecretValuesRule(), DependsOnRule(), DeployRule(), XKubernetesRule(), AutoscaleRule(),
            IngressRule(),
            SecurityRule(), RuntimeRule(), LabelsRule(),
        ]),
        .project(SharedNetworkRule()), .project(OfeliaRule()), .project(ProjectSecretRule()), .project(NetworkPolicyRule()),
        .project(QuotaRule()),
        .project(NamespaceRule()), .project(UnconvertedKeysRule()),
    ]

    /// - Throws: `DiagnosticError` for a dependency cycle or a rule's error, or when the
    ///   verification stage finds an object a cluster would refuse (a converter bug).
    public func convert(_ project: ComposeProject) throws -> ConversionResult {
        let files = CachingFileSource(files)
        let graph = try GraphBuilder(statefulVolumes: options.stateful).build(project)
        let references = ServiceReferences.scan(project, files: files)
        let conversion = Conversion(project: project, graph: graph, options: options, files: files, references: references)
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
    public var objects: [KubernetesObject]
    public var diagnostics: [Diagnostic]
    /// Each compose service and the objects it became, in the order they were made.
    public var report: [String: [String]]
    public var graph: ServiceGraph
    /// What the outputs say about the compose project; emitters read this, never the compose model.
    public var project: ProjectFacts
    /// `Kind/name` of objects the output refers to that must exist before it is applied
    /// (external volumes, secrets and configs), in name order.
    public var external: [String] = []
    /// The node selector and runtime class GPU pods got (none unless asked for), so the CPU
    /// forms can take them out again.
    public var gpuPlacement = GPU.Placement()
    /// Each compose key path → `used`, `reported` or `silent` (see `Conversion.coverage`); empty
    /// unless `ConversionOptions.reportsCoverage`.
    public var coverage: [String: String]
    /// The services of every profile and which profiles were active, when the result carries the
    /// services its profile selection left out (`addingProfileServices`), as a Helm chart does.
    public var profiles: ProfileServices?
}
