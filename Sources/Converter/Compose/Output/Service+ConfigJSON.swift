extension Service {
    /// The service in the shape Docker Compose prints it.
    func configJSON() -> JSONValue {
        var pairs: [(String, JSONValue?)] = [
            ("image", image.map(JSONValue.string)),
            ("build", build?.configJSON()),
            ("pull_policy", pullPolicy.map(JSONValue.string)),
            ("platform", platform.map(JSONValue.string)),
            ("command", command.map { .array($0.map(JSONValue.string)) }),
            ("entrypoint", entrypoint.map { .array($0.map(JSONValue.string)) }),
            ("environment", .optionalMap(environment)),
            ("ports", ports.isEmpty ? nil : .array(ports.map { $0.configJSON() })),
            ("expose", .strings(expose)),
            ("volumes", volumes.isEmpty ? nil : .array(volumes.map { $0.configJSON() })),
            ("tmpfs", .strings(tmpfs)),
            (
                "depends_on",
                dependsOn.isEmpty ? nil : .object(Dictionary(uniqueKeysWithValues: dependsOn.map { ($0.service, $0.configJSON()) }))
            ),
            ("healthcheck", healthcheck?.configJSON()),
            ("deploy", deploy?.configJSON()),
            ("labels", .map(labels)),
            ("annotations", .map(annotations)),
            ("networks", networks.isEmpty ? nil : .object(Dictionary(uniqueKeysWithValues: networks.map { ($0.name, $0.configJSON()) }))),
            ("network_mode", networkMode.map(JSONValue.string)),
            ("secrets", secrets.isEmpty ? nil : .array(secrets.map { $0.configJSON() })),
            ("configs", configs.isEmpty ? nil : .array(configs.map { $0.configJSON() })),
            ("restart", restart.map(JSONValue.string)),
            ("profiles", .strings(profiles)),
            ("gpus", gpus.isEmpty ? nil : .array(gpus.map { $0.configJSON() })),
            ("devices", devices.isEmpty ? nil : .array(devices.map { $0.configJSON() })),
            ("links", .strings(links)),
            ("external_links", .strings(externalLinks)),
            ("volumes_from", .strings(volumesFrom)),
            ("ulimits", ulimits.isEmpty ? nil : .object(ulimits)),
            ("logging", logging),
            ("scale", scale.map { .int(Int64($0)) }),
        ]
        pairs += resources.configPairs() + security.configPairs() + runtime.configPairs()
        pairs += otherKeys.map { ($0.key, Optional($0.value)) } + extensions.map { ($0.key, Optional($0.value)) }
        return .object(pairs)
    }
}

extension ServiceResources {
    func configPairs() -> [(String, JSONValue?)] {
        [
            ("cpus", cpus.map(JSONValue.double)), ("mem_limit", .bytes(memLimit)),
            ("mem_reservation", .bytes(memReservation)), ("shm_size", .bytes(shmSize)),
        ]
    }
}

extension SecuritySettings {
    func configPairs() -> [(String, JSONValue?)] {
        [
            ("user", user.map(JSONValue.string)), ("privileged", privileged.map(JSONValue.bool)),
            ("read_only", readOnly.map(JSONValue.bool)), ("cap_add", .strings(capAdd)), ("cap_drop", .strings(capDrop)),
            ("security_opt", .strings(securityOpt)), ("group_add", .strings(groupAdd)), ("sysctls", .map(sysctls)),
        ]
    }
}

extension RuntimeSettings {
    func configPairs() -> [(String, JSONValue?)] {
        let hosts = extraHosts.sorted { $0.key < $1.key }.flatMap { host in host.value.map { "\(host.key)=\($0)" } }
        return [
            ("container_name", containerName.map(JSONValue.string)), ("hostname", hostname.map(JSONValue.string)),
            ("domainname", domainname.map(JSONValue.string)), ("working_dir", workingDir.map(JSONValue.string)),
            ("extra_hosts", .strings(hosts)), ("dns", .strings(dns)), ("dns_search", .strings(dnsSearch)),
            ("dns_opt", .strings(dnsOpt)), ("tty", tty.map(JSONValue.bool)), ("stdin_open", stdinOpen.map(JSONValue.bool)),
            ("stop_grace_period", .duration(stopGracePeriod)), ("stop_signal", stopSignal.map(JSONValue.string)),
            ("pid", pid.map(JSONValue.string)), ("ipc", ipc.map(JSONValue.string)), ("init", initProcess.map(JSONValue.bool)),
        ]
    }
}

extension Build {
    func configJSON() -> JSONValue {
        .object(
            [
                ("context", .string(context)), ("dockerfile", dockerfile.isEmpty ? nil : .string(dockerfile)),
                ("dockerfile_inline", dockerfileInline.map(JSONValue.string)), ("target", target.map(JSONValue.string)),
                ("args", .optionalMap(args)),
            ] + options.map { ($0.key, Optional($0.value)) })
    }
}

extension Port {
    func configJSON() -> JSONValue {
        .object([
            ("mode", .string(mode)), ("target", .int(Int64(target))), ("published", published.map(JSONValue.string)),
            ("host_ip", hostIP.map(JSONValue.string)), ("protocol", .string(proto.rawValue)),
            ("name", name.map(JSONValue.string)), ("app_protocol", appProtocol.map(JSONValue.string)),
        ])
    }
}

