/// `--network-policies` → one NetworkPolicy per compose network: pods on a network accept
/// traffic from pods on the same network only, as compose networks isolate; published ports
/// stay open to everyone through a policy of their own.
struct NetworkPolicyRule: MappingRule {
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
            let selector: Manifest = .object([
                ("matchLabels", .object([(Self.labelPrefix + KubernetesName.dns1123(network), .string("true"))]))
            ])
            conversion.add(
                .generic(
                    GenericObject(
                        apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: conversion.metadata(name, component: name),
                        body: [
                            (
                                "spec",
                                .object([
                                    ("podSelector", selector), ("policyTypes", .strings(["Ingress"])),
                                    ("ingress", .list([.object([("from", .list([.object([("podSelector", selector)])]))])])),
                                ])
                            )
                        ])))
            conversion.consume("networks.\(network)")
        }
    }

    private func addPublishedPolicy(for service: Service, in conversion: Conversion) {
        let published = service.ports.filter { $0.published != nil }
        guard !published.isEmpty else { return }
        let name = KubernetesName.dns1123("\(service.kubernetesName)-published")
        let ports: [Manifest] = published.map {
            .object([("protocol", .string($0.proto.rawValue.uppercased())), ("port", .int($0.target))])
        }
        conversion.add(
            .generic(
                GenericObject(
                    apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy",
                    metadata: conversion.metadata(name, component: service.kubernetesName),
                    body: [
                        (
                            "spec",
                            .object([
                                (
                                    "podSelector",
                                    .object([("matchLabels", .sorted(conversion.labels.selector(for: service.kubernetesName)))])
                                ),
                                ("policyTypes", .strings(["Ingress"])), ("ingress", .list([.object([("ports", .list(ports))])])),
                            ])
                        )
                    ])), for: service.name)
    }
}
