/// Objects about a workload's pods that are not the workload: a disruption budget, an
/// autoscaler, an Ingress, network policies. Typed so a misspelt field is a compile error; each
/// becomes its manifest through `object`.
package struct DisruptionBudgetObject: Equatable, Sendable {
    package var metadata: ObjectMeta
    package var minAvailable: Int
    package var selector: [String: String]

    package var object: KubernetesObject {
        .generic(
            GenericObject(
                apiVersion: "policy/v1", kind: "PodDisruptionBudget", metadata: metadata,
                body: [
                    ("spec", .object([("minAvailable", .int(minAvailable)), ("selector", .object([("matchLabels", .sorted(selector))]))]))
                ]))
    }
}

package struct AutoscalerObject: Equatable, Sendable {
    /// Average use of a resource, in percent of the pods' requests.
    package struct Target: Equatable, Sendable {
        package var resource: String
        package var averageUtilization: Int
    }
    package var metadata: ObjectMeta
    package var targetKind: Workload.Kind
    package var targetName: String
    package var minReplicas: Int
    package var maxReplicas: Int
    package var targets: [Target]

    package var object: KubernetesObject {
        let metrics: [Manifest] = targets.map {
            .object([
                ("type", .string("Resource")),
                (
                    "resource",
                    .object([
                        ("name", .string($0.resource)),
                        ("target", .object([("type", .string("Utilization")), ("averageUtilization", .int($0.averageUtilization))])),
                    ])
                ),
            ])
        }
        let target: Manifest = .object([
            ("apiVersion", .string(targetKind.apiVersion)), ("kind", .string(targetKind.rawValue)), ("name", .string(targetName)),
        ])
        return .generic(
            GenericObject(
                apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler", metadata: metadata,
                body: [
                    (
                        "spec",
                        .object([
                            ("scaleTargetRef", target), ("minReplicas", .int(minReplicas)), ("maxReplicas", .int(maxReplicas)),
                            ("metrics", .list(metrics)),
                        ])
                    )
                ]))
    }
}

package struct IngressObject: Equatable, Sendable {
    /// A host (every host when nil) and path prefix routed to the Service's port.
    package struct Route: Equatable, Sendable {
        package var host: String?
        package var path: String
        /// `pathType: Exact` (the whole path) rather than `Prefix`.
        package var exact = false
    }
    package var metadata: ObjectMeta
    package var className: String?
    package var tlsSecret: String?
    package var routes: [Route]
    package var service: String
    package var port: Int
    /// Host → how it was written with variables, so that a chart's host follows them; and the key
    /// path of that written value (not part of the manifest).
    package var hostTemplates: [String: Template] = [:]
    package var hostsWrittenAt: String?

    package var object: KubernetesObject { .ingress(self) }

    /// The hosts of the routes, each once, in order: what the TLS certificate covers.
    package var hosts: [String] {
        routes.compactMap(\.host).reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
    }

    package var manifest: Manifest {
        let backend: Manifest = .object([("service", .object([("name", .string(service)), ("port", .object([("number", .int(port))]))]))])
        let rules: [Manifest] = routes.map { route in
            .object([
                ("host", route.host.map(Manifest.string)),
                (
                    "http",
                    .object([
                        (
                            "paths",
                            .list([
                                .object([
                                    ("path", .string(route.path)), ("pathType", .string(route.exact ? "Exact" : "Prefix")), ("backend", backend),
                                ])
                            ])
                        )
                    ])
                ),
            ])
        }
        let tls: Manifest? = tlsSecret.map {
            .list([.object([("hosts", .strings(hosts)), ("secretName", .string($0))])])
        }
        return GenericObject(
            apiVersion: "networking.k8s.io/v1", kind: "Ingress", metadata: metadata,
            body: [("spec", .object([("ingressClassName", className.map(Manifest.string)), ("tls", tls), ("rules", .list(rules))]))]
        ).manifest
    }
}

/// An ingress-only NetworkPolicy for the pods `podSelector` selects: traffic from pods that
/// `from` selects, or (`from` nil) from anywhere to `ports`.
package struct NetworkPolicyObject: Equatable, Sendable {
    package struct Port: Equatable, Sendable {
        package var proto: PortProtocol
        package var port: Int
    }
    package var metadata: ObjectMeta
    package var podSelector: [String: String]
    package var from: [String: String]?
    package var ports: [Port] = []

    package var object: KubernetesObject {
        var rule: [(String, Manifest?)] = []
        if let from { rule.append(("from", .list([.object([("podSelector", .object([("matchLabels", .sorted(from))]))])]))) }
        if !ports.isEmpty {
            rule.append(("ports", .list(ports.map { .object([("protocol", .string($0.proto.rawValue)), ("port", .int($0.port))]) })))
        }
        return .generic(
            GenericObject(
                apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: metadata,
                body: [
                    (
                        "spec",
                        .object([
                            ("podSelector", .object([("matchLabels", .sorted(podSelector))])), ("policyTypes", .strings(["Ingress"])),
                            ("ingress", .list([.object(rule)])),
                        ])
                    )
                ]))
    }
}
