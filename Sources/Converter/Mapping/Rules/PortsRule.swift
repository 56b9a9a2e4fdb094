/// Every compose service gets a Service under its name, so every name resolves as in Compose
/// (DESIGN, "The network"). Its ports are the union of `ports`/`expose`, the ports other
/// services use to reach it (`ServiceReferences`), its own healthcheck's port and the known
/// ports of its image; with none known it is headless without ports, which resolves to the pod
/// IPs for every port. Published ports make it a NodePort (or `--expose`, `kompose.service.type`,
/// `x-kubernetes.serviceType`), except ports published only on a loopback address.
/// `container_name`, network aliases and link aliases get a Service of exactly that name.
struct PortsRule: ServiceRule {
    static let keys = KeyOwnership(
        owns: [
            "services.*.ports[].target", "services.*.ports[].published", "services.*.ports[].host_ip", "services.*.ports[].protocol",
            "services.*.ports[].name", "services.*.expose[]", "services.*.container_name", "services.*.networks.*",
            "services.*.networks.*.aliases[]", "services.*.links[]",
        ],
        ignores: [
            "services.*.external_links[]":
                "is not converted: a container outside the project has no Service; make one (ExternalName or with Endpoints) by hand",
            "services.*.networks.*.driver_opts":
                "is not converted: the cluster network has no per-pod driver options",
            "services.*.networks.*.gw_priority":
                "is not converted: a pod's default route is the cluster network's",
            "services.*.networks.*.interface_name":
                "is not converted: a pod's interface is named by the cluster network",
            "services.*.networks.*.ipv4_address":
                "is not converted: pod addresses are assigned by the cluster; reach the pod through its Service name",
            "services.*.networks.*.ipv6_address":
                "is not converted: pod addresses are assigned by the cluster; reach the pod through its Service name",
            "services.*.networks.*.link_local_ips":
                "is not converted: pod addresses are assigned by the cluster",
            "services.*.networks.*.mac_address":
                "is not converted: pods get their MAC address from the cluster network",
            "services.*.networks.*.priority":
                "is not converted: a pod has one cluster network, so there is no order to set",
            "services.*.ports[].app_protocol":
                "is not converted: set appProtocol on the Service's port by hand",
            "services.*.ports[].mode":
                "is not converted: a Service routes to every ready pod (Swarm's host and ingress modes have no equivalent)",
        ])

    func apply(to service: Service, workload: inout Workload, in conversion: Conversion) {
        conversion.consume("ports", of: service)
        conversion.consume("expose", of: service)
        conversion.consume("networks", of: service)
        for network in service.networks where network.ipv4Address != nil || network.ipv6Address != nil {
            conversion.warn(
                "fixed addresses on network \(network.name) are not converted: pods get addresses from the cluster",
                path: service.path("networks.\(network.name)"))
        }
        let declared = declaredPorts(service, conversion: conversion)
        workload.container?.ports = declared.map { ContainerPort(containerPort: $0.targetPort, name: $0.name, proto: $0.proto) }
        if workload.kind == .cronJob, declared.isEmpty { return }  // nothing reaches a scheduled run
        var ports = declared
        // A routed service keeps the port its proxy sent to (ProxyRouteRule's Ingress needs it).
        let routed = (conversion.edge.routes[service.name] ?? []).map(\.port)
        for port in routed + conversion.references.portsReaching(service.name) + WellKnownPorts.ports(ofImage: service.image ?? "") {
            append(ServiceObject.Port(name: "", port: port, targetPort: port), to: &ports)
        }
        var object = serviceObject(service, ports: ports, in: conversion)
        let peers = conversion.peers(of: service.name)
        object.publishNotReadyAddresses = peers.isEmpty ? nil : true
        if peers.first == service.name { notePeerCluster(peers, from: service, in: conversion) }
        if let owner = conversion.claimServiceName(object.metadata.name, for: service.name) {
            return conversion.fail(
                "\(service.name) and \(owner) both become the Service \(object.metadata.name) (Kubernetes names are lower-case with \"-\"): rename one",
                path: service.path("image"))
        }
        conversion.add(.service(object), for: service.name)
        if service.name.lowercased() != object.metadata.name {
            reportUnresolved(service.name, of: service, kubernetesName: object.metadata.name, path: service.path("image"), in: conversion)
        }
        addOtherNames(of: service, like: object, in: conversion)
    }

