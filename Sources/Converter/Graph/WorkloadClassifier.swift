/// Decides what a service becomes: Deployment, StatefulSet, DaemonSet or Job.
struct WorkloadClassifier {
    /// `--stateful`: a service holding a named volume is a StatefulSet.
    let statefulVolumes: Bool

    /// - Parameters:
    ///   - awaitedToComplete: a dependant waits for it with `service_completed_successfully`.
    ///   - awaitedRunning: a dependant waits for it to start or be healthy, so it runs on.
    func classify(_ service: Service, awaitedToComplete: Bool, awaitedRunning: Bool = false) -> (Workload.Kind, String) {
        if let explicit = explicitKind(service) { return explicit }
        if service.deploy?.mode == "global" { return (.daemonSet, "deploy.mode: global runs one copy per node") }
        if awaitedToComplete { return (.job, "a dependant waits for it with service_completed_successfully") }
        // `restart: "no"` is Compose's default, so it makes a Job only with nothing else saying the
        // service runs on; `on-failure`, `always` and `unless-stopped` keep it running.
        if Self.neverRestarts(service), service.ports.isEmpty, service.expose.isEmpty, !awaitedRunning {
            return (.job, "it never restarts (restart: \"no\"), has no ports and nothing waits for it to run: it runs to completion")
        }
        if statefulVolumes, service.volumes.contains(where: { $0.type == .volume && $0.source != nil }) {
            return (.statefulSet, "--stateful and it holds a named volume")
        }
        return (.deployment, "a long-running service")
    }

    /// `restart: "no"` written out, or `deploy.restart_policy.condition: none`.
    static func neverRestarts(_ service: Service) -> Bool {
        service.restart == "no" || service.deploy?.restartPolicy?.condition == "none"
    }

    private func explicitKind(_ service: Service) -> (Workload.Kind, String)? {
        if XKubernetes(service).schedule != nil || service.labels["kompose.cronjob.schedule"] != nil {
            return (.cronJob, "it has a schedule (x-kubernetes.schedule or kompose.cronjob.schedule)")
        }
        let requested = XKubernetes(service).kind ?? service.labels["kompose.controller.type"]
        guard let requested else { return nil }
        let kind = Workload.Kind.allCases.first { $0.rawValue.lowercased() == requested.lowercased() }
        return kind.map { ($0, "requested by x-kubernetes.kind or kompose.controller.type") }
    }
}
