/// Builds a typed `Service` from its canonical (long-syntax) raw mapping.
struct ServiceDecoder {
    /// Compose keys kept as written rather than typed; the converter reports them.
    static let untypedKeys = [
        "attach", "blkio_config", "cgroup", "cgroup_parent", "cpu_count", "cpu_percent", "cpu_shares",
        "cpu_quota", "cpu_period", "cpu_rt_period", "cpu_rt_runtime", "cpuset", "credential_spec", "develop",
        "device_cgroup_rules", "isolation", "label_file", "mac_address", "mem_swappiness", "memswap_limit",
        "models", "oom_kill_disable", "oom_score_adj", "pids_limit", "post_start", "pre_stop", "provider",
        "pull_refresh_after", "runtime", "storage_opt", "use_api_socket", "userns_mode", "uts",
    ]

    /// Every key a service may have (`ComposeKeys.service`, which lists the untyped ones too).
    static let knownKeys = ComposeKeys.service.fieldNames

    let context: DecodingContext

    func decode(name: String, _ node: RawNode, path: String) -> Service? {
        guard let reader = NodeReader(node, path: path, context: context) else {
            return Service(name: name)
        }
        reader.reportUnknownKeys(known: Self.knownKeys, what: "service")
        var service = Service(name: name)
        service.image = reader.string("image")
        service.build = reader.child("build").map(decodeBuild)
        service.pullPolicy = reader.string("pull_policy")
        service.platform = reader.string("platform")
        service.command = commandLine(reader, "command")
        service.entrypoint = commandLine(reader, "entrypoint")
        service.environment = reader.stringMap("environment")
        service.ports = reader.list("ports").compactMap { decodePort($0.node, path: $0.path) }
        service.expose = exposed(reader)
        service.volumes = reader.list("volumes").compactMap { decodeMount($0.node, path: $0.path) }
        service.tmpfs = reader.strings("tmpfs")
        service.dependsOn = dependencies(reader)
        service.healthcheck = reader.child("healthcheck").map(decodeHealthcheck)
        service.deploy = reader.child("deploy").map(DeployDecoder(context: context).decode)
        service.labels = reader.labels("labels")
        service.annotations = reader.labels("annotations")
        service.networks = networks(reader)
        service.networkMode = reader.string("network_mode")
        service.secrets = reader.list("secrets").compactMap { decodeFileReference($0.node, path: $0.path) }
        service.configs = reader.list("configs").compactMap { decodeFileReference($0.node, path: $0.path) }
        service.restart = reader.string("restart")
        service.profiles = profiles(reader)
        service.gpus = gpus(reader)
        service.devices = reader.list("devices").compactMap { decodeDevice($0.node, path: $0.path) }
        service.resources = resources(reader)
        service.security = security(reader)
        service.runtime = runtimeSettings(reader)
        service.links = reader.strings("links")
        service.externalLinks = reader.strings("external_links")
        service.volumesFrom = reader.strings("volumes_from")
        service.ulimits = reader.json("ulimits").flatMap { if case .object(let object) = $0 { object } else { nil } } ?? [:]
        service.logging = reader.json("logging")
        service.scale = reader.int("scale")
        for key in Self.untypedKeys { if let value = reader.json(key) { service.otherKeys[key] = value } }
        service.extensions = reader.extensions()
        return service
    }

    private func commandLine(_ reader: NodeReader, _ key: String) -> [String]? {
        guard let value = reader.value(key) else { return nil }
        if value.scalar != nil, let text = value.text {
            do { return try ShellWords.split(text) } catch {
                context.sink.error("\(error)", at: value.location, path: reader.childPath(key))
                return nil
            }
        }
        return reader.strings(key)
    }

    /// `profiles`, an empty name kept: Compose's default active list is `[""]`, so a service
    /// listing `""` runs when no profile is chosen. The specification does not allow the name.
    private func profiles(_ reader: NodeReader) -> [String] {
        for item in reader.list("profiles") where item.node.text == "" {
            context.sink.warning(
                "an empty profile name is not allowed by the compose specification; Compose runs this service when no profile is chosen "
                    + "(its default profile list is [\"\"]), and so does compose2kube",
                at: item.node.location, path: item.path)
        }
        return reader.strings("profiles")
    }

    private func exposed(_ reader: NodeReader) -> [String] {
        reader.list("expose").compactMap { item in
            guard item.node.scalar != nil, let text = item.node.text else {
                context.sink.error("expected a port number or range, found \(item.node.kindName)", at: item.node.location, path: item.path)
                return nil
            }
            return text
        }
    }

