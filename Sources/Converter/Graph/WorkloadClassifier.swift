/// Decides what a service becomes: Deployment, StatefulSet, DaemonSet or Job.
struct WorkloadClassifier {
    let options: ConversionOptions

    func classify(_ service: Service, awaitedToComplete: Bool) -> (Workload.Kind, String) {
        if let explicit = explicitKind(service) { return explicit }
        if service.deploy?.mode == "global" { return (.daemonSet, "deploy.mode: global runs one copy per node") }
        if awaitedToComplete { return (.job, "a dependant waits for it with service_completed_successfully") }
        let runsOnce =
            service.restart == "no" || (service.restart ?? "").hasPrefix("on-failure")
            || service.deploy?.restartPolicy?.condition == "none" || service.deploy?.restartPolicy?.condition == "on-failure"
        if runsOnce, service.ports.isEmpty, service.expose.isEmpty {
            return (.job, "restart: \(service.restart ?? "on-failure") and no ports: it runs to completion")
        }
        if options.stateful, service.volumes.contains(where: { $0.type == .volume && $0.source != nil }) {
            return (.statefulSet, "--stateful and it holds a named volume")
        }
        return (.deployment, "a long-running service")
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
