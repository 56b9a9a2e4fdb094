/// The last rule: every compose key no other rule used is reported where it was written, so
/// nothing is dropped silently.
struct UnconvertedKeysRule: MappingRule {
    /// Why a service of a profile no one activated is not converted.
    static let inactiveProfile = "none of its profiles is active"
    static let keys = KeyOwnership(ignores: [
        "models":
            "is not converted: it has no Kubernetes equivalent",
        "services.*.annotations.*":
            "is not converted: copy them into the pod template's annotations by hand (compose labels are copied there)",
        "services.*.attach":
            "is not converted: it has no Kubernetes equivalent",
        "services.*.blkio_config":
            "is not converted: it has no Kubernetes equivalent",
        "services.*.cgroup":
            "is not converted: it has no Kubernetes equivalent",
        "services.*.cgroup_parent":
            "is not converted: it has no Kubernetes equivalent",
        "services.*.cpu_count":
            "is not converted: it has no Kubernetes equivalent",
        "services.*.cpu_percent":
            "is not converted: it has no Kubernetes equivalent",
        "services.*.cpu_period":
            "is not converted: it has no Kubernetes equivalent",
        "services.*.cpu_quota":
            "is not converted: it has no Kubernetes equivalent",
        "services.*.cpu_rt_period":
            "is not converted: it has no Kubernetes equivalent",
        "services.*.cpu_rt_runtime":
            "is not converted: it has no Kubernetes equivalent",
        "services.*.cpu_shares":
            "is not converted: it has no Kubernetes equivalent",
        "services.*.cpuset":
            "is not converted: it has no Kubernetes equivalent",
        "services.*.credential_spec":
            "is not converted: it has no Kubernetes equivalent",
        "services.*.develop":
            "is not converted: it has no Kubernetes equivalent",
        "services.*.device_cgroup_rules":
            "is not converted: it has no Kubernetes equivalent",
        "services.*.init":
            "is not converted: Kubernetes has no init process option; use an image with tini or share the process namespace",
        "services.*.isolation":
            "is not converted: it has no Kubernetes equivalent",
        "services.*.label_file":
            "is not converted: it has no Kubernetes equivalent",
        "services.*.logging":
            "is not converted: the cluster collects container output; configure log shipping there",
        "services.*.mac_address":
            "is not converted: pods get their MAC address from the cluster network",
        "services.*.mem_swappiness":
            "is not converted: it has no Kubernetes equivalent",
        "services.*.memswap_limit":
            "is not converted: it has no Kubernetes equivalent",
        "services.*.models":
            "is not converted: it has no Kubernetes equivalent",
        "services.*.oom_kill_disable":
            "is not converted: it has no Kubernetes equivalent",
        "services.*.oom_score_adj":
            "is not converted: it has no Kubernetes equivalent",
        "services.*.pids_limit":
            "is not converted: it has no Kubernetes equivalent",
        "services.*.post_start":
            "is not converted: it has no Kubernetes equivalent",
        "services.*.pre_stop":
            "is not converted: it has no Kubernetes equivalent",
        "services.*.provider":
            "is not converted: it has no Kubernetes equivalent",
        "services.*.pull_refresh_after":
            "is not converted: it has no Kubernetes equivalent",
        "services.*.storage_opt":
            "is not converted: it has no Kubernetes equivalent",
        "services.*.ulimits":
            "is not converted: ulimits are set by the container runtime on each node, not per pod",
        "services.*.use_api_socket":
            "is not converted: it has no Kubernetes equivalent",
        "services.*.userns_mode":
            "is not converted: it has no Kubernetes equivalent",
        "services.*.uts":
            "is not converted: it has no Kubernetes equivalent",
    ])

    func apply(to conversion: Conversion) {
        let converted = Set(conversion.graph.nodes.map(\.service.name))
        conversion.consume("name")
        for (path, _) in conversion.keyPaths where Self.isExtension(path) { conversion.consume(path) }
        if conversion.project.services.isEmpty, conversion.project.disabledServices.isEmpty {
            conversion.warn("the project has no services: nothing to convert", path: "services")
        }
        for name in conversion.project.disabledServices {
            conversion.warn("service \(name) is not converted: \(Self.inactiveProfile)", path: "services.\(name)")
        }
        for name in conversion.project.networks.keys.sorted() where name != "default" && !conversion.isHandled("networks.\(name)") {
            conversion.warn(
                "network \(name) is not converted: pods share one flat network, and Services keep names resolving", path: "networks.\(name)"
            )
        }
        let serviceNames = ServiceNames(conversion.project.services.map(\.name) + conversion.project.disabledServices)
        for path in conversion.unhandledKeyPaths {
            if let service = serviceNames.service(in: path), !converted.contains(service) { continue }
            let parts = path.split(separator: ".", maxSplits: 2).map(String.init)
            guard parts.count > 1, !isSection(path) else { continue }
            if ["volumes", "secrets", "configs", "networks"].contains(parts[0]), parts.count == 2 {
                let users = Self.users(of: parts[1], section: parts[0], in: conversion.project)
                let usedBy = users.isEmpty ? "is not used by any service" : "is used only by \(users.joined(separator: ", ")), which \(users.count == 1 ? "is" : "are") not converted"
                conversion.warn("\(parts[0].dropLast()) \(parts[1]) \(usedBy), so nothing is generated for it", path: path)
                continue
            }
            conversion.warn(Self.message(for: path, pattern: ComposeKeys.pattern(of: path, serviceNames: serviceNames)), path: path)
        }
        // A key a rule marked with its parent but that no rule maps (`build.args`, `networks.<n>.mac_address`).
        for (path, pattern) in conversion.usedKeyPathsWithoutOwner(serviceNames: serviceNames) {
            if let service = serviceNames.service(in: path), !converted.contains(service) { continue }
            conversion.warn(Self.message(for: path, pattern: pattern), path: path)
        }
    }

    /// "`key` is not converted: why", with the reason its rule gives (`KeyOwnership.ignores`).
    static func message(for path: String, pattern: String?) -> String {
        let key = path.split(separator: ".").last.map(String.init) ?? path
        let reason = pattern.flatMap { KeyOwners.ignored[$0] }
        return "\(key) \(reason ?? "is not converted: it has no Kubernetes equivalent")"
    }

    /// Top-level sections are containers: their entries are reported, not the section.
    private func isSection(_ path: String) -> Bool {
        KeyPath.parent(of: path) == nil
    }

    /// `x-*` fields are the compose file's own notes (anchors, tool settings): Compose ignores
    /// them by specification; `x-kubernetes` is read by the rules that honour it.
    private static let extensionMarker = Array("x-".utf8)

    static func isExtension(_ path: String) -> Bool {
        var path = path
        return path.withUTF8 { bytes in
            // A key starting with `x-`: at the start, or after a dot. `x-` is found by memchr.
            var from = 0
            while let found = Self.extensionMarker.withUnsafeBufferPointer({ ByteSearch.firstOffset(of: $0, in: bytes, from: from) }) {
                if found == 0 || bytes[found - 1] == UInt8(ascii: ".") { return true }
                from = found + 1
            }
            return false
        }
    }

    /// The services that mount or name a top-level volume, secret, config or network.
    static func users(of name: String, section: String, in project: ComposeProject) -> [String] {
        project.services.filter { service in
            switch section {
            case "volumes": return service.volumes.contains { $0.type == .volume && $0.source == name }
            case "secrets": return service.secrets.contains { $0.source == name }
            case "configs": return service.configs.contains { $0.source == name }
            default: return false
            }
        }.map(\.name)
    }
}
