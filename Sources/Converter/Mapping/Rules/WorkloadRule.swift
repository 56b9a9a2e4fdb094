/// Creates each service's workload and its main container: image, pull policy, command and
/// arguments (`$VAR` → `$(VAR)`), working directory, terminal flags, labels as annotations.
struct WorkloadRule: MappingRule {
    func apply(to conversion: Conversion) {
        for node in conversion.graph.nodes {
            let service = node.service
            let name = service.kubernetesName
            var workload = Workload(
                kind: node.kind, metadata: conversion.metadata(name, component: name),
                selector: conversion.labels.selector(for: name))
            var container = Container(name: name, image: image(for: service, in: conversion))
            container.imagePullPolicy = pullPolicy(for: service, in: conversion)
            container.command = (service.entrypoint ?? []).map(Self.kubernetesVariables)
            container.args = (service.command ?? []).map(Self.kubernetesVariables)
            container.workingDir = service.runtime.workingDir
            container.tty = service.runtime.tty
            container.stdin = service.runtime.stdinOpen
            workload.container = container
            workload.podAnnotations = service.labels.filter { !Self.consumedLabelPrefixes.contains(where: $0.key.hasPrefix) }
            if node.kind == .job || node.kind == .cronJob {
                workload.pod.restartPolicy = "OnFailure"
                workload.backoffLimit =
                    service.labels["kompose.cronjob.backoff_limit"].flatMap(Int.init) ?? service.deploy?.restartPolicy?.maxAttempts ?? 6
            }
            if node.kind == .cronJob { workload.schedule = schedule(for: service, in: conversion) }
            if let secret = service.labels["kompose.image-pull-secret"] { workload.pod.imagePullSecrets = [secret] }
            for key in [
                "image", "build", "pull_policy", "entrypoint", "command", "working_dir", "tty", "stdin_open", "labels", "restart",
                "container_name", "profiles",
            ] {
                conversion.consume(service.path(key))
            }
            if service.runtime.containerName != nil {
                conversion.warn(
                    "container_name has no Kubernetes equivalent: pods are named by their controller; the Service keeps the name \(name)",
                    path: service.path("container_name"))
            }
            conversion.workloads[service.name] = workload
            conversion.report[service.name, default: []].append("\(node.kind.rawValue)/\(name)")
        }
    }

    /// The schedule of a service that is itself a CronJob.
    private func schedule(for service: Service, in conversion: Conversion) -> Workload.Schedule {
        let path = service.path(XKubernetes(service).schedule != nil ? "x-kubernetes.schedule" : "labels.kompose.cronjob.schedule")
        let text = XKubernetes(service).schedule ?? service.labels["kompose.cronjob.schedule"] ?? ""
        guard let converted = CronSchedule.convert(text) else {
            conversion.fail("invalid schedule \"\(text)\": expected 5 cron fields, 6 with seconds, @every or a descriptor", path: path)
            return Workload.Schedule(cron: text)
        }
        if let warning = converted.warning { conversion.warn(warning, path: path) }
        let policy = service.labels["kompose.cronjob.concurrency_policy"]
        return Workload.Schedule(cron: converted.cron, concurrencyPolicy: policy)
    }

    /// Labels other rules turn into settings; the rest become pod annotations.
    static let consumedLabelPrefixes = ["ofelia.", "kompose."]

    /// `build` without `image` gives `<project>-<service>:latest`, as Compose names built images.
    func image(for service: Service, in conversion: Conversion) -> String {
        service.image ?? "\(conversion.project.name)-\(service.name):latest"
    }

    func pullPolicy(for service: Service, in conversion: Conversion) -> String? {
        if let policy = service.labels["kompose.image-pull-policy"] { return policy }
        switch service.pullPolicy {
        case "always": return "Always"
        case "never": return "Never"
        case "missing", "if_not_present": return "IfNotPresent"
        default: return service.build != nil ? "IfNotPresent" : nil
        }
    }

    /// Compose substitutes `$VAR` from the container's environment at run time through a shell
    /// only; Kubernetes does it itself with `$(VAR)`.
    static func kubernetesVariables(_ argument: String) -> String {
        var output = ""
        var characters = Substring(argument)
        while let character = characters.popFirst() {
            guard character == "$" else {
                output.append(character)
                continue
            }
            if characters.first == "{", let close = characters.firstIndex(of: "}") {
                let name = characters[characters.index(after: characters.startIndex)..<close]
                if !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
                    output += "$(\(name))"
                    characters = characters[characters.index(after: close)...]
                    continue
                }
            }
            let name = characters.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            if let first = name.first, !first.isNumber {
                output += "$(\(name))"
                characters = characters.dropFirst(name.count)
            } else {
                output.append("$")
            }
        }
        return output
    }
}
