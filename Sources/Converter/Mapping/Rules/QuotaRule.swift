/// `--quota` → one ResourceQuota holding the sum of the project's requests and limits
/// (times replicas), so the namespace fits exactly what the compose project asked for.
struct QuotaRule: MappingRule {
    /// The quota sums every finished workload's resources.
    static let readsOutputOf: [any ConversionRule.Type] = [DeployRule.self]
    static let readsFinishedWorkloads = true

    static let keys = KeyOwnership()

    func apply(to conversion: Conversion) {
        guard conversion.options.quota else { return }
        var totals: [String: Double] = [:]
        for workload in conversion.workloads.values where workload.kind != .cronJob && workload.kind != .job {
            let copies = Double(workload.replicas ?? 1)
            for container in workload.pod.containers {
                add(container.resources.requests, prefix: "requests", copies: copies, to: &totals)
                add(container.resources.limits, prefix: "limits", copies: copies, to: &totals)
            }
        }
        guard !totals.isEmpty else {
            conversion.warn("--quota: no service sets resources, so no ResourceQuota is made", path: "services")
            return
        }
        let hard = totals.mapValues { _ in "" }.reduce(into: [String: String]()) { result, entry in
            let value = totals[entry.key] ?? 0
            result[entry.key] =
                entry.key.hasSuffix("memory")
                ? Quantity.memory(Int64(value)) : entry.key.hasSuffix("cpu") ? Quantity.cpu(value) : String(Int(value))
        }
        let name = KubernetesName.dns1123("\(conversion.project.name)-quota")
        conversion.add(ResourceQuotaObject(metadata: conversion.metadata(name, component: name), hard: hard).object)
    }

    private func add(_ resources: [(String, String)], prefix: String, copies: Double, to totals: inout [String: Double]) {
        for (name, text) in resources {
            let value = name == "memory" ? Quantity.bytes(text).map(Double.init) : name == "cpu" ? Quantity.cores(text) : Double(text)
            guard let value else { continue }
            totals["\(prefix).\(name)", default: 0] += value * copies
        }
    }
}
