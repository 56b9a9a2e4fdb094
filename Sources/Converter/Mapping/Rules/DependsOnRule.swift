/// `depends_on` → one init container per dependency that waits, matching compose's conditions.
/// `service_started` and `service_healthy` wait on the dependency's Service: a Service routes
/// only to Ready pods and Ready is the compose healthcheck, so a TCP connect (or a DNS answer,
/// for a dependency without a TCP port) means "healthy" — no API access. Only
/// `service_completed_successfully` asks the API, for that Job alone, with a token mounted into
/// the waiting container only.
struct DependsOnRule: ServiceRule {
    /// A wait connects to the port of the Service `PortsRule` made for the dependency.
    static let readsOutputOf: [any ConversionRule.Type] = [PortsRule.self]

    static let keys = KeyOwnership(
        owns: ["services.*.depends_on.*", "services.*.depends_on.*.condition", "services.*.depends_on.*.required"],
        ignores: [
            "services.*.depends_on.*.restart":
                "is not converted: a pod is not restarted when a dependency restarts"
        ])

    func apply(to service: Service, workload: inout Workload, in conversion: Conversion) {
        conversion.consume("depends_on", of: service)
        conversion.consume("links", of: service)
        for edge in conversion.graph.dependencies(of: service.name) {
            let path = service.path("depends_on.\(edge.to)")
            guard edge.required else {
                conversion.warn("optional dependency (required: false) on \(edge.to): the pod does not wait for it", path: path)
                continue
            }
            guard let target = conversion.graph.node(edge.to) else { continue }
            switch edge.condition {
            case .started where target.kind == .job:
                continue  // the Job was created with everything else: it has started
            case .started, .healthy:
                if edge.condition == .healthy, target.service.healthcheck?.test == nil || target.service.healthcheck?.disabled == true {
                    conversion.warn("\(edge.to) has no healthcheck, so Ready only means its container started", path: path)
                }
                workload.pod.initContainers.append(serviceWait(for: target.service, in: conversion))
            case .completedSuccessfully:
                guard target.kind == .job else {
                    conversion.warn(
                        "\(edge.to) is a long-running \(target.kind.rawValue), so waiting for it to complete would never end; \(edge.from) starts without waiting",
                        path: path)
                    continue
                }
                addJobWait(for: target.service.kubernetesName, to: &workload, in: conversion)
            }
        }
    }

    /// Waits for the dependency's Service: a TCP port it answers on (its healthcheck's first),
    /// else a DNS answer.
    private func serviceWait(for dependency: Service, in conversion: Conversion) -> Container {
        let host = dependency.kubernetesName
        let timeout = conversion.options.waitTimeout
        let script: String
        if let port = waitPort(of: dependency, in: conversion) {
            script = WaitScript.tcp(host: host, port: port, timeout: timeout)
        } else {
            script = WaitScript.dns(host: host, timeout: timeout)
        }
        return helper(name: ObjectNames.wait(for: host), script: script, in: conversion)
    }

    /// A TCP port of the dependency's Service: the one its healthcheck uses, else the first.
    private func waitPort(of dependency: Service, in conversion: Conversion) -> Int? {
        guard let object = conversion.service(named: dependency.kubernetesName) else { return nil }
        let tcp = object.ports.filter { $0.proto == .tcp }.map(\.port)
        let checked = conversion.references.references(to: dependency.name).lazy.filter {
            $0.from == dependency.name && $0.path.hasSuffix(".healthcheck.test")
        }.compactMap(\.port).first { tcp.contains($0) }
        return checked ?? tcp.first
    }

    private func addJobWait(for job: String, to workload: inout Workload, in conversion: Conversion) {
        let account = JobWaitAccess.grant(job: job, in: conversion)
        var container = helper(
            name: ObjectNames.wait(for: job), script: WaitScript.jobComplete(timeout: conversion.options.waitTimeout), in: conversion)
        container.env = [EnvVar(name: WaitScript.jobVariable, value: job)]
        container.volumeMounts = [
            VolumeMountSpec(name: JobWaitAccess.tokenVolume, mountPath: WaitScript.serviceAccountPath, readOnly: true)
        ]
        workload.pod.initContainers.append(container)
        workload.pod.serviceAccountName = account
        if !workload.pod.volumes.contains(where: { $0.name == JobWaitAccess.tokenVolume }) {
            workload.pod.volumes.append(PodVolume(name: JobWaitAccess.tokenVolume, source: .serviceAccountToken(expirationSeconds: 3600)))
        }
    }

    /// A waiting init container; `name` is `ObjectNames.wait(for:)`, already a valid name.
    private func helper(name: String, script: String, in conversion: Conversion) -> Container {
        var container = Container(name: name, image: conversion.options.helperImage)
        container.command = ["sh", "-c", KubeletText.literal(script)]
        container.securityContext = HelperImages.restricted
        return container
    }
}

/// The only API access a conversion grants: a ServiceAccount that may `get` exactly the Jobs
/// other pods wait for, named after the project so two projects share a namespace safely.
enum JobWaitAccess {
    static let tokenVolume = "job-wait-token"

    static func accountName(in conversion: Conversion) -> String {
        KubernetesName.dns1123("\(conversion.labels.project)-job-waiter")
    }

    /// Adds `job` to the Role (creating the ServiceAccount, Role and RoleBinding once).
    /// - Returns: the ServiceAccount's name.
    static func grant(job: String, in conversion: Conversion) -> String {
        let name = accountName(in: conversion)
        let meta = conversion.metadata(name, component: name)
        conversion.awaitedJobs.insert(job)
        conversion.add(ServiceAccountObject(metadata: meta).object)
        writeRole(in: conversion)
        let binding = RoleBindingObject(
            metadata: meta, role: name, subjects: [.init(serviceAccount: name, namespace: conversion.namespace)])
        conversion.add(binding.object)
        return name
    }

    /// The Role follows Jobs that were renamed after the waits were made (`JobNames`).
    static func renameJobs(_ renamed: [String: String], in conversion: Conversion) {
        guard !conversion.awaitedJobs.isEmpty else { return }
        conversion.awaitedJobs = Set(conversion.awaitedJobs.map { renamed[$0] ?? $0 })
        writeRole(in: conversion)
    }

    /// `get` on exactly the awaited Jobs.
    private static func writeRole(in conversion: Conversion) {
        let name = accountName(in: conversion)
        let rule = PolicyRule(apiGroups: ["batch"], resources: ["jobs"], resourceNames: conversion.awaitedJobs.sorted(), verbs: ["get"])
        conversion.add(RoleObject(metadata: conversion.metadata(name, component: name), rules: [rule]).object)
    }
}
