import Converter

/// The chart's `values.yaml`, read off the converted objects: one block per compose service
/// (image, replicas, resources, env, service, probes, scheduling, GPU), persistence per claim,
/// and where the secrets come from. The secret values themselves are in `values-secrets.yaml`
/// (`secretsManifest`): the project Secret's keys once each under `secrets`, other Secrets'
/// files under `secretFiles`; never a value the converting shell's environment supplied.
struct HelmValues {
    let result: ConversionResult
    /// The compose service each workload belongs to, by its Kubernetes name.
    let services: [(name: String, workload: Workload)]
    let claims: [ClaimObject]
    /// The project's one Secret of sensitive environment values, if any.
    let projectSecret: DataObject?
    /// Every other Secret (compose `secrets`, secret-looking bind-mounted files).
    let fileSecrets: [DataObject]
    /// Service names with a workload of their own (not merged into another pod).
    let serviceNames: Set<String>
    /// The compose variables as values, and the sites that follow them.
    let variables: HelmVariables
    /// Services whose workload asks for a GPU (made once: the values files and the chart ask often).
    let gpuServices: [String]
    private let objectsByKey: [String: KubernetesObject]

    init(result: ConversionResult) {
        self.result = result
        var byKey: [String: KubernetesObject] = [:]
        byKey.reserveCapacity(result.objects.count)
        for object in result.objects { byKey["\(object.kind)/\(object.name)"] = object }
        objectsByKey = byKey
        var workloads: [String: Workload] = [:]
        for case .workload(let workload) in result.objects { workloads["\(workload.kind.rawValue)/\(workload.lookupName)"] = workload }
        services = result.graph.nodes.compactMap { node in
            let name = KubernetesName.dns1123(node.name)
            guard let workload = workloads["\(node.kind.rawValue)/\(name)"] else { return nil }
            return (node.name, workload)
        }
        serviceNames = Set(services.map(\.name))
        gpuServices = services.filter { GPUVariants.usesGPU($0.workload) }.map(\.name)
        claims = result.objects.compactMap { if case .claim(let claim) = $0 { claim } else { nil } }
        let secrets = result.objects.compactMap { if case .data(let data) = $0, data.kind == .secret { data } else { nil } }
        let projectSecretName = ObjectNames.projectSecret(of: result.project.name)
        projectSecret = secrets.first { $0.metadata.name == projectSecretName }
        fileSecrets = secrets.filter { $0.metadata.name != projectSecretName }
        let routeHosts = result.objects.compactMap { object -> HelmVariables.RouteHosts? in
            switch object {
            case .ingress(let ingress): return (ingress.metadata.name, ingress.hostTemplates, ingress.hostsWrittenAt)
            case .httpRoute(let route): return (route.metadata.name, route.hostTemplates, route.hostsWrittenAt)
            default: return nil
            }
        }
        variables = HelmVariables(
            facts: result.project, services: services, projectSecret: projectSecret, routes: routeHosts,
            environmentOf: { Self.environment(of: $0, in: byKey) })
    }

    /// The image of the waiting init containers this conversion used.
    var helperImage: String {
        for case .workload(let workload) in result.objects {
            if let wait = workload.pod.initContainers.first(where: ObjectNames.isWait) { return wait.image }
        }
        return HelperImages.wait
    }

    /// Services that get an `ingress` block: a Service of their own with a port, and no Ingress converted.
    func ingressPort(of service: String) -> Int? {
        let name = KubernetesName.dns1123(service)
        guard !routes.contains(where: { $0.service == name }), !httpRoutes.contains(where: { $0.metadata.component == name }),
            let main = mainService(service), !main.headless
        else { return nil }
        return main.ports.first?.port
    }

    /// The converted Ingress objects (proxy routes, `x-kubernetes.ingress`): each has a block under `routes`.
    var routes: [IngressObject] {
        result.objects.compactMap { object in
            if case .ingress(let ingress) = object { return ingress }
            return nil
        }
    }

    /// The converted Gateway API HTTPRoutes (`--routes gateway`): each has a block under `routes`.
    var httpRoutes: [HTTPRouteObject] {
        result.objects.compactMap { object in
            if case .httpRoute(let route) = object { return route }
            return nil
        }
    }

