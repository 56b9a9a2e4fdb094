/// The project as a graph: what each service becomes, who waits for whom, who mounts which
/// volume, and the scheduled jobs that replace an Ofelia container.
public struct ServiceGraph: Sendable {
    /// A class, so walking the nodes (every rule does) shares them instead of copying services.
    public final class Node: Sendable {
        public let service: Service
        public let kind: Workload.Kind
        /// Why this kind was chosen, for the conversion report.
        public let reason: String
        /// The compose service's name.
        public var name: String { service.name }

        init(service: Service, kind: Workload.Kind, reason: String) {
            self.service = service
            self.kind = kind
            self.reason = reason
        }
    }

    public struct Edge: Equatable, Sendable {
        public var from: String
        public var to: String
        public var condition: Dependency.Condition
        public var required: Bool
    }

    /// Workload services in dependency order (dependencies first), then by name.
    public let nodes: [Node]
    public let edges: [Edge]
    /// Named volume → the services that mount it, in name order.
    public let volumeUsers: [String: [String]]
    public let scheduledJobs: [ScheduledJob]
    /// Services that are not workloads (the Ofelia scheduler), with the reason.
    public let removed: [(service: String, reason: String)]

    private let nodeIndex: [String: Int]
    private let edgesFrom: [String: [Edge]]
    /// Node positions by Kubernetes name (`flask_app` → `flask-app`), the name the objects carry.
    private let componentIndex: [String: Int]

    public init(
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

    public func node(_ name: String) -> Node? {
        nodeIndex[name].map { nodes[$0] }
    }

    /// The node whose objects are named `component` (their `app.kubernetes.io/name`).
    public func node(component: String) -> Node? {
        componentIndex[component].map { nodes[$0] }
    }

    /// Where `component`'s service stands in dependency order.
    public func position(ofComponent component: String) -> Int? {
        componentIndex[component]
    }

    public func dependencies(of name: String) -> [Edge] {
        edgesFrom[name] ?? []
    }
}

/// A job the Ofelia scheduler ran, read from its labels.
public struct ScheduledJob: Equatable, Sendable {
    public enum Kind: String, Sendable {
        case exec = "job-exec"
        case run = "job-run"
        case serviceRun = "job-service-run"
        case local = "job-local"
    }
    public var kind: Kind
    public var name: String
    /// The service whose container `job-exec` runs in, or the service `job-service-run` starts.
    public var service: String?
    /// The service the labels are written on (for locations in diagnostics).
    public var labelledService: String
    public var options: [String: String]

    public var schedule: String? { options["schedule"] }
    public var command: String? { options["command"] }
}
