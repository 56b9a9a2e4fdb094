/// The API access a conversion grants (a ServiceAccount, a Role and its binding), typed so a
/// misspelt field is a compile error; each becomes its manifest through `object`.
public struct ServiceAccountObject: Equatable, Sendable {
    public var metadata: ObjectMeta

    public var object: KubernetesObject {
        .generic(GenericObject(apiVersion: "v1", kind: "ServiceAccount", metadata: metadata, body: []))
    }
}

/// One rule of a Role: verbs on resources of API groups, optionally on named objects only.
public struct PolicyRule: Equatable, Sendable {
    public var apiGroups: [String]
    public var resources: [String]
    public var resourceNames: [String] = []
    public var verbs: [String]

    var manifest: Manifest {
        .object([
            ("apiGroups", .strings(apiGroups)), ("resources", .strings(resources)), ("resourceNames", .strings(resourceNames)),
            ("verbs", .strings(verbs)),
        ])
    }
}

public struct RoleObject: Equatable, Sendable {
    public var metadata: ObjectMeta
    public var rules: [PolicyRule]

    public var object: KubernetesObject {
        .generic(
            GenericObject(
                apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", metadata: metadata,
                body: [("rules", .list(rules.map(\.manifest)))]))
    }
}

/// Binds a Role to ServiceAccounts.
public struct RoleBindingObject: Equatable, Sendable {
    public struct Subject: Equatable, Sendable {
        public var serviceAccount: String
        public var namespace: String?
    }
    public var metadata: ObjectMeta
    public var role: String
    public var subjects: [Subject]

    public var object: KubernetesObject {
        let roleRef: Manifest = .object([
            ("apiGroup", .string("rbac.authorization.k8s.io")), ("kind", .string("Role")), ("name", .string(role)),
        ])
        let subjects: [Manifest] = subjects.map {
            .object([
                ("kind", .string("ServiceAccount")), ("name", .string($0.serviceAccount)), ("namespace", $0.namespace.map(Manifest.string)),
            ])
        }
        return .generic(
            GenericObject(
                apiVersion: "rbac.authorization.k8s.io/v1", kind: "RoleBinding", metadata: metadata,
                body: [("roleRef", roleRef), ("subjects", .list(subjects))]))
    }
}

public struct NamespaceObject: Equatable, Sendable {
    public var metadata: ObjectMeta

    public var object: KubernetesObject { .generic(GenericObject(apiVersion: "v1", kind: "Namespace", metadata: metadata, body: [])) }
}

/// A ResourceQuota: the namespace's hard totals (`requests.cpu: 1500m`).
public struct ResourceQuotaObject: Equatable, Sendable {
    public var metadata: ObjectMeta
    /// Quantity by resource (`requests.cpu`), written in key order.
    public var hard: [String: String]

    public var object: KubernetesObject {
        .generic(
            GenericObject(
                apiVersion: "v1", kind: "ResourceQuota", metadata: metadata,
                body: [("spec", .object([("hard", .sorted(hard))]))]))
    }
}
