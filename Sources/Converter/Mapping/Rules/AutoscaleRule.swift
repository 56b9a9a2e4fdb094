/// `x-kubernetes.autoscale {min, max, cpu, memory}` or the `kompose.hpa.*` labels → a
/// HorizontalPodAutoscaler (autoscaling/v2). Utilization needs requests, so a missing CPU
/// request is taken from the limit, or reported.
struct AutoscaleRule: ServiceRule {
    static let keys = KeyOwnership()

    struct Settings: Equatable {
        var min: Int
        var max: Int
        var cpu: Int?
        var memory: Int?
    }

    func apply(to service: Service, workload: inout Workload, in conversion: Conversion) {
        guard let settings = Self.settings(for: service) else { return }
        for label in ["kompose.hpa.replicas.min", "kompose.hpa.replicas.max", "kompose.hpa.cpu", "kompose.hpa.memory"] {
            conversion.consume("labels.\(label)", of: service)
        }
        guard workload.kind == .deployment || workload.kind == .statefulSet else {
            conversion.warn(
                "autoscaling applies to Deployments and StatefulSets, not a \(workload.kind.rawValue)",
                path: service.path("x-kubernetes.autoscale"))
            return
        }
        ensureRequests(settings, workload: &workload, service: service, conversion: conversion)
        let name = service.kubernetesName
        var targets: [AutoscalerObject.Target] = []
        for (resource, target) in [("cpu", settings.cpu ?? (settings.memory == nil ? 80 : nil)), ("memory", settings.memory)] {
            guard let target else { continue }
            targets.append(AutoscalerObject.Target(resource: resource, averageUtilization: target))
        }
        let autoscaler = AutoscalerObject(
            metadata: conversion.metadata(name, component: name), targetKind: workload.kind, targetName: name,
            minReplicas: settings.min, maxReplicas: settings.max, targets: targets)
        conversion.add(autoscaler.object, for: service.name)
    }

    static func settings(for service: Service) -> Settings? {
        if case .object(let autoscale)? = XKubernetes(service).fields["autoscale"] {
            func int(_ key: String) -> Int? { if case .int(let value)? = autoscale[key] { Int(value) } else { nil } }
            return Settings(min: int("min") ?? 1, max: int("max") ?? max(int("min") ?? 1, 1), cpu: int("cpu"), memory: int("memory"))
        }
        let labels = service.labels
        guard let maximum = labels["kompose.hpa.replicas.max"].flatMap(Int.init) else { return nil }
        return Settings(
            min: labels["kompose.hpa.replicas.min"].flatMap(Int.init) ?? 1, max: maximum,
            cpu: labels["kompose.hpa.cpu"].flatMap(Int.init), memory: labels["kompose.hpa.memory"].flatMap(Int.init))
    }

    private func ensureRequests(_ settings: Settings, workload: inout Workload, service: Service, conversion: Conversion) {
        guard var resources = workload.container?.resources else { return }
        for resource in ["cpu", "memory"] where resource == "cpu" ? settings.cpu != nil || settings.memory == nil : settings.memory != nil {
            guard resources.request(resource) == nil else { continue }
            if let limit = resources.limit(resource) {
                resources.requests.append((resource, limit))
            } else {
                conversion.warn(
                    "autoscaling on \(resource) needs a \(resource) request: set deploy.resources.reservations.\(resource == "cpu" ? "cpus" : "memory")",
                    path: service.path("deploy.resources"))
            }
        }
        workload.container?.resources = resources
    }
}