    private func decodeBuild(_ reader: NodeReader) -> Build {
        reader.reportUnknownKeys(known: BuildKeys.all, what: "build")
        var build = Build(context: reader.string("context") ?? ".")
        build.dockerfile = reader.string("dockerfile") ?? "Dockerfile"
        build.dockerfileInline = reader.string("dockerfile_inline")
        if build.dockerfileInline != nil, reader.value("dockerfile") == nil { build.dockerfile = "" }
        build.target = reader.string("target")
        build.args = reader.stringMap("args")
        for key in BuildKeys.untyped { if let value = reader.json(key) { build.options[key] = value } }
        return build
    }

    func decodePort(_ node: RawNode, path: String) -> Port? {
        guard let reader = NodeReader(node, path: path, context: context) else { return nil }
        reader.reportUnknownKeys(known: ComposeKeys.port.fieldNames, what: "port")
        guard let target = reader.int("target") else {
            context.sink.error("port needs a numeric \"target\"", at: node.location, path: path)
            return nil
        }
        var port = Port(target: target)
        port.published = reader.string("published")
        port.hostIP = reader.string("host_ip")
        if let text = reader.string("protocol") {
            guard let proto = Port.TransportProtocol(rawValue: text.lowercased()) else {
                context.sink.error("invalid protocol \"\(text)\": expected tcp, udp or sctp", at: node.location, path: "\(path).protocol")
                return nil
            }
            port.proto = proto
        }
        port.mode = reader.string("mode") ?? "ingress"
        port.name = reader.string("name")
        port.appProtocol = reader.string("app_protocol")
        return port
    }

    private func dependencies(_ reader: NodeReader) -> [Dependency] {
        guard let map = reader.child("depends_on") else { return [] }
        return map.keys.compactMap { name in
            guard let entry = map.child(name) else { return Dependency(service: name) }
            entry.reportUnknownKeys(known: ComposeKeys.dependency.fieldNames, what: "depends_on")
            var dependency = Dependency(service: name)
            if let text = entry.string("condition") {
                guard let condition = Dependency.Condition(rawValue: text) else {
                    context.sink.error(
                        "invalid condition \"\(text)\": expected service_started, service_healthy or service_completed_successfully",
                        at: entry.value("condition")?.location, path: entry.childPath("condition"))
                    return nil
                }
                dependency.condition = condition
            }
            dependency.required = entry.bool("required") ?? true
            dependency.restart = entry.bool("restart")
            return dependency
        }
    }

    private func networks(_ reader: NodeReader) -> [ServiceNetwork] {
        guard let map = reader.child("networks") else { return [] }
        return map.keys.map { name in
            var network = ServiceNetwork(name: name)
            guard let entry = map.child(name) else { return network }
            entry.reportUnknownKeys(known: ComposeKeys.serviceNetwork.fieldNames, what: "network")
            network.aliases = entry.strings("aliases")
            network.ipv4Address = entry.string("ipv4_address")
            network.ipv6Address = entry.string("ipv6_address")
            for key in ["link_local_ips", "mac_address", "priority", "gw_priority", "driver_opts", "interface_name"] {
                if let value = entry.json(key) { network.options[key] = value }
            }
            return network
        }.sorted { $0.name < $1.name }
    }

    private func decodeFileReference(_ node: RawNode, path: String) -> FileReference? {
        guard let reader = NodeReader(node, path: path, context: context) else { return nil }
        reader.reportUnknownKeys(known: ComposeKeys.fileReference.fieldNames, what: "secret or config")
        guard let source = reader.string("source") else {
            context.sink.error("missing \"source\"", at: node.location, path: path)
            return nil
        }
        var reference = FileReference(source: source)
        reference.target = reader.string("target")
        reference.uid = reader.string("uid")
        reference.gid = reader.string("gid")
        if let mode = reader.value("mode") {
            reference.mode = mode.scalar?.isPlain == true && !(mode.text ?? "").hasPrefix("0") ? mode.int : Int(mode.text ?? "", radix: 8)
        }
        return reference
    }
}

enum BuildKeys {
    static let untyped = [
        "entitlements", "ssh", "labels", "cache_from", "cache_to", "no_cache", "additional_contexts", "network",
        "provenance", "sbom", "pull", "shm_size", "extra_hosts", "isolation", "privileged", "secrets", "tags",
        "ulimits", "platforms",
    ]
    static let all = ComposeKeys.build.fieldNames
}