    /// A Service of exactly each other name the service answers to, selecting the same pods.
    private func addOtherNames(of service: Service, like object: ServiceObject, in conversion: Conversion) {
        for (name, path) in otherNames(of: service, in: conversion) {
            var extra = object
            extra.metadata = conversion.metadata(name.lowercased(), component: service.kubernetesName)
            extra.type = .clusterIP
            extra.ports = extra.ports.map {
                var port = $0
                port.nodePort = nil
                return port
            }
            claim(extra, for: service, name: name, path: path, in: conversion)
        }
    }

    /// The Service named after `service`: its type from publishing and the flags, node ports
    /// only where the type has them, headless when no port is known.
    private func serviceObject(_ service: Service, ports: [ServiceObject.Port], in conversion: Conversion) -> ServiceObject {
        let published = service.ports.contains(where: \.isPublishedBeyondLoopback)
        let type = serviceType(service, published: published, conversion: conversion)
        // A headless Service without ports has no node ports to offer.
        return ServiceObject(
            metadata: conversion.metadata(service.kubernetesName, component: service.kubernetesName),
            type: ports.isEmpty ? .clusterIP : type,
            headless: ports.isEmpty, selector: conversion.labels.selector(for: service.kubernetesName),
            ports: ports.map { port in
                var port = port
                if type == .clusterIP { port.nodePort = nil }
                return port
            })
    }

    /// Says once per peer cluster (at its first member) why its Services resolve pods not Ready yet.
    private func notePeerCluster(_ peers: [String], from service: Service, in conversion: Conversion) {
        let reference = peers.lazy.flatMap { conversion.references.references(to: $0) }.first {
            $0.from == service.name && $0.to != service.name
        }
        guard let reference else { return }
        conversion.warn(
            "\(peers.joined(separator: ", ")) reach each other (a peer cluster): their Services also resolve pods that are not Ready yet "
                + "(publishNotReadyAddresses), otherwise none would become Ready before the others resolve", path: reference.path)
    }

    /// Adds a Service under `name` when Kubernetes can carry that name; otherwise reports it.
    private func claim(_ object: ServiceObject, for service: Service, name: String, path: String, in conversion: Conversion) {
        guard KubernetesName.isDNS1035Label(object.metadata.name), object.metadata.name == name.lowercased() else {
            return reportUnresolved(name, of: service, kubernetesName: service.kubernetesName, path: path, in: conversion)
        }
        if let owner = conversion.claimServiceName(object.metadata.name, for: service.name) {
            // A twin of another profile: the owner's Service serves both (the chart selects whichever
            // is on, and renders it when either twin's profile is on).
            if conversion.options.profilesAreSwitched, let other = conversion.project.service(named: owner),
                !service.profiles.isEmpty, !other.profiles.isEmpty, Set(service.profiles).isDisjoint(with: other.profiles)
            {
                return conversion.reportUse(of: "Service/\(object.metadata.name)", for: service.name)
            }
            return conversion.fail("\(service.name) and \(owner) both answer to \"\(object.metadata.name)\": rename one", path: path)
        }
        conversion.add(.service(object), for: service.name)
    }

    /// A name no Service can carry (`_`, `.`): its references in host positions were rewritten
    /// (`HostRewrite`, reported there); those left as written (a word that may not be a host) are
    /// told they will not resolve, with the fix (an error under `--strict`).
    private func reportUnresolved(_ name: String, of service: Service, kubernetesName: String, path: String, in conversion: Conversion) {
        let written = name.lowercased()
        let all = conversion.references.references(to: service.name).filter { $0.name == written && $0.from != service.name }
        let left = all.filter { !conversion.rewrittenReferences.contains("\($0.path)|\($0.name)") }
        guard !all.isEmpty else {
            conversion.warn(
                "\"\(name)\" cannot be a Service name, so nothing answers to it in the cluster; no service of this project uses it",
                path: path)
            return
        }
        guard !left.isEmpty else { return }
        let users = Array(Set(left.map(\.from))).sorted()
        let places = Array(Set(left.map(\.path))).sorted()
        let rewritten = left.count < all.count ? " (its uses as a host were rewritten to \(kubernetesName))" : ""
        conversion.warn(
            "\(users.joined(separator: ", ")) use\(users.count == 1 ? "s" : "") \(service.name)'s name \"\(name)\"\(rewritten) where it may not be a host name, left as written (\(places.joined(separator: ", "))); "
                + "\"\(name)\" cannot be a Service name (Kubernetes allows lower-case letters, digits and \"-\"), so if it is a host there it will not resolve: "
                + "rename the service in the compose file, or add a CoreDNS rewrite "
                + "(`rewrite name exact \(written).<namespace>.svc.cluster.local \(kubernetesName).<namespace>.svc.cluster.local`)",
            path: path)
    }