extension VolumeMount {
    func configJSON() -> JSONValue {
        var bind: [(String, JSONValue?)] = [
            ("create_host_path", createHostPath.map(JSONValue.bool)),
            ("selinux", selinux.map(JSONValue.string)), ("propagation", propagation.map(JSONValue.string)),
        ]
        bind = bind.filter { $0.1 != nil }
        let volume: [(String, JSONValue?)] = [("nocopy", noCopy.map(JSONValue.bool)), ("subpath", subpath.map(JSONValue.string))].filter {
            $0.1 != nil
        }
        let tmpfs: [(String, JSONValue?)] = [("size", tmpfsSize.map { .int($0) }), ("mode", tmpfsMode.map { .int(Int64($0)) })].filter {
            $0.1 != nil
        }
        return .object([
            ("type", .string(type.rawValue)), ("source", source.map(JSONValue.string)), ("target", .string(target)),
            ("read_only", readOnly ? .bool(true) : nil),
            ("bind", bind.isEmpty ? nil : .object(bind)),
            ("volume", type == .volume ? .object(volume) : nil),
            ("tmpfs", tmpfs.isEmpty ? nil : .object(tmpfs)),
        ])
    }
}

extension Dependency {
    func configJSON() -> JSONValue {
        .object([("condition", .string(condition.rawValue)), ("required", .bool(required)), ("restart", restart.map(JSONValue.bool))])
    }
}

extension Healthcheck {
    func configJSON() -> JSONValue {
        let testJSON: JSONValue? = test.map { test in
            switch test {
            case .none: return .array([.string("NONE")])
            case .exec(let argv): return .array([.string("CMD")] + argv.map(JSONValue.string))
            case .shell(let command): return .array([.string("CMD-SHELL"), .string(command)])
            }
        }
        return .object([
            ("test", testJSON), ("interval", .duration(interval)), ("timeout", .duration(timeout)),
            ("retries", retries.map { .int(Int64($0)) }), ("start_period", .duration(startPeriod)),
            ("start_interval", .duration(startInterval)), ("disable", disabled && test != Healthcheck.Test.none ? .bool(true) : nil),
        ])
    }
}

extension Deploy {
    func configJSON() -> JSONValue {
        var placement: [(String, JSONValue?)] = [
            ("constraints", .strings(placementConstraints)),
            ("preferences", placementPreferences.isEmpty ? nil : .array(placementPreferences)),
        ]
        if let max = options["max_replicas_per_node"] { placement.append(("max_replicas_per_node", max)) }
        return .object([
            ("mode", mode.map(JSONValue.string)), ("replicas", replicas.map { .int(Int64($0)) }),
            ("labels", .map(labels)), ("endpoint_mode", endpointMode.map(JSONValue.string)),
            ("resources", .object([("limits", limits.configJSON()), ("reservations", reservations.configJSON())])),
            ("placement", .object(placement)), ("restart_policy", restartPolicy?.configJSON()),
            ("update_config", options["update_config"]), ("rollback_config", options["rollback_config"]),
        ])
    }
}

extension ResourceSpec {
    func configJSON() -> JSONValue? {
        guard cpus != nil || memory != nil || pids != nil || !devices.isEmpty || !genericResources.isEmpty else { return nil }
        return .object([
            ("cpus", cpus.map(JSONValue.double)), ("memory", .bytes(memory)), ("pids", pids.map { .int(Int64($0)) }),
            ("devices", devices.isEmpty ? nil : .array(devices.map { $0.configJSON() })),
            ("generic_resources", genericResources.isEmpty ? nil : .array(genericResources)),
        ])
    }
}

extension RestartPolicy {
    func configJSON() -> JSONValue {
        .object([
            ("condition", condition.map(JSONValue.string)), ("delay", .duration(delay)),
            ("max_attempts", maxAttempts.map { .int(Int64($0)) }), ("window", .duration(window)),
        ])
    }
}

extension DeviceRequest {
    func configJSON() -> JSONValue {
        .object([
            ("driver", driver.map(JSONValue.string)), ("count", count.map { .int(Int64($0)) }),
            ("device_ids", .strings(deviceIDs)), ("capabilities", .strings(capabilities)), ("options", .map(options)),
        ])
    }
}

extension Device {
    func configJSON() -> JSONValue {
        .object([("source", .string(source)), ("target", .string(target)), ("permissions", permissions.map(JSONValue.string))])
    }
}

extension ServiceNetwork {
    func configJSON() -> JSONValue {
        let pairs: [(String, JSONValue?)] =
            [
                ("aliases", .strings(aliases)), ("ipv4_address", ipv4Address.map(JSONValue.string)),
                ("ipv6_address", ipv6Address.map(JSONValue.string)),
            ] + options.map { ($0.key, Optional($0.value)) }
        let present = pairs.filter { $0.1 != nil }
        return present.isEmpty ? .null : .object(present)
    }
}

extension FileReference {
    func configJSON() -> JSONValue {
        .object([
            ("source", .string(source)), ("target", target.map(JSONValue.string)), ("uid", uid.map(JSONValue.string)),
            ("gid", gid.map(JSONValue.string)), ("mode", mode.map { .string("0" + String($0, radix: 8)) }),
        ])
    }
}
