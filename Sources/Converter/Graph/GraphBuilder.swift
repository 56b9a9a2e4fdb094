/// Builds the `ServiceGraph`: classifies each service, collects dependencies, volume use and
/// Ofelia jobs, and rejects dependency cycles.
public struct GraphBuilder {
    public var options: ConversionOptions

    public init(options: ConversionOptions = ConversionOptions()) {
        self.options = options
    }

    /// - Throws: `DiagnosticError` naming the cycle when dependencies form one.
    public func build(_ project: ComposeProject) throws -> ServiceGraph {
        let schedulers = project.services.filter(OfeliaLabels.isScheduler)
        let workloads = project.services.filter { !OfeliaLabels.isScheduler($0) }
        let edges = workloads.flatMap { service in
            service.dependsOn.map { ServiceGraph.Edge(from: service.name, to: $0.service, condition: $0.condition, required: $0.required) }
        }.filter { edge in workloads.contains { $0.name == edge.to } }
        try rejectCycles(edges, project: project)
        let completionTargets = Set(edges.filter { $0.condition == .completedSuccessfully }.map(\.to))
        let nodes = dependencyOrder(workloads, edges: edges).map { service in
            let (kind, reason) = WorkloadClassifier(options: options).classify(
                service, awaitedToComplete: completionTargets.contains(service.name))
            return ServiceGraph.Node(service: service, kind: kind, reason: reason)
        }
        var volumeUsers: [String: [String]] = [:]
        for service in workloads {
            for mount in service.volumes where mount.type == .volume {
                if let source = mount.source, !(volumeUsers[source] ?? []).contains(service.name) {
                    volumeUsers[source, default: []].append(service.name)
                }
            }
        }
        let jobs = project.services.flatMap(OfeliaLabels.jobs)
        let removed = schedulers.map { ($0.name, "Ofelia scheduler: its jobs become native CronJobs") }
        return ServiceGraph(nodes: nodes, edges: edges, volumeUsers: volumeUsers, scheduledJobs: jobs, removed: removed)
    }

    /// Services ordered so that every dependency comes before its dependants; ties by name.
    func dependencyOrder(_ services: [Service], edges: [ServiceGraph.Edge]) -> [Service] {
        var remaining = services.sorted { $0.name < $1.name }
        var placed = Set<String>()
        var ordered: [Service] = []
        while !remaining.isEmpty {
            let index =
                remaining.firstIndex { service in
                    edges.filter { $0.from == service.name }.allSatisfy { placed.contains($0.to) }
                } ?? 0
            let next = remaining.remove(at: index)
            placed.insert(next.name)
            ordered.append(next)
        }
        return ordered
    }

    private func rejectCycles(_ edges: [ServiceGraph.Edge], project: ComposeProject) throws {
        var state: [String: Int] = [:]  // 1 visiting, 2 done
        var stack: [String] = []
        func visit(_ name: String) throws {
            if state[name] == 2 { return }
            if state[name] == 1 {
                let cycle = stack[(stack.firstIndex(of: name) ?? 0)...] + [name]
                let path = "services.\(stack.last ?? name).depends_on.\(name)"
                throw DiagnosticError(
                    .error(
                        "dependency cycle: \(cycle.joined(separator: " → "))",
                        at: project.locations[path], path: path))
            }
            state[name] = 1
            stack.append(name)
            for edge in edges.filter({ $0.from == name }).sorted(by: { $0.to < $1.to }) { try visit(edge.to) }
            stack.removeLast()
            state[name] = 2
        }
        for name in Set(edges.map(\.from)).sorted() { try visit(name) }
    }
}
