import Foundation

/// `deploy` (and `scale`, `cpus`, `mem_limit`, `platform`) → replicas, resources, nodeSelector;
/// more than one replica also gets a PodDisruptionBudget. GPUs are `GPURule`'s.
struct DeployRule: ServiceRule {
    static let keys = KeyOwnership(
        owns: [
            "services.*.deploy", "services.*.deploy.mode", "services.*.deploy.replicas", "services.*.deploy.resources.limits.cpus",
            "services.*.deploy.resources.limits.memory", "services.*.deploy.resources.reservations.cpus",
            "services.*.deploy.resources.reservations.memory", "services.*.deploy.placement.constraints[]",
            "services.*.deploy.labels.*", "services.*.deploy.restart_policy", "services.*.deploy.restart_policy.condition",
            "services.*.deploy.restart_policy.max_attempts", "services.*.scale", "services.*.cpus", "services.*.mem_limit",
            "services.*.mem_reservation", "services.*.platform",
        ],
        ignores: [
            "services.*.deploy.endpoint_mode":
                "is not converted: a Service always balances over its pods (a headless Service gives their addresses)",
            "services.*.deploy.placement.max_replicas_per_node":
                "is not converted: spread pods with topologySpreadConstraints by hand",
            "services.*.deploy.placement.preferences[]":
                "is not converted: spread pods with topologySpreadConstraints by hand",
            "services.*.deploy.resources.limits.generic_resources[]":
                "is not converted: request the resource (an extended resource of a device plugin) in resources.limits by hand",
            "services.*.deploy.resources.limits.pids":
                "is not converted: PID limits are set per node by the kubelet (--pod-max-pids)",
            "services.*.deploy.resources.reservations.generic_resources[]":
                "is not converted: request the resource (an extended resource of a device plugin) in resources.limits by hand",
            "services.*.deploy.resources.reservations.pids":
                "is not converted: PID limits are set per node by the kubelet (--pod-max-pids)",
            "services.*.deploy.restart_policy.delay":
                "is not converted: the kubelet backs off restarts itself (10 s doubling to 5 minutes)",
            "services.*.deploy.restart_policy.window":
                "is not converted: the kubelet backs off restarts itself (10 s doubling to 5 minutes)",
            "services.*.deploy.rollback_config":
                "is not converted: roll back with kubectl rollout undo",
            "services.*.deploy.update_config":
                "is not converted: a Deployment rolls pods by its strategy (maxSurge, maxUnavailable)",
        ])

    func apply(to service: Service, workload: inout Workload, in conversion: Conversion) {
        let deploy = service.deploy ?? Deploy()
        // An empty `deploy: {}` (an override that drops a GPU reservation, say) asks for nothing.
        if deploy == Deploy() { conversion.consume("deploy", of: service) }
        for key in [
            "deploy.replicas", "deploy.mode", "deploy.resources", "deploy.placement.constraints", "deploy.restart_policy", "deploy.labels",
            "scale", "cpus", "mem_limit", "mem_reservation", "platform",
        ] {
            conversion.consume(key, of: service)
        }
        let replicaKey = XKubernetes(service).replicas != nil ? "x-kubernetes.replicas" : deploy.replicas != nil ? "deploy.replicas" : "scale"
        let replicas = (XKubernetes(service).replicas ?? deploy.replicas ?? service.scale).flatMap {
            conversion.fitting($0, 0...Conversion.int32Max, field: "replicas", path: service.path(replicaKey))
        }
        if workload.kind == .deployment || workload.kind == .statefulSet { workload.replicas = replicas ?? 1 }
        let annotations = LabelAnnotations.copyable(
            deploy.labels.filter { !conversion.edge.reads(label: $0.key) }, of: service, keyPrefix: "deploy.labels", into: "\(workload.kind.rawValue)'s", in: conversion)
        workload.metadata.annotations.merge(annotations) { $1 }
        workload.container?.resources = resources(service, deploy: deploy, conversion: conversion)
        workload.pod.nodeSelector = nodeSelector(service, deploy: deploy, conversion: conversion)
        if let replicas, replicas > 1, workload.kind == .deployment || workload.kind == .statefulSet {
            addDisruptionBudget(service, in: conversion)
        }
        if deploy.restartPolicy != nil, workload.kind != .job {
            conversion.warn(
                "restart_policy applies to Jobs only; a \(workload.kind.rawValue) always restarts its pods",
                path: service.path("deploy.restart_policy"))
        }
    }

