/// Name, namespace, labels and annotations of an object.
package struct ObjectMeta: Equatable, Sendable {
    package var name: String
    package var namespace: String?
    package var labels: [String: String] = [:]
    package var annotations: [String: String] = [:]

    package init(name: String, namespace: String? = nil, labels: [String: String] = [:], annotations: [String: String] = [:]) {
        self.name = name
        self.namespace = namespace
        self.labels = labels
        self.annotations = annotations
    }

    /// The compose service (or shared resource) the object belongs to: its `app.kubernetes.io/name`.
    package var component: String? { labels[ProjectLabels.componentKey] }

    var manifest: Manifest {
        .object([
            ("name", .string(name)), ("namespace", namespace.map(Manifest.string)),
            ("labels", .sorted(labels)), ("annotations", .sorted(annotations)),
        ])
    }
}

/// The labels every object of a project carries, and the subset selectors use.
package struct ProjectLabels: Sendable {
    package var project: String

    /// The label naming an object's component.
    package static let componentKey = "app.kubernetes.io/name"

    package init(project: String) {
        self.project = project
    }

    package func selector(for component: String) -> [String: String] {
        [Self.componentKey: component, "app.kubernetes.io/part-of": project]
    }

    /// The selector's labels and `managed-by`, made as one dictionary (every object asks).
    package func labels(for component: String) -> [String: String] {
        [Self.componentKey: component, "app.kubernetes.io/part-of": project, "app.kubernetes.io/managed-by": "compose2kube"]
    }
}
