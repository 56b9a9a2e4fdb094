/// A rule of `ComposeConverter.stages`: the keys it owns, and what it reads of other rules'
/// output, which decides where it may run (`RuleOrderTests` checks the stages against it).
protocol ConversionRule: OwnsKeys {
    /// The rules whose objects or edits this one reads: they run before it.
    static var readsOutputOf: [any ConversionRule.Type] { get }
    /// Whether it reads every workload as the service rules left it: it runs after them.
    static var readsFinishedWorkloads: Bool { get }
}

extension ConversionRule {
    static var readsOutputOf: [any ConversionRule.Type] { [] }
    static var readsFinishedWorkloads: Bool { false }
}

/// One concern of the conversion (ports, volumes, probes, …): reads the project and graph,
/// adds objects or edits workloads, marks the compose keys it used, reports what it cannot map.
protocol MappingRule: ConversionRule {
    func apply(to conversion: Conversion)
}

/// A rule that handles one workload service at a time, after the rules before it handled it
/// (and, the services going in dependency order, after every rule handled its dependencies).
protocol ServiceRule: ConversionRule {
    func apply(to service: Service, workload: inout Workload, in conversion: Conversion)
}

/// One step of the conversion: a rule over the whole project, or service rules applied in turn
/// to each workload service.
enum RuleStage: Sendable {
    case project(MappingRule)
    case services([ServiceRule])

    func run(on conversion: Conversion) {
        switch self {
        case .project(let rule):
            rule.apply(to: conversion)
        case .services(let rules):
            for node in conversion.graph.nodes {
                // Taken out while edited, so the edits do not copy the workload the dictionary holds.
                guard var workload = conversion.workloads.removeValue(forKey: node.service.name) else { continue }
                let service = node.service
                for rule in rules { rule.apply(to: service, workload: &workload, in: conversion) }
                conversion.workloads[service.name] = workload
            }
        }
    }
}

extension Service {
    /// The Kubernetes name of this service's objects.
    var kubernetesName: String { KubernetesName.dns1123(self.name) }

    func path(_ key: String) -> String { KeyPath.ofService(self.name, key: key) }
}
