/// Names that rules and emitters agree on, each spelt in one place.
package enum ObjectNames {
    /// The ConfigMap holding a service's plain environment.
    package static func environment(of component: String) -> String { "\(component)-env" }

    /// The project's one Secret, holding every sensitive environment value.
    package static func projectSecret(of project: String) -> String { KubernetesName.dns1123("\(project)-secrets") }

    /// Whether `data` is its component's environment object.
    package static func isEnvironment(_ data: DataObject) -> Bool {
        data.metadata.name == environment(of: data.metadata.component ?? "")
    }

    /// The prefix of the init containers that wait for a dependency.
    package static let waitPrefix = "wait-for-"

    /// The init container that waits for `dependency` (its Kubernetes name).
    package static func wait(for dependency: String) -> String { KubernetesName.dns1123(waitPrefix + dependency) }

    /// Whether `container` is one that waits for a dependency.
    package static func isWait(_ container: Container) -> Bool { container.name.hasPrefix(waitPrefix) }

    /// Where `Conversion.workloads` keeps a CronJob made from Ofelia labels (services are kept
    /// under their compose name, which cannot hold a `:`).
    static func scheduledWorkloadKey(_ cronJob: String) -> String { "cronjob:\(cronJob)" }
}
