/// `hostname`, `domainname`, `extra_hosts`, `dns*`, `stop_grace_period`, `network_mode: host`,
/// `pid: host`, `ipc: host` → the pod spec; `stop_signal` and `network_mode: service:X` reported.
struct RuntimeRule: ServiceRule {
    static let keys = KeyOwnership(owns: [
        "services.*.hostname", "services.*.extra_hosts.*", "services.*.dns[]", "services.*.dns_search[]", "services.*.dns_opt[]",
        "services.*.stop_grace_period", "services.*.network_mode", "services.*.pid", "services.*.ipc", "services.*.domainname",
        "services.*.stop_signal",
    ])

    func apply(to service: Service, workload: inout Workload, in conversion: Conversion) {
        let runtime = service.runtime
        if let hostname = runtime.hostname {
            workload.pod.hostname = KubernetesName.dns1123(hostname)
        } else if workload.kind != .statefulSet, service.networkMode != "host" {
            // A service that reaches itself by name resolves through /etc/hosts, Ready or not.
            workload.pod.hostname = service.kubernetesName
        }
        workload.pod.hostAliases = hostAliases(runtime.extraHosts, service: service, conversion: conversion)
        workload.pod.dnsNameservers = runtime.dns
        workload.pod.dnsSearches = runtime.dnsSearch.filter { !$0.isEmpty }
        if runtime.dnsSearch.contains(where: \.isEmpty) {
            conversion.warn(
                "an empty dns_search entry is left out: Kubernetes refuses empty search domains", path: service.path("dns_search"))
        }
        workload.pod.dnsOptions = runtime.dnsOpt
        if let grace = runtime.stopGracePeriod {
            workload.pod.terminationGracePeriodSeconds = conversion.seconds(
                grace, 0...Int.max, field: "terminationGracePeriodSeconds", path: service.path("stop_grace_period"))
        }
        for key in [
            "hostname", "extra_hosts", "dns", "dns_search", "dns_opt", "stop_grace_period", "network_mode", "pid", "ipc", "domainname",
        ] {
            conversion.consume(key, of: service)
        }
        if runtime.pid == "host" {
            workload.pod.hostPID = true
        } else if let pid = runtime.pid {
            conversion.warn("pid \"\(pid)\" has no Kubernetes equivalent", path: service.path("pid"))
        }
        if runtime.ipc == "host" {
            workload.pod.hostIPC = true
        } else if let ipc = runtime.ipc, ipc != "private", ipc != "shareable" {
            conversion.warn("ipc \"\(ipc)\" has no Kubernetes equivalent", path: service.path("ipc"))
        }
        if let domain = runtime.domainname {
            conversion.warn("domainname \"\(domain)\" is not converted: pods get the cluster domain", path: service.path("domainname"))
        }
        switch service.networkMode {
        case "host":
            workload.pod.hostNetwork = true
            // A host-network pod uses the node's resolver unless told otherwise; Service names resolve
            // only with ClusterFirstWithHostNet (Kubernetes "DNS for Services and Pods"). Its loopback
            // upstreams were rewritten to Services (`LoopbackRewrite`).
            workload.pod.dnsPolicy = "ClusterFirstWithHostNet"
        case nil, "bridge", "default": break
        case let mode? where mode.hasPrefix("service:"): break  // SharedNetworkRule
        case let mode?:
            conversion.warn(
                "network_mode \"\(mode)\" is not converted: pods share nothing but Services; run the containers in one pod by hand if they must share a network",
                path: service.path("network_mode"))
        }
        if let signal = runtime.stopSignal, signal != "SIGTERM" {
            conversion.warn(
                "stop_signal \(signal) is not converted: Kubernetes always sends SIGTERM (use a preStop hook)",
                path: service.path("stop_signal"))
        }
    }

    private func hostAliases(_ hosts: [String: [String]], service: Service, conversion: Conversion) -> [(ip: String, hostnames: [String])] {
        var byAddress: [String: [String]] = [:]
        for (host, addresses) in hosts {
            for address in addresses {
                if address == "host-gateway" {
                    conversion.warn("\(host):host-gateway has no Kubernetes equivalent", path: service.path("extra_hosts.\(host)"))
                    continue
                }
                byAddress[address, default: []].append(host)
            }
        }
        return byAddress.sorted { $0.key < $1.key }.map { ($0.key, $0.value.sorted()) }
    }
}