    private func resources(_ service: Service, deploy: Deploy, conversion: Conversion) -> ResourceRequirements {
        var resources = ResourceRequirements()
        let cpu = { (cores: Double, key: String) -> String? in
            guard Quantity.isCPU(cores) else {
                conversion.fail(
                    "cpus \(cores) is not a CPU quantity Kubernetes takes: give a number of CPUs from 0 to 1000000000, such as 0.5",
                    path: service.path(key))
                return nil
            }
            return Quantity.cpu(cores)
        }
        if let cpus = deploy.reservations.cpus, let quantity = cpu(cpus, "deploy.resources.reservations.cpus") {
            resources.requests.append(("cpu", quantity))
        }
        if let memory = deploy.reservations.memory ?? service.resources.memReservation {
            resources.requests.append(("memory", Quantity.memory(memory)))
        }
        if let cpus = deploy.limits.cpus ?? service.resources.cpus,
            let quantity = cpu(cpus, deploy.limits.cpus != nil ? "deploy.resources.limits.cpus" : "cpus")
        {
            resources.limits.append(("cpu", quantity))
        }
        if let memory = deploy.limits.memory ?? service.resources.memLimit { resources.limits.append(("memory", Quantity.memory(memory))) }
        if deploy.limits.pids != nil {
            conversion.warn("pids limits are set per node by the kubelet, not per pod", path: service.path("deploy.resources.limits.pids"))
        }
        return resources
    }

    private func nodeSelector(_ service: Service, deploy: Deploy, conversion: Conversion) -> [String: String] {
        var selector = platformSelector(service, conversion: conversion)
        for (index, constraint) in deploy.placementConstraints.enumerated() {
            let parts = constraint.components(separatedBy: "==").map { $0.trimmingSpaces() }
            if parts.count == 2, parts[0].hasPrefix("node.labels.") {
                selector[String(parts[0].dropFirst("node.labels.".count))] = parts[1]
            } else if parts.count == 2, parts[0] == "node.platform.os" {
                selector["kubernetes.io/os"] = parts[1]
            } else if parts.count == 2, parts[0] == "node.platform.arch" {
                selector["kubernetes.io/arch"] = parts[1]
            } else {
                conversion.warn(
                    "placement constraint \"\(constraint)\" has no nodeSelector equivalent; use node affinity by hand",
                    path: service.path("deploy.placement.constraints[\(index)]"))
            }
        }
        return selector
    }

    /// `platform: linux/arm64` → `kubernetes.io/arch: arm64` (and the OS when it is not Linux):
    /// an image built for one architecture runs only on nodes of it.
    private func platformSelector(_ service: Service, conversion: Conversion) -> [String: String] {
        guard let platform = service.platform else { return [:] }
        let parts = platform.lowercased().split(separator: "/").map(String.init)
        guard parts.count >= 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            conversion.warn("platform \"\(platform)\" is not os/arch; no node selector is made from it", path: service.path("platform"))
            return [:]
        }
        var selector = ["kubernetes.io/arch": parts[1]]
        if parts[0] != "linux" { selector["kubernetes.io/os"] = parts[0] }
        if parts.count > 2, parts[1...2] != ["arm64", "v8"] {
            conversion.warn(
                "platform variant \(parts[2]) has no node label in Kubernetes; only the architecture \(parts[1]) is selected",
                path: service.path("platform"))
        }
        return selector
    }

    private func addDisruptionBudget(_ service: Service, in conversion: Conversion) {
        let name = service.kubernetesName
        let budget = DisruptionBudgetObject(
            metadata: conversion.metadata(name, component: name), minAvailable: 1, selector: conversion.labels.selector(for: name))
        conversion.add(budget.object, for: service.name)
    }
}
