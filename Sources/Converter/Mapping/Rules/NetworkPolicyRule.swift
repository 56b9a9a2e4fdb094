/// `--network-policies` → one NetworkPolicy per compose network: pods on a network accept
/// traffic from pods on the same network only, as compose networks isolate; published ports
/// stay open to everyone through a policy of their own.
struct NetworkPolicyRule: MappingRule {
    /// A policy selects the finished pods and opens the ports of the Services `PortsRule` made.
    static let readsOutputOf: [any ConversionRule.Type] = [PortsRule.self]
    static let readsFinishedWorkloads = true

    static let keys = KeyOwnership(
        owns: ["networks.*", "networks.*.name", "networks.*.internal", "networks.*.external"],
        ignores: [
            "networks.*.attachable":
                "is not converted: pods share the cluster's network, and Services keep names resolving",
            "networks.*.driver":
                "is not converted: pods share the cluster's network, and Services keep names resolving",
            "networks.*.driver_opts":
                "is not converted: pods share the cluster's network, and Services keep names resolving",
            "networks.*.enable_ipv4":
                "is not converted: pods share the cluster's network, and Services keep names resolving",
            "networks.*.enable_ipv6":
                "is not converted: pods share the cluster's network, and Services keep names resolving",
            "networks.*.ipam":
                "is not converted: pods share the cluster's network, and Services keep names resolving",
            "networks.*.labels.*":
                "is not converted: pods share the cluster's network, and Services keep names resolving",
        ])

    static let labelPrefix = "network.compose2kube.io/"

    func apply(to conversion: Conversion) {
        guard conversion.options.networkPolicies else { return }
        var members: [String: [String]] = [:]
        for node in conversion.graph.nodes {
            guard var workload = conversion.workloads[node.service.name] else { continue }
            for network in node.service.networks {
                let label = Self.labelPrefix + KubernetesName.dns1123(network.name)
                workload.metadata.labels[label] = "true"
                members[network.name, default: []].append(node.service.name)
            }
            conversion.workloads[node.service.name] = workload
            addPublishedPolicy(for: node.service, in: conversion)
        }
        for (network, _) in members.sorted(by: { $0.key < $1.key }) {
            let name = KubernetesName.dns1123("network-\(network)")
            let selector = [Self.labelPrefix + KubernetesName.dns1123(network): "true"]
            let policy = NetworkPolicyObject(metadata: conversion.metadata(name, component: name), podSelector: selector, from: selector)
            conversion.add(policy.object)
            conversion.consume("networks.\(network)")
        }
    }

    private func addPublishedPolicy(for service: Service, in conversion: Conversion) {
        let published = service.ports.filter { $0.published != nil }
        guard !published.isEmpty else { return }
        let name = KubernetesName.dns1123("\(service.kubernetesName)-published")
        let policy = NetworkPolicyObject(
            metadata: conversion.metadata(name, component: service.kubernetesName),
            podSelector: conversion.labels.selector(for: service.kubernetesName), from: nil,
            ports: published.map { NetworkPolicyObject.Port(proto: $0.proto.kubernetes, port: $0.target) })
        conversion.add(policy.object, for: service.name)
    }
}
