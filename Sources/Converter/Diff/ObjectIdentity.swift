/// How `diff` matches objects: API group, kind, namespace (defaulted) and name.
package struct ObjectIdentity: Hashable, Comparable, Sendable, CustomStringConvertible {
    package var group: String
    package var kind: String
    package var namespace: String
    package var name: String

    package init?(_ object: JSONValue, defaultNamespace: String = "default") {
        guard case .object(let fields) = object, case .string(let kind)? = fields["kind"], case .object(let metadata)? = fields["metadata"],
            case .string(let name)? = metadata["name"]
        else { return nil }
        var apiVersion = ""
        if case .string(let text)? = fields["apiVersion"] { apiVersion = text }
        group = apiVersion.contains("/") ? String(apiVersion.split(separator: "/")[0]) : ""
        self.kind = kind
        self.name = name
        if case .string(let namespace)? = metadata["namespace"], !namespace.isEmpty {
            self.namespace = namespace
        } else {
            self.namespace = Self.clusterScoped.contains(kind) ? "" : defaultNamespace
        }
    }

    static let clusterScoped: Set<String> = [
        "Namespace", "ClusterRole", "ClusterRoleBinding", "PersistentVolume", "StorageClass", "CustomResourceDefinition", "PriorityClass",
        "IngressClass", "RuntimeClass",
    ]

    package var description: String {
        let scope = namespace.isEmpty ? "" : " (namespace \(namespace))"
        return "\(kind)/\(name)\(scope)"
    }

    package static func < (lhs: ObjectIdentity, rhs: ObjectIdentity) -> Bool {
        (lhs.kind, lhs.namespace, lhs.name, lhs.group) < (rhs.kind, rhs.namespace, rhs.name, rhs.group)
    }
}
