/// Creates each service's workload and its main container: image, pull policy, command and
/// arguments (kept literal for the kubelet: `KubeletText`), working directory, terminal flags,
/// labels as annotations.
struct WorkloadRule: MappingRule {
    static let keys = KeyOwnership(
        owns: [
            "services.*.image", "services.*.build", "services.*.build.context", "services.*.build.dockerfile",
            "services.*.build.dockerfile_inline", "services.*.build.target", "services.*.build.args.*", "services.*.pull_policy",
            "services.*.entrypoint[]", "services.*.command[]", "services.*.working_dir", "services.*.tty", "services.*.stdin_open",
            "services.*.restart", "services.*.labels.*",
        ],
        ignores: [
            "services.*.build.additional_contexts":
                "is not used: compose2kube does not build images; build with `docker compose build` (the guide's `docker build` line passes context, dockerfile, target and build args only)",
            "services.*.build.cache_from":
                "is not used: compose2kube does not build images; build with `docker compose build` (the guide's `docker build` line passes context, dockerfile, target and build args only)",
            "services.*.build.cache_to":
                "is not used: compose2kube does not build images; build with `docker compose build` (the guide's `docker build` line passes context, dockerfile, target and build args only)",
            "services.*.build.entitlements":
                "is not used: compose2kube does not build images; build with `docker compose build` (the guide's `docker build` line passes context, dockerfile, target and build args only)",
            "services.*.build.extra_hosts":
                "is not used: compose2kube does not build images; build with `docker compose build` (the guide's `docker build` line passes context, dockerfile, target and build args only)",
            "services.*.build.isolation":
                "is not used: compose2kube does not build images; build with `docker compose build` (the guide's `docker build` line passes context, dockerfile, target and build args only)",
            "services.*.build.labels":
                "is not used: compose2kube does not build images; build with `docker compose build` (the guide's `docker build` line passes context, dockerfile, target and build args only)",
            "services.*.build.network":
                "is not used: compose2kube does not build images; build with `docker compose build` (the guide's `docker build` line passes context, dockerfile, target and build args only)",
            "services.*.build.no_cache":
                "is not used: compose2kube does not build images; build with `docker compose build` (the guide's `docker build` line passes context, dockerfile, target and build args only)",
            "services.*.build.platforms":
                "is not used: compose2kube does not build images; build with `docker compose build` (the guide's `docker build` line passes context, dockerfile, target and build args only)",
            "services.*.build.privileged":
                "is not used: compose2kube does not build images; build with `docker compose build` (the guide's `docker build` line passes context, dockerfile, target and build args only)",
            "services.*.build.provenance":
                "is not used: compose2kube does not build images; build with `docker compose build` (the guide's `docker build` line passes context, dockerfile, target and build args only)",
            "services.*.build.pull":
                "is not used: compose2kube does not build images; build with `docker compose build` (the guide's `docker build` line passes context, dockerfile, target and build args only)",
            "services.*.build.sbom":
                "is not used: compose2kube does not build images; build with `docker compose build` (the guide's `docker build` line passes context, dockerfile, target and build args only)",
            "services.*.build.secrets":
                "is not used: compose2kube does not build images; build with `docker compose build` (the guide's `docker build` line passes context, dockerfile, target and build args only)",
            "services.*.build.shm_size":
                "is not used: compose2kube does not build images; build with `docker compose build` (the guide's `docker build` line passes context, dockerfile, target and build args only)",
            "services.*.build.ssh":
                "is not used: compose2kube does not build images; build with `docker compose build` (the guide's `docker build` line passes context, dockerfile, target and build args only)",
            "services.*.build.tags":
                "is not used: compose2kube does not build images; build with `docker compose build` (the guide's `docker build` line passes context, dockerfile, target and build args only)",
            "services.*.build.ulimits":
                "is not used: compose2kube does not build images; build with `docker compose build` (the guide's `docker build` line passes context, dockerfile, target and build args only)",
        ])

