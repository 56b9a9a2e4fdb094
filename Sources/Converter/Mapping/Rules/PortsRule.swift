/// `ports` and `expose` → container ports and a Service named after the compose service, so
/// `db:3306` keeps resolving; published ports make it a NodePort (or `--expose` / the
/// `kompose.service.type` label / `x-kubernetes.serviceType`). Network aliases and link
/// aliases become extra Services selecting the same pods.
struct PortsRule: ServiceRule {
    func apply(to service: Service, workload: inout Workload, in conversion: Conversion) {
        conversion.consume(service.path("ports"))
        conversion.consume(service.path("expose"))
        conversion.consume(service.path("networks"))
        for network in service.networks where network.ipv4Address != nil || network.ipv6Address != nil {
            conversion.warn(
                "fixed addresses on network \(network.name) are not converted: pods get addresses from the cluster",
                path: service.path("networks.\(network.name)"))
        }
        let ports = servicePorts(service, conversion: conversion)
        workload.container?.ports = ports.map { ContainerPort(containerPort: $0.targetPort, name: $0.name, proto: $0.proto) }
        guard !ports.isEmpty else { return }
        let name = service.kubernetesName
        let type = serviceType(service, published: service.ports.contains { $0.published != nil }, conversion: conversion)
        let object = ServiceObject(
            metadata: conversion.metadata(name, component: name), type: type,
            selector: conversion.labels.selector(for: name),
            ports: ports.map { port in
                var port = port
                if type != "NodePort" && type != "LoadBalancer" { port.nodePort = nil }
                return port
            })
        conversion.add(.service(object), for: service.name)
        for alias in aliases(of: service, in: conversion) where alias != name {
            var extra = object
            extra.metadata = conversion.metadata(alias, component: name)
            extra.type = "ClusterIP"
            extra.ports = extra.ports.map {
                var port = $0
                port.nodePort = nil
                return port
            }
            conversion.add(.service(extra), for: service.name)
        }
    }

    private func servicePorts(_ service: Service, conversion: Conversion) -> [ServiceObject.Port] {
        var result: [ServiceObject.Port] = []
        for (index, port) in service.ports.enumerated() {
            let path = service.path("ports[\(index)]")
            if port.hostIP != nil {
                conversion.warn("host IP \(port.hostIP ?? "") is not applied: a Service listens on every node address", path: "\(path)")
            }
            if let published = port.published, published.utf8.contains(UInt8(ascii: "-")) {
                conversion.warn("published range \(published) maps to one port \(port.target); Kubernetes has no port ranges", path: path)
            }
            var nodePort: Int?
            if let published = port.published.flatMap(Int.init) { nodePort = conversion.nodePort(for: published) }
            append(
                ServiceObject.Port(
                    name: "", port: port.target, targetPort: port.target, proto: port.proto.rawValue.uppercased(), nodePort: nodePort),
                to: &result)
        }
        for (index, text) in service.expose.enumerated() {
            let bounds = (text.split(separator: "/").first ?? "").split(separator: "-").compactMap { Int($0) }
            let proto = text.hasSuffix("/udp") ? "UDP" : "TCP"
            guard let low = bounds.first, let high = bounds.last, low <= high, high - low < 1000 else {
                conversion.warn("expose \"\(text)\" is not a port or port range", path: service.path("expose[\(index)]"))
                continue
            }
            for target in low...high {
                append(ServiceObject.Port(name: "", port: target, targetPort: target, proto: proto), to: &result)
            }
        }
        return result
    }

    /// Adds a port once, named `<protocol>-<port>` (unique within the Service).
    private func append(_ port: ServiceObject.Port, to ports: inout [ServiceObject.Port]) {
        guard !ports.contains(where: { $0.port == port.port && $0.proto == port.proto }) else { return }
        var named = port
        named.name = KubernetesName.port("\(port.proto.lowercased())-\(port.port)")
        ports.append(named)
    }

    private func serviceType(_ service: Service, published: Bool, conversion: Conversion) -> String {
        let requested = XKubernetes(service).serviceType ?? service.labels["kompose.service.type"]
        if let requested {
            switch requested.lowercased() {
            case "nodeport": return "NodePort"
            case "loadbalancer": return "LoadBalancer"
            case "clusterip", "headless": return "ClusterIP"
            default:
                conversion.warn("unknown service type \"\(requested)\", using ClusterIP", path: service.path("labels.kompose.service.type"))
            }
        }
        guard published else { return "ClusterIP" }
        switch conversion.options.expose {
        case .clusterip: return "ClusterIP"
        case .nodeport: return "NodePort"
        case .loadbalancer: return "LoadBalancer"
        }
    }

    private func aliases(of service: Service, in conversion: Conversion) -> [String] {
        let names = service.networks.flatMap(\.aliases) + (conversion.linkAliases[service.name] ?? [])
        return Array(Set(names.map { KubernetesName.dns1123($0) })).sorted()
    }
}