    /// An HTTPRoute's values: on (the project routed it) and its hostnames; its rules stay as converted.
    static func routeValues(_ route: HTTPRouteObject) -> Manifest {
        .map([("enabled", .bool(true)), ("hostnames", .list(route.hostnames.map(Manifest.string)))])
    }

    /// The Gateway every HTTPRoute attaches to (`--gateway`).
    static func gatewayValues(_ parent: HTTPRouteObject.Parent) -> Manifest {
        .map([("name", .string(parent.gateway)), ("namespace", .string(parent.namespace ?? ""))])
    }

    /// A route's values: on (the project routed it), its class, annotations, TLS Secret and rules.
    static func routeValues(_ ingress: IngressObject) -> Manifest {
        .map([
            ("enabled", .bool(true)), ("className", .string(ingress.className ?? "")), ("annotations", .sorted(ingress.metadata.annotations)),
            ("tlsSecret", .string(ingress.tlsSecret ?? "")),
            (
                "rules",
                .list(
                    ingress.routes.map {
                        .map([("host", .string($0.host ?? "")), ("path", .string($0.path)), ("pathType", .string($0.exact ? "Exact" : "Prefix"))])
                    })
            ),
        ])
    }

    /// The profiles and whether each is on (those active at conversion), when services have any.
    var profileSwitches: [(String, Manifest)] {
        guard let profiles = result.profiles, !profiles.profilesOf.isEmpty else { return [] }
        return profiles.all.map { ($0, .bool(profiles.active.contains($0))) }
    }

    var manifest: Manifest {
        .object([
            ("profiles", profileSwitches.isEmpty ? nil : .map(profileSwitches)),
            ("variables", .sorted(variables.defaults)),
            ("services", .map(services.map { ($0.name, block(for: $0.name, workload: $0.workload)) })),
            ("persistence", .map(claims.map { ($0.metadata.name, persistence($0)) })),
            (
                "routes",
                routes.isEmpty && httpRoutes.isEmpty
                    ? nil
                    : .map(routes.map { ($0.metadata.name, Self.routeValues($0)) } + httpRoutes.map { ($0.metadata.name, Self.routeValues($0)) })
            ),
            ("routeGateway", httpRoutes.first.map { Self.gatewayValues($0.parent) }),
            ("imageRegistry", .string("")),
            ("imagePullSecrets", .list([])),
            ("helperImages", .map([("wait", .string(helperImage))])),
            ("existingSecret", .string("")),
            ("secrets", .map([])),
            ("secretFiles", .map(fileSecrets.map { ($0.metadata.name, .map([("existingSecret", .string(""))])) })),
            (
                "gpu",
                .map([
                    ("nodeSelector", .sorted(result.gpuPlacement.nodeSelector)), ("tolerations", .list([GPU.toleration])),
                    ("runtimeClassName", .string(result.gpuPlacement.runtimeClassName ?? "")),
                ])
            ),
        ])
    }

    /// `values-secrets.yaml`: the secret values read from the project's files.
    var secretsManifest: Manifest {
        let written = (projectSecret?.data ?? [:]).filter { !(projectSecret?.shellKeys.contains($0.key) ?? false) }
        return .map([
            ("secrets", .sorted(written)),
            // Never a value the converting shell supplied: the chart asks for it at install.
            (
                "secretFiles",
                .map(
                    fileSecrets.map { secret in
                        (secret.metadata.name, .map([("data", .sorted(secret.data.filter { !secret.shellKeys.contains($0.key) }))]))
                    })
            ),
        ])
    }

    /// The project Secret's keys whose value came from the converting shell: asked for at install.
    var shellSecretKeys: [String] {
        (projectSecret?.shellKeys ?? []).sorted()
    }

