/// The smaller pieces of a service: mounts, healthcheck, devices, resources, security, runtime.
extension ServiceDecoder {
    func decodeMount(_ node: RawNode, path: String) -> VolumeMount? {
        guard let reader = NodeReader(node, path: path, context: context) else { return nil }
        reader.reportUnknownKeys(known: ComposeKeys.mount.fieldNames, what: "volume")
        let typeText = reader.string("type") ?? "volume"
        guard let type = VolumeMount.Kind(rawValue: typeText) else {
            context.sink.error("invalid volume type \"\(typeText)\"", at: node.location, path: "\(path).type")
            return nil
        }
        guard let target = reader.string("target") else {
            context.sink.error("volume needs a \"target\"", at: node.location, path: path)
            return nil
        }
        var mount = VolumeMount(
            type: type, source: reader.string("source"),
            target: Paths.isAbsolute(target) && !VolumeSyntax.isWindowsPath(target) ? Paths.normalize(target) : target)
        mount.readOnly = reader.bool("read_only") ?? false
        if let bind = reader.child("bind") {
            mount.createHostPath = bind.bool("create_host_path")
            mount.selinux = bind.string("selinux")
            mount.propagation = bind.string("propagation")
            mount.isShortSyntax = mount.createHostPath == true
        }
        if let volume = reader.child("volume") {
            mount.noCopy = volume.bool("nocopy")
            mount.subpath = volume.string("subpath")
        }
        if let tmpfs = reader.child("tmpfs") {
            mount.tmpfsSize = tmpfs.byteSize("size")
            mount.tmpfsMode = tmpfs.int("mode")
        }
        _ = reader.value("consistency")
        return mount
    }

    func decodeHealthcheck(_ reader: NodeReader) -> Healthcheck {
        reader.reportUnknownKeys(known: ComposeKeys.healthcheck.fieldNames, what: "healthcheck")
        var check = Healthcheck()
        check.disabled = reader.bool("disable") ?? false
        if let test = reader.value("test") {
            check.test = healthTest(test, path: reader.childPath("test"))
            if check.test == Healthcheck.Test.none { check.disabled = true }
        }
        check.interval = reader.duration("interval")
        check.timeout = reader.duration("timeout")
        check.retries = reader.unsigned("retries")
        check.startPeriod = reader.duration("start_period")
        check.startInterval = reader.duration("start_interval")
        return check
    }

    private func healthTest(_ node: RawNode, path: String) -> Healthcheck.Test? {
        if let text = node.text, node.scalar != nil { return .shell(text) }
        let words = (node.items ?? []).compactMap(\.text)
        guard let first = words.first else {
            context.sink.error(
                "healthcheck test must be a string or a list starting with CMD, CMD-SHELL or NONE", at: node.location, path: path)
            return nil
        }
        switch first {
        case "NONE": return Healthcheck.Test.none
        case "CMD": return .exec(Array(words.dropFirst()))
        case "CMD-SHELL": return .shell(words.dropFirst().joined(separator: " "))
        default:
            context.sink.error(
                "healthcheck test list must start with CMD, CMD-SHELL or NONE, found \"\(first)\"", at: node.location, path: path)
            return nil
        }
    }

    func gpus(_ reader: NodeReader) -> [DeviceRequest] {
        guard let value = reader.value("gpus") else { return [] }
        if value.text == "all" { return [DeviceRequest(count: -1)] }
        return reader.list("gpus").compactMap { decodeDeviceRequest($0.node, path: $0.path) }
    }

    func decodeDeviceRequest(_ node: RawNode, path: String) -> DeviceRequest? {
        guard let reader = NodeReader(node, path: path, context: context) else { return nil }
        reader.reportUnknownKeys(known: ComposeKeys.device.fieldNames, what: "device")
        var request = DeviceRequest()
        request.driver = reader.string("driver")
        if let count = reader.value("count") {
            request.count = count.text == "all" ? -1 : reader.int("count")
        }
        request.deviceIDs = reader.strings("device_ids")
        request.capabilities = reader.strings("capabilities")
        request.options = reader.labels("options")
        return request
    }

    func decodeDevice(_ node: RawNode, path: String) -> Device? {
        if let text = node.text, node.scalar != nil {
            let parts = text.split(separator: ":").map(String.init)
            guard (1...3).contains(parts.count) else {
                context.sink.error("invalid device \"\(text)\": expected HOST[:CONTAINER[:PERMISSIONS]]", at: node.location, path: path)
                return nil
            }
            return Device(source: parts[0], target: parts.count > 1 ? parts[1] : parts[0], permissions: parts.count > 2 ? parts[2] : "rwm")
        }
        guard let reader = NodeReader(node, path: path, context: context), let source = reader.string("source") else {
            context.sink.error("device needs a \"source\"", at: node.location, path: path)
            return nil
        }
        return Device(source: source, target: reader.string("target") ?? source, permissions: reader.string("permissions"))
    }

    func resources(_ reader: NodeReader) -> ServiceResources {
        ServiceResources(
            cpus: reader.double("cpus"), memLimit: reader.byteSize("mem_limit"),
            memReservation: reader.byteSize("mem_reservation"), shmSize: reader.byteSize("shm_size"))
    }

    func security(_ reader: NodeReader) -> SecuritySettings {
        var security = SecuritySettings()
        security.user = reader.string("user")
        security.privileged = reader.bool("privileged")
        security.readOnly = reader.bool("read_only")
        security.capAdd = reader.strings("cap_add")
        security.capDrop = reader.strings("cap_drop")
        security.securityOpt = reader.strings("security_opt")
        security.groupAdd = reader.strings("group_add")
        if let list = reader.value("sysctls")?.items {
            for item in list {
                let pair = (item.text ?? "").split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                security.sysctls[pair[0]] = pair.count > 1 ? pair[1] : ""
            }
        } else {
            security.sysctls = reader.labels("sysctls")
        }
        return security
    }

    func runtimeSettings(_ reader: NodeReader) -> RuntimeSettings {
        var runtime = RuntimeSettings()
        runtime.containerName = reader.string("container_name")
        runtime.hostname = reader.string("hostname")
        runtime.domainname = reader.string("domainname")
        runtime.workingDir = reader.string("working_dir")
        runtime.extraHosts = reader.labels("extra_hosts").mapValues { $0.split(separator: ",").map(String.init) }
        runtime.dns = reader.strings("dns")
        runtime.dnsSearch = reader.strings("dns_search")
        runtime.dnsOpt = reader.strings("dns_opt")
        runtime.tty = reader.bool("tty")
        runtime.stdinOpen = reader.bool("stdin_open")
        runtime.stopGracePeriod = reader.duration("stop_grace_period")
        runtime.stopSignal = reader.string("stop_signal")
        runtime.pid = reader.string("pid")
        runtime.ipc = reader.string("ipc")
        runtime.initProcess = reader.bool("init")
        return runtime
    }
}
