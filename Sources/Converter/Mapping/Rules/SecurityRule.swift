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
        if let user = settings.user { applyUser(user, service: service, context: &context, workload: &workload, conversion: conversion) }
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

    /// `user: uid[:gid]` → runAsUser/runAsGroup, `root` read as 0 (the one name every image
    /// maps the same). The group owns the volumes too (fsGroup: airflow's `50000:0` writes them
    /// through group 0), except for root, who writes them anyway: fsGroup would only make the
    /// kubelet chown every volume recursively at each mount.
    private func applyUser(
        _ user: String, service: Service, context: inout ContainerSecurityContext, workload: inout Workload, conversion: Conversion
    ) {
        let parts = user.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let id = { (text: String) in text == "root" ? 0 : Int(text) }
        guard let uid = id(parts[0]) else {
            return conversion.warn(
                "user \"\(user)\" is not numeric: Kubernetes needs a numeric user id (runAsUser); set it by hand",
                path: service.path("user"))
        }
        context.runAsUser = uid
        if parts.count > 1 {
            if let gid = id(parts[1]) {
                context.runAsGroup = gid
                // Volumes belong to the process's group, so it can write them as it could on the host.
                if !service.volumes.isEmpty, uid != 0 { workload.pod.fsGroup = gid }
            } else {
                conversion.warn("group \"\(parts[1])\" is not numeric: Kubernetes needs a numeric group id", path: service.path("user"))
            }
        }
        if uid == 0 {
            // Pod Security Standards: "restricted" requires runAsNonRoot and refuses runAsUser 0; "baseline" allows it.
            conversion.warn(
                "runs as root (runAsUser: 0) as under Compose; a namespace enforcing the restricted Pod Security level refuses the pod "
                    + "(baseline and privileged allow it)", path: service.path("user"))
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