    private func block(for name: String, workload: Workload) -> Manifest {
        let container = workload.container ?? Container(name: name, image: "")
        // An image written with variables follows them unless a repository or tag is set here.
        let (repository, tag) = variables.images[name] == nil ? KustomizeEmitter.splitImage(container.image) : ("", nil)
        var resources = container.resources
        resources.limits.removeAll { GPU.resources.contains($0.0) }
        let cpuPod = GPUVariants.cpuOnly(.workload(workload), placement: result.gpuPlacement)
        var pairs: [(String, Manifest)] = [
            (
                "image",
                .map([
                    ("repository", .string(repository)), ("tag", .string(tag ?? "")),
                    ("pullPolicy", .string(container.imagePullPolicy?.rawValue ?? "")),
                ])
            )
        ]
        if workload.kind == .deployment || workload.kind == .statefulSet { pairs.append(("replicas", .int(workload.replicas ?? 1))) }
        pairs.append(("resources", resources.manifestValue))
        pairs.append(("env", .sorted(literalEnvironment(of: name))))
        if let service = mainService(name) {
            pairs.append(
                ("service", .map([("type", .string(service.type.rawValue)), ("ports", ServiceObject.portsManifest(service.ports))])))
        }
        pairs.append(
            (
                "probes",
                .map(
                    [
                        ("readiness", container.readinessProbe?.manifest), ("liveness", container.livenessProbe?.manifest),
                        ("startup", container.startupProbe?.manifest),
                    ].compactMap { key, value in value.map { (key, $0) } })
            ))
        if case .workload(let cpu) = cpuPod {
            pairs.append(("nodeSelector", .sorted(cpu.pod.nodeSelector)))
            pairs.append(("tolerations", .list(cpu.pod.tolerations)))
        }
        pairs.append(("affinity", SharedClaim.affinity(workload.pod.sharedClaims) ?? .map([])))
        pairs.append(("podAnnotations", .sorted(workload.podAnnotations)))
        pairs.append(("podSecurityContext", workload.pod.securityContextManifest))
        let containerSecurity = workload.pod.containers.first?.securityContext?.manifest
        pairs.append(("securityContext", containerSecurity.flatMap { $0.isEmpty ? nil : $0 } ?? .map([])))
        if let port = ingressPort(of: name) {
            pairs.append(
                (
                    "ingress",
                    .map([
                        ("enabled", .bool(false)), ("className", .string("")), ("host", .string("")), ("path", .string("/")),
                        ("port", .int(port)), ("tlsSecret", .string("")),
                    ])
                ))
        }
        if let (resource, count) = GPU.limit(of: container) {
            pairs.append(("gpu", .map([("enabled", .bool(true)), ("count", .int(Int(count) ?? 1)), ("resource", .string(resource))])))
        }
        return .map(pairs)
    }

    /// A service's plain environment, as converted.
    func environment(of service: String) -> [String: String] {
        Self.environment(of: service, in: objectsByKey)
    }

    private static func environment(of service: String, in objects: [String: KubernetesObject]) -> [String: String] {
        guard case .data(let data)? = objects["ConfigMap/\(ObjectNames.environment(of: KubernetesName.dns1123(service)))"] else {
            return [:]
        }
        return data.data
    }

    /// A service's environment values that stay values of its block: those not written with variables.
    func literalEnvironment(of service: String) -> [String: String] {
        let followed = variables.environment[service] ?? [:]
        return environment(of: service).filter { followed[$0.key] == nil }
    }

    func mainService(_ service: String) -> ServiceObject? {
        guard case .service(let object)? = objectsByKey["Service/\(KubernetesName.dns1123(service))"] else { return nil }
        return object
    }

    private func persistence(_ claim: ClaimObject) -> Manifest {
        .map([
            ("existingClaim", .string("")), ("size", .string(claim.size)), ("storageClass", .string(claim.storageClass ?? "")),
            ("accessModes", .strings([claim.accessMode.rawValue])),
        ])
    }

    /// A GPU/CPU values file: the profiles of the variants that run on `hardware` on (off the
    /// others'), and the GPU on for the services that asked for one (`.gpu`), for those of one
    /// vendor (`.vendor`), or for none (`.cpu`). GPU nodes that need a node selector or runtime
    /// class get them from `gpu.nodeSelector`/`gpu.runtimeClassName`.
    func overlay(for hardware: ProfileServices.Hardware) -> Manifest {
        let enabled: [(String, Bool)]
        switch hardware {
        case .gpu: enabled = gpuServices.map { ($0, true) }
        case .cpu: enabled = gpuServices.map { ($0, false) }
        case .vendor(let vendor): enabled = gpuServices.filter { gpuVendor(of: $0) == vendor }.map { ($0, true) }
        }
        return .object([
            ("profiles", variantSwitches(for: hardware)),
            ("services", .map(enabled.map { ($0.0, .map([("gpu", .map([("enabled", .bool($0.1))]))])) })),
        ])
    }

