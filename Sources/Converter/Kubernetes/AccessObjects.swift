/// The API access a conversion grants (a ServiceAccount, a Role and its binding), typed so a
/// misspelt field is a compile error; each becomes its manifest through `object`.
package struct ServiceAccountObject: Equatable, Sendable {
    package var metadata: ObjectMeta

    package var object: KubernetesObject {
        .generic(GenericObject(apiVersion: "v1", kind: "ServiceAccount", metadata: metadata, body: []))
    }
}

/// One rule of a Role: verbs on resources of API groups, optionally on named objects only.
package struct PolicyRule: Equatable, Sendable {
    package var apiGroups: [String]
    package var resources: [String]
    package var resourceNames: [String] = []
    package var verbs: [String]

    var manifest: Manifest {
        .object([
            ("apiGroups", .strings(apiGroups)), ("resources", .strings(resources)), ("resourceNames", .strings(resourceNames)),
            ("verbs", .strings(verbs)),
        ])
    }
}

package struct RoleObject: Equatable, Sendable {
    package var metadata: ObjectMeta
    package var rules: [PolicyRule]

    package var object: KubernetesObject {
        .generic(
            GenericObject(
                apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", metadata: metadata,
                body: [("rules", .list(rules.map(\.manifest)))]))
    }
}

/// Binds a Role to ServiceAccounts.
package struct RoleBindingObject: Equatable, Sendable {
    package struct Subject: Equatable, Sendable {
        package var serviceAccount: String
        package var namespace: String?
    }
    package var metadata: ObjectMeta
    package var role: String
    package var subjects: [Subject]

    package var object: KubernetesObject {
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

package struct NamespaceObject: Equatable, Sendable {
    package var metadata: ObjectMeta

    package var object: KubernetesObject { .generic(GenericObject(apiVersion: "v1", kind: "Namespace", metadata: metadata, body: [])) }
}

/// A ResourceQuota: the namespace's hard totals (`requests.cpu: 1500m`).
package struct ResourceQuotaObject: Equatable, Sendable {
    package var metadata: ObjectMeta
    /// Quantity by resource (`requests.cpu`), written in key order.
    package var hard: [String: String]

    package var object: KubernetesObject {
        .generic(
            GenericObject(
                apiVersion: "v1", kind: "ResourceQuota", metadata: metadata,
                body: [("spec", .object([("hard", .sorted(hard))]))]))
    }
}
