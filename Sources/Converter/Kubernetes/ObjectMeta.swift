/// Name, namespace, labels and annotations of an object.
public struct ObjectMeta: Equatable, Sendable {
    public var name: String
    public var namespace: String?
    public var labels: [String: String] = [:]
    public var annotations: [String: String] = [:]

    public init(name: String, namespace: String? = nil, labels: [String: String] = [:], annotations: [String: String] = [:]) {
        self.name = name
        self.namespace = namespace
        self.labels = labels
        self.annotations = annotations
    }

    /// The compose service (or shared resource) the object belongs to: its `app.kubernetes.io/name`.
    public var component: String? { labels[ProjectLabels.componentKey] }

    var manifest: Manifest {
        .object([
            ("name", .string(name)), ("namespace", namespace.map(Manifest.string)),
            ("labels", .sorted(labels)), ("annotations", .sorted(annotations)),
        ])
    }
}

/// The labels every object of a project carries, and the subset selectors use.
public struct ProjectLabels: Sendable {
    public var project: String

    /// The label naming an object's component.
    public static let componentKey = "app.kubernetes.io/name"

    public init(project: String) {
        self.project = project
    }

    public func selector(for component: String) -> [String: String] {
        [Self.componentKey: component, "app.kubernetes.io/part-of": project]
    }

    /// The selector's labels and `managed-by`, made as one dictionary (every object asks).
    public func labels(for component: String) -> [String: String] {
        [Self.componentKey: component, "app.kubernetes.io/part-of": project, "app.kubernetes.io/managed-by": "compose2kube"]
    }
}
