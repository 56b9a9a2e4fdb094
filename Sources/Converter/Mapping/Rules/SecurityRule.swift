/// `user`, `privileged`, `cap_add`/`cap_drop`, `read_only`, `security_opt: no-new-privileges`,
/// `group_add`, `sysctls` → the container's and pod's securityContext.
struct SecurityRule: ServiceRule {
    static let keys = KeyOwnership(owns: [
        "services.*.user", "services.*.privileged", "services.*.read_only", "services.*.cap_add[]", "services.*.cap_drop[]",
        "services.*.security_opt[]", "services.*.group_add[]", "services.*.sysctls.*",
    ])

    func apply(to service: Service, workload: inout Workload, in conversion: Conversion) {
        let settings = service.security
        var context = ContainerSecurityContext()
        if let user = settings.user {
            let parts = user.split(separator: ":").map(String.init)
            if let uid = parts.first.flatMap({ Int($0) }) {
                context.runAsUser = uid
                if parts.count > 1 {
                    if let gid = Int(parts[1]) {
                        context.runAsGroup = gid
                        // Volumes belong to the process's group, so it can write them as it could on the host.
                        if !service.volumes.isEmpty { workload.pod.fsGroup = gid }
                    } else {
                        conversion.warn(
                            "group \"\(parts[1])\" is not numeric: Kubernetes needs a numeric group id", path: service.path("user"))
                    }
                }
            } else {
                conversion.warn(
                    "user \"\(user)\" is not numeric: Kubernetes needs a numeric user id (runAsUser); set it by hand",
                    path: service.path("user"))
            }
        }
        context.privileged = settings.privileged
        context.readOnlyRootFilesystem = settings.readOnly
        context.capabilitiesAdd = settings.capAdd.map(Self.capability)
        context.capabilitiesDrop = settings.capDrop.map(Self.capability)
        for (index, option) in settings.securityOpt.enumerated() {
            if option == "no-new-privileges" || option == "no-new-privileges:true" || option == "no-new-privileges=true" {
                context.allowPrivilegeEscalation = false
            } else {
                conversion.warn(
                    "security_opt \"\(option)\" is not converted (seccomp/apparmor profiles are set by hand in Kubernetes)",
                    path: service.path("security_opt[\(index)]"))
            }
        }
        if !context.isEmpty { workload.container?.securityContext = context }
        for (index, group) in settings.groupAdd.enumerated() {
            if let gid = Int(group) {
                workload.pod.supplementalGroups.append(gid)
            } else {
                conversion.warn("group \"\(group)\" is not numeric", path: service.path("group_add[\(index)]"))
            }
        }
        for (name, value) in settings.sysctls.sorted(by: { $0.key < $1.key }) {
            guard Self.safeSysctls.contains(name) else {
                conversion.warn(
                    "sysctl \(name) is left out: it is not in the kubelet's safe set, so the pod would be rejected (SysctlForbidden) "
                        + "unless every node's kubelet runs with --allowed-unsafe-sysctls=\(name); add it to the pod by hand there",
                    path: service.path("sysctls.\(name)"))
                continue
            }
            workload.pod.sysctls.append((name, value))
        }
        if let group = service.labels["kompose.security-context.fsgroup"].flatMap(Int.init) { workload.pod.fsGroup = group }
        for key in ["user", "privileged", "read_only", "cap_add", "cap_drop", "security_opt", "group_add", "sysctls"] {
            conversion.consume(key, of: service)
        }
    }

    /// The sysctls every kubelet allows (Kubernetes 1.29 and later; "Using sysctls in a
    /// Kubernetes Cluster"). Any other is refused unless the kubelet is started to allow it.
    static let safeSysctls: Set<String> = [
        "kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range",
        "net.ipv4.ip_unprivileged_port_start", "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time",
        "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes",
    ]

    /// Docker accepts `CAP_NET_ADMIN` and `NET_ADMIN`; Kubernetes wants the latter.
    static func capability(_ name: String) -> String {
        name.hasPrefix("CAP_") ? String(name.dropFirst(4)) : name
    }
}