    /// The vendor of the GPU `service` asks for.
    func gpuVendor(of service: String) -> GPU.Vendor? {
        guard let workload = services.first(where: { $0.name == service })?.workload else { return nil }
        return workload.pod.containers.lazy.compactMap(GPU.vendor(of:)).first
    }

    /// The vendors besides NVIDIA some variants offer: each gets a `values-gpu-<vendor>.yaml`.
    var variantVendors: [GPU.Vendor] {
        let offered = Set((result.profiles?.variants ?? []).flatMap(\.vendors))
        return GPU.Vendor.allCases.filter { $0 != .nvidia && offered.contains($0) }
    }

    /// Profiles switched so that each group of variants runs its member for `hardware` (its
    /// profiles on, the other members' off); nil when none switches. Variants on one kind of
    /// hardware, or offering nothing for `hardware`, stay as `values.yaml` says. When the
    /// conversion selected profiles (`--profile`, `COMPOSE_PROFILES`), only groups one of which
    /// was selected switch: a group the project never enabled stays off. A profile several
    /// groups name (one `cpu` profile for every CPU variant) is decided by the first group, the
    /// groups offering `hardware` itself before those falling back to their CPU variant:
    /// `values-gpu-amd.yaml` then runs what `docker compose --profile gpu-amd` runs.
    func variantSwitches(for hardware: ProfileServices.Hardware) -> Manifest? {
        guard let profiles = result.profiles else { return nil }
        let active = Set(profiles.active.filter { !$0.isEmpty })
        let selected = { (service: String) in (profiles.profilesOf[service] ?? []).contains(where: active.contains) }
        let switching = profiles.variants.filter { $0.differByHardware && (active.isEmpty || $0.services.contains(where: selected)) }
        let offering = { (group: ProfileServices.Variants) in
            if case .vendor(let vendor) = hardware { group.vendors.contains(vendor) } else { true }
        }
        var switches: [String: Bool] = [:]
        for group in switching.filter(offering) + switching.filter({ !offering($0) }) {
            guard let chosen = group.member(for: hardware) else { continue }
            for service in group.services {
                for profile in profiles.profilesOf[service] ?? [] where switches[profile] == nil { switches[profile] = service == chosen }
            }
        }
        return switches.isEmpty ? nil : .map(switches.keys.sorted().map { ($0, .bool(switches[$0] ?? false)) })
    }

    /// Profiles a GPU/CPU file for `hardware` leaves as `values.yaml` says (no variants decide them).
    func untouchedProfiles(for hardware: ProfileServices.Hardware) -> [String] {
        guard let profiles = result.profiles, case .map(let switches)? = variantSwitches(for: hardware) else { return result.profiles?.all ?? [] }
        let decided = Set(switches.map(\.0))
        return profiles.all.filter { !decided.contains($0) }
    }
}

extension ProfileServices.Hardware {
    /// The chart's values file for this hardware (`values-gpu-amd.yaml`).
    var valuesFile: String {
        switch self {
        case .gpu: return "values-gpu.yaml"
        case .cpu: return "values-cpu.yaml"
        case .vendor(let vendor): return "values-gpu-\(vendor.rawValue).yaml"
        }
    }

    /// The files a chart offering `vendors` (besides NVIDIA) has, in the order they are listed.
    static func files(vendors: [GPU.Vendor]) -> [Self] {
        [.gpu] + vendors.filter { $0 != .nvidia }.map(Self.vendor) + [.cpu]
    }
}

extension ResourceRequirements {
    /// As a values block (always both keys, so `--set` has somewhere to go).
    var manifestValue: Manifest {
        .map([("requests", .map(requests.map { ($0.0, .string($0.1)) })), ("limits", .map(limits.map { ($0.0, .string($0.1)) }))])
    }
}
