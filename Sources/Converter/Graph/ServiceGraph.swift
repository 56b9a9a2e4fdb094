/// The project as a graph: what each service becomes, who waits for whom, who mounts which
/// volume, and the scheduled jobs that replace an Ofelia container.
package struct ServiceGraph: Sendable {
    /// A service and what it becomes. The compose model (`service`) stays inside the converter:
    /// the emitters read `ProjectFacts`.
    package struct Node: Sendable {
        let service: Service
        package let kind: Workload.Kind
        /// Why this kind was chosen, for the conversion report.
        package let reason: String
        /// Only the one-shot heuristic chose the kind (`WorkloadClassifier.finiteTask`).
        package var guessed = false
        /// For a service that reads like a task but runs on: what says it runs on.
        package var runsOnBecause: String?
        /// The compose service's name.
        package var name: String { service.name }
    }

    package struct Edge: Equatable, Sendable {
        package var from: String
        package var to: String
        package var condition: Dependency.Condition
        package var required: Bool
    }

    /// Workload services in dependency order (dependencies first), then by name.
    package let nodes: [Node]
    package let edges: [Edge]
    /// Named volume → the services that mount it, in name order.
    package let volumeUsers: [String: [String]]
    package let scheduledJobs: [ScheduledJob]
    /// Services that are not workloads (the Ofelia scheduler), with the reason.
    package let removed: [(service: String, reason: String)]

    private let nodeIndex: [String: Int]
    private let edgesFrom: [String: [Edge]]
    /// Node positions by Kubernetes name (`flask_app` → `flask-app`), the name the objects carry.
    private let componentIndex: [String: Int]

    package init(
        nodes: [Node], edges: [Edge], volumeUsers: [String: [String]], scheduledJobs: [ScheduledJob],
        removed: [(service: String, reason: String)]
    ) {
        self.nodes = nodes
        self.edges = edges
        self.volumeUsers = volumeUsers
        self.scheduledJobs = scheduledJobs
        self.removed = removed
        nodeIndex = Dictionary(nodes.enumerated().map { ($1.service.name, $0) }, uniquingKeysWith: { first, _ in first })
        edgesFrom = Dictionary(grouping: edges, by: \.from)
        componentIndex = Dictionary(nodes.enumerated().map { (KubernetesName.dns1123($1.service.name), $0) }, uniquingKeysWith: min)
    }

    package func node(_ name: String) -> Node? {
        nodeIndex[name].map { nodes[$0] }
    }

    /// The node whose objects are named `component` (their `app.kubernetes.io/name`).
    package func node(component: String) -> Node? {
        componentIndex[component].map { nodes[$0] }
    }

    /// Where `component`'s service stands in dependency order.
    package func position(ofComponent component: String) -> Int? {
        componentIndex[component]
    }

    package func dependencies(of name: String) -> [Edge] {
        edgesFrom[name] ?? []
    }
}

/// A job the Ofelia scheduler ran, read from its labels.
package struct ScheduledJob: Equatable, Sendable {
    package enum Kind: String, Sendable {
        case exec = "job-exec"
        case run = "job-run"
        case serviceRun = "job-service-run"
        case local = "job-local"
    }
    package var kind: Kind
    package var name: String
    /// The service whose container `job-exec` runs in, or the service `job-service-run` starts.
    package var service: String?
    /// The service the labels are written on (for locations in diagnostics).
    package var labelledService: String
    package var options: [String: String]

    package var schedule: String? { options["schedule"] }
    package var command: String? { options["command"] }
}