    /// The names other than the service's own that it answers to, with where each is written.
    private func otherNames(of service: Service, in conversion: Conversion) -> [(name: String, path: String)] {
        var names: [(String, String)] = []
        if let container = service.runtime.containerName, container.lowercased() != service.kubernetesName {
            names.append((container, service.path("container_name")))
        }
        for network in service.networks {
            for alias in network.aliases { names.append((alias, service.path("networks.\(network.name).aliases"))) }
        }
        for (alias, path) in conversion.linkAliases[service.name] ?? [] { names.append((alias, path)) }
        var seen = Set([service.kubernetesName])
        return names.filter { seen.insert($0.0.lowercased()).inserted }
    }

    /// `ports` and `expose` as Service ports (their targets), in order.
    /// The most ports one Service carries: its EndpointSlices hold at most 100 ports each
    /// (discovery/v1 `EndpointSlice.ports`, "maxItems: 100"), so a Service with more is not routed.
    static let maximumPorts = 100

    private func declaredPorts(_ service: Service, conversion: Conversion) -> [ServiceObject.Port] {
        var result: [ServiceObject.Port] = []
        if service.ports.count > Self.maximumPorts {
            conversion.fail(
                "\(service.ports.count) ports, and a Service's EndpointSlices hold at most \(Self.maximumPorts): publish fewer ports "
                    + "(a wide range is what network_mode: host is for)", path: service.path("ports"))
            return []
        }
        for (index, port) in service.ports.enumerated() {
            let path = service.path("ports[\(index)]")
            guard (1...65535).contains(port.target) else {
                conversion.fail("port \(port.target) is not a port a container listens on (1 to 65535)", path: path)
                continue
            }
            if let hostIP = port.hostIP, port.published != nil, !port.isPublishedBeyondLoopback {
                conversion.warn(
                    "published only on \(hostIP): stays inside the cluster (ClusterIP); reach it with kubectl port-forward", path: path)
            } else if let hostIP = port.hostIP {
                conversion.warn("host IP \(hostIP) is not applied: a Service listens on every node address", path: path)
            }
            if let published = port.published, published.utf8.contains(UInt8(ascii: "-")) {
                conversion.warn("published range \(published) maps to one port \(port.target); Kubernetes has no port ranges", path: path)
            }
            var nodePort: Int?
            if port.isPublishedBeyondLoopback, let published = port.published.flatMap(Int.init) {
                nodePort = conversion.nodePort(for: published)
            }
            append(
                ServiceObject.Port(
                    name: "", port: port.target, targetPort: port.target, proto: port.proto.kubernetes, nodePort: nodePort),
                to: &result)
        }
        for (index, text) in service.expose.enumerated() {
            let bounds = (text.split(separator: "/").first ?? "").split(separator: "-").compactMap { Int($0) }
            let proto: PortProtocol = text.hasSuffix("/udp") ? .udp : .tcp
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
        named.name = KubernetesName.port("\(port.proto.rawValue.lowercased())-\(port.port)")
        ports.append(named)
    }

    private func serviceType(_ service: Service, published: Bool, conversion: Conversion) -> ServiceType {
        let requested = XKubernetes(service).serviceType ?? service.labels["kompose.service.type"]
        if let requested {
            switch requested.lowercased() {
            case "nodeport": return .nodePort
            case "loadbalancer": return .loadBalancer
            case "clusterip", "headless": return .clusterIP
            default:
                conversion.warn("unknown service type \"\(requested)\", using ClusterIP", path: service.path("labels.kompose.service.type"))
            }
        }
        guard published else { return .clusterIP }
        switch conversion.options.expose {
        case .clusterip: return .clusterIP
        case .nodeport: return .nodePort
        case .loadbalancer: return .loadBalancer
        }
    }
}

extension Port.TransportProtocol {
    /// The protocol as a Kubernetes port names it.
    var kubernetes: PortProtocol {
        switch self {
        case .tcp: return .tcp
        case .udp: return .udp
        case .sctp: return .sctp
        }
    }
}
