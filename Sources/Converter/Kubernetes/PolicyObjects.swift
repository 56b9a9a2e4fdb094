/// Objects about a workload's pods that are not the workload: a disruption budget, an
/// autoscaler, an Ingress, network policies. Typed so a misspelt field is a compile error; each
/// becomes its manifest through `object`.
public struct DisruptionBudgetObject: Equatable, Sendable {
    public var metadata: ObjectMeta
    public var minAvailable: Int
    public var selector: [String: String]

    public var object: KubernetesObject {
        .generic(
            GenericObject(
                apiVersion: "policy/v1", kind: "PodDisruptionBudget", metadata: metadata,
                body: [
                    ("spec", .object([("minAvailable", .int(minAvailable)), ("selector", .object([("matchLabels", .sorted(selector))]))]))
                ]))
    }
}

public struct AutoscalerObject: Equatable, Sendable {
    /// Average use of a resource, in percent of the pods' requests.
    public struct Target: Equatable, Sendable {
        public var resource: String
        public var averageUtilization: Int
    }
    public var metadata: ObjectMeta
    public var targetKind: Workload.Kind
    public var targetName: String
    public var minReplicas: Int
    public var maxReplicas: Int
    public var targets: [Target]

    public var object: KubernetesObject {
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

public struct IngressObject: Equatable, Sendable {
    /// A host (every host when nil) and path prefix routed to the Service's port.
    public struct Route: Equatable, Sendable {
        public var host: String?
        public var path: String
    }
    public var metadata: ObjectMeta
    public var className: String?
    public var tlsSecret: String?
    public var routes: [Route]
    public var service: String
    public var port: Int

    public var object: KubernetesObject {
        let backend: Manifest = .object([("service", .object([("name", .string(service)), ("port", .object([("number", .int(port))]))]))])
        let rules: [Manifest] = routes.map { route in
            .object([
                ("host", route.host.map(Manifest.string)),
                (
                    "http",
                    .object([
                        ("paths", .list([.object([("path", .string(route.path)), ("pathType", .string("Prefix")), ("backend", backend)])]))
                    ])
                ),
            ])
        }
        let tls: Manifest? = tlsSecret.map {
            .list([.object([("hosts", .strings(routes.compactMap(\.host))), ("secretName", .string($0))])])
        }
        return .generic(
            GenericObject(
                apiVersion: "networking.k8s.io/v1", kind: "Ingress", metadata: metadata,
                body: [("spec", .object([("ingressClassName", className.map(Manifest.string)), ("tls", tls), ("rules", .list(rules))]))]))
    }
}

/// An ingress-only NetworkPolicy for the pods `podSelector` selects: traffic from pods that
/// `from` selects, or (`from` nil) from anywhere to `ports`.
public struct NetworkPolicyObject: Equatable, Sendable {
    public struct Port: Equatable, Sendable {
        public var proto: PortProtocol
        public var port: Int
    }
    public var metadata: ObjectMeta
    public var podSelector: [String: String]
    public var from: [String: String]?
    public var ports: [Port] = []

    public var object: KubernetesObject {
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
