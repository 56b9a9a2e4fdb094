/// Builds the `ServiceGraph`: classifies each service, collects dependencies, volume use and
/// Ofelia jobs, and rejects dependency cycles.
package struct GraphBuilder {
    /// Services holding a named volume become StatefulSets (`--stateful`): the one conversion
    /// choice that decides a workload's kind.
    package var statefulVolumes: Bool
    /// Services other services reach by name (`ServiceReferences`): they listen, so they run on.
    package var reached: Set<String>

    package init(statefulVolumes: Bool = false, reached: Set<String> = []) {
        self.statefulVolumes = statefulVolumes
        self.reached = reached
    }

    /// - Throws: `DiagnosticError` naming the cycle when dependencies form one.
    package func build(_ project: ComposeProject) throws -> ServiceGraph {
        let schedulers = project.services.filter(OfeliaLabels.isScheduler)
        let dockerPrograms = project.services.compactMap { service in DockerAPIPrograms.reason(for: service, in: project).map { (service.name, $0) } }
        let removedNames = Set(schedulers.map(\.name) + dockerPrograms.map(\.0))
        let workloads = project.services.filter { !removedNames.contains($0.name) }
        let workloadNames = Set(workloads.map(\.name))
        let edges = workloads.flatMap { service in
            service.dependsOn.map { ServiceGraph.Edge(from: service.name, to: $0.service, condition: $0.condition, required: $0.required) }
        }.filter { edge in workloadNames.contains(edge.to) }
        try rejectCycles(edges, project: project)
        let completionTargets = Set(edges.filter { $0.condition == .completedSuccessfully }.map(\.to))
        let runningTargets = Set(edges.filter { $0.condition != .completedSuccessfully }.map(\.to))
        let nodes = dependencyOrder(workloads, edges: edges).map { service in
            let classifier = WorkloadClassifier(statefulVolumes: statefulVolumes, reached: reached)
            let awaitedRunning = runningTargets.contains(service.name)
            let decision = classifier.classify(
                service, awaitedToComplete: completionTargets.contains(service.name), awaitedRunning: awaitedRunning)
            var node = ServiceGraph.Node(service: service, kind: decision.kind, reason: decision.reason, guessed: decision.guessed)
            if decision.kind != .job, WorkloadClassifier.stopsWhenDone(service), WorkloadClassifier.finiteTask(service) != nil {
                node.runsOnBecause = classifier.runsOn(service, awaitedRunning: awaitedRunning)
            }
            return node
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
        let removed = schedulers.map { ($0.name, "Ofelia scheduler: its jobs become native CronJobs") } + dockerPrograms
        return ServiceGraph(nodes: nodes, edges: edges, volumeUsers: volumeUsers, scheduledJobs: jobs, removed: removed)
    }

    /// Services ordered so that every dependency comes before its dependants; ties by name
    /// (Kahn's algorithm with the ready services kept in name order).
    func dependencyOrder(_ services: [Service], edges: [ServiceGraph.Edge]) -> [Service] {
        let byName = Dictionary(services.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var waitingOn: [String: Int] = [:]
        var dependants: [String: [String]] = [:]
        for edge in edges where byName[edge.from] != nil && byName[edge.to] != nil {
            waitingOn[edge.from, default: 0] += 1
            dependants[edge.to, default: []].append(edge.from)
        }
        var ready = services.map(\.name).filter { waitingOn[$0, default: 0] == 0 }.sorted(by: >)
        var ordered: [Service] = []
        while let name = ready.popLast() {
            if let service = byName[name] { ordered.append(service) }
            var released: [String] = []
            for dependant in dependants[name] ?? [] {
                waitingOn[dependant, default: 0] -= 1
                if waitingOn[dependant] == 0 { released.append(dependant) }
            }
            if !released.isEmpty { ready = (ready + released).sorted(by: >) }
        }
        return ordered
    }

    private func rejectCycles(_ edges: [ServiceGraph.Edge], project: ComposeProject) throws {
        let outgoing = Dictionary(grouping: edges, by: \.from).mapValues { $0.map(\.to).sorted() }
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
            for next in outgoing[name] ?? [] { try visit(next) }
            stack.removeLast()
            state[name] = 2
        }
        for name in Set(edges.map(\.from)).sorted() { try visit(name) }
    }
}
