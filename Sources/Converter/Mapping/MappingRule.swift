/// One concern of the conversion (ports, volumes, probes, …): reads the project and graph,
/// adds objects or edits workloads, marks the compose keys it used, reports what it cannot map.
protocol MappingRule: Sendable {
    func apply(to conversion: Conversion)
}

/// A rule that handles each workload service in turn.
protocol ServiceRule: MappingRule {
    func apply(to service: Service, workload: inout Workload, in conversion: Conversion)
}

extension ServiceRule {
    func apply(to conversion: Conversion) {
        for node in conversion.graph.nodes {
            // Taken out while edited, so the edit does not copy the workload the dictionary holds.
            guard var workload = conversion.workloads.removeValue(forKey: node.service.name) else { continue }
            apply(to: node.service, workload: &workload, in: conversion)
            conversion.workloads[node.service.name] = workload
        }
    }
}

extension Service {
    /// The Kubernetes name of this service's objects.
    var kubernetesName: String { KubernetesName.dns1123(name) }

    func path(_ key: String) -> String { "services.\(name).\(key)" }
}