    func apply(to conversion: Conversion) {
        // A workload is large: grown one at a time, the table would move them all again and again.
        conversion.workloads.reserveCapacity(conversion.graph.nodes.count)
        conversion.report.reserveCapacity(conversion.graph.nodes.count)
        for node in conversion.graph.nodes {
            let service = node.service
            let name = service.kubernetesName
            var workload = Workload(
                kind: node.kind, metadata: conversion.metadata(name, component: name),
                selector: conversion.labels.selector(for: name))
            var container = Container(name: name, image: image(for: service, in: conversion))
            if service.image == nil, service.build != nil {
                conversion.warn(
                    "\(service.name) has no image, only a build: build it as \(container.image) and load it into the cluster "
                        + "(kind load docker-image / minikube image load) or push it to a registry the cluster pulls from; MIGRATION.md shows how",
                    path: service.path("build"))
            }
            container.imagePullPolicy = pullPolicy(for: service, in: conversion)
            container.imageTemplate = conversion.project.template(at: service.path("image"))
            container.command = (service.entrypoint ?? []).map(KubeletText.literal)
            container.args = (service.command ?? []).map(KubeletText.literal)
            container.workingDir = service.runtime.workingDir
            container.tty = service.runtime.tty
            container.stdin = service.runtime.stdinOpen
            workload.container = container
            workload.podAnnotations = podAnnotations(service, in: conversion)
            if node.kind == .job || node.kind == .cronJob {
                // Never: a failed pod stays with its logs, and a new pod gets the next try.
                workload.pod.restartPolicy = .never
                workload.backoffLimit = Self.backoffLimit(service)
            }
            reportGuess(node, in: conversion)
            if node.kind == .cronJob { workload.schedule = schedule(for: service, in: conversion) }
            if let secret = service.labels["kompose.image-pull-secret"] { workload.pod.imagePullSecrets = [secret] }
            for key in [
                "image", "build", "pull_policy", "entrypoint", "command", "working_dir", "tty", "stdin_open", "labels", "restart",
                "container_name", "profiles",
            ] {
                conversion.consume(key, of: service)
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

    /// The compose labels other rules do not turn into settings, as pod annotations; a key the
    /// API server refuses (a name part over 63 characters, say) is left out with a warning.
    private func podAnnotations(_ service: Service, in conversion: Conversion) -> [String: String] {
        // A reverse proxy's labels become Ingress objects when the proxy is replaced (`ProxyRouteRule`).
        let copied = service.labels.filter { label in
            !Self.consumedLabelPrefixes.contains(where: label.key.hasPrefix) && !conversion.edge.reads(label: label.key)
        }
        return LabelAnnotations.copyable(copied, of: service, keyPrefix: "labels", into: "pod's", in: conversion)
    }

    /// Retries of a Job: the kompose label, `max_attempts`, `on-failure:N`; none for a service
    /// that never restarts; Kubernetes' default (6) otherwise.
    static func backoffLimit(_ service: Service) -> Int {
        if let label = service.labels["kompose.cronjob.backoff_limit"].flatMap(Int.init) { return label }
        if let attempts = service.deploy?.restartPolicy?.maxAttempts { return attempts }
        if let restart = service.restart, restart.hasPrefix("on-failure:"), let count = Int(restart.dropFirst("on-failure:".count)) {
            return count
        }
        return WorkloadClassifier.neverRestarts(service) ? 0 : 6
    }

    /// Says what the one-shot heuristic decided and how to override it: a Job it made, or a
    /// Deployment it kept for a task that listens or that others reach.
    private func reportGuess(_ node: ServiceGraph.Node, in conversion: Conversion) {
        let service = node.service
        if node.guessed {
            conversion.warn(
                "\(service.name) becomes a Job: \(node.reason); set `x-kubernetes: {kind: Deployment}` if it runs on",
                path: service.command != nil ? service.path("command") : KeyPath.dotted("services", service.name))
        } else if node.kind == .deployment, let why = node.runsOnBecause, let task = WorkloadClassifier.finiteTask(service) {
            conversion.warn(
                "\(service.name) looks like a task that runs to completion (\(task)) but stays a Deployment, which starts it again "
                    + "each time it exits: \(why); set `x-kubernetes: {kind: Job}` to run it once",
                path: service.command != nil ? service.path("command") : KeyPath.dotted("services", service.name))
        }
    }

    /// Labels other rules turn into settings; the rest become pod annotations.
    static let consumedLabelPrefixes = ["ofelia.", "kompose."]

    /// `build` without `image` gives `<project>-<service>:latest`, as Compose names built images.
    func image(for service: Service, in conversion: Conversion) -> String {
        service.image ?? "\(conversion.project.name)-\(service.name):latest"
    }

    func pullPolicy(for service: Service, in conversion: Conversion) -> PullPolicy? {
        if let label = service.labels["kompose.image-pull-policy"] {
            if let policy = PullPolicy(rawValue: label) { return policy }
            conversion.warn(
                "kompose.image-pull-policy \"\(label)\" is not Always, IfNotPresent or Never: it is left out",
                path: service.path("labels.kompose.image-pull-policy"))
        }
        switch service.pullPolicy {
        case "always": return .always
        case "never": return .never
        case "missing", "if_not_present": return .ifNotPresent
        default: return service.build != nil ? .ifNotPresent : nil
        }
    }
}
