/// The routes a reverse proxy configured from Docker gave a service (`TraefikRoutes`,
/// `NginxProxyRoutes`, `CaddyRoutes`) → one `networking.k8s.io/v1` Ingress per route, to the service's Service on the port the
/// proxy used (`PortsRule` keeps it): its hosts and paths (`Path` → `Exact`, `PathPrefix` →
/// `Prefix`), TLS in a Secret `<router>-tls` that cert-manager fills with `--cert-issuer`, and
/// the IngressClass of `--ingress-class`. An `x-kubernetes.ingress` or `kompose.service.expose`
/// of the service wins. The proxy itself is not emitted (`DockerAPIPrograms`).
struct ProxyRouteRule: ServiceRule {
    /// The backend Service comes from `PortsRule`; the service's own Ingress from `IngressRule`.
    static let readsOutputOf: [any ConversionRule.Type] = [PortsRule.self, IngressRule.self]

    /// Labels and variables stay with their owners (`WorkloadRule`, `DeployRule`, `EnvironmentRule`): this rule only reads them.
    static let keys = KeyOwnership(reads: ["services.*.labels.*", "services.*.deploy.labels.*", "services.*.environment.*"])

    func apply(to service: Service, workload: inout Workload, in conversion: Conversion) {
        for key in service.labels.keys where conversion.edge.reads(label: key) { conversion.consume("labels.\(key)", of: service) }
        guard let routes = conversion.edge.routes[service.name], let first = routes.first else { return }
        if conversion.hasObject(kind: "Ingress", named: service.kubernetesName) {
            return conversion.warn(
                "the \(first.proxy.rawValue) routes of \(service.name) are not converted: its x-kubernetes.ingress (or kompose.service.expose) "
                    + "gives its Ingress", path: first.keyPath)
        }
        for route in routes { add(route, of: service, in: conversion) }
    }

    private func add(_ route: ProxyRoute, of service: Service, in conversion: Conversion) {
        let name = KubernetesName.dns1123(route.name)
        guard !conversion.hasObject(kind: "Ingress", named: name) else {
            return conversion.warn("\(route.subject): another route is named \(name) already: it is not converted", path: route.keyPath)
        }
        var matches: [IngressObject.Route] = []
        for match in route.matches {
            if let host = match.host, !Self.isHost(host) {
                conversion.warn("\(route.subject): \(host) is not a host name an Ingress takes: that match is left out", path: route.keyPath)
                continue
            }
            guard match.path.hasPrefix("/") else {
                conversion.warn("\(route.subject): path \(match.path) does not start with /: that match is left out", path: route.keyPath)
                continue
            }
            if let owner = conversion.claimRoute(host: match.host, path: match.path, exact: match.exact, for: route.name) {
                conversion.warn(
                    "\(route.subject): \(match.host ?? "every host")\(match.path) is routed by \(owner) already: that match is left out",
                    path: route.keyPath)
                continue
            }
            matches.append(IngressObject.Route(host: match.host, path: match.path, exact: match.exact))
        }
        guard !matches.isEmpty else { return }
        var annotations: [String: String] = [:]
        if route.tls, let issuer = conversion.options.certIssuer {
            let parts = issuer.split(separator: "/", maxSplits: 1).map(String.init)
            if parts.count == 2 { annotations["cert-manager.io/issuer"] = parts[1] } else { annotations["cert-manager.io/cluster-issuer"] = issuer }
            if matches.contains(where: { $0.host?.hasPrefix("*.") == true }) {
                conversion.warn(
                    "\(route.subject): a wildcard certificate needs a DNS-01 solver on issuer \(issuer)", path: route.keyPath)
            }
        } else if route.tls {
            let from = route.certResolver.map { "\($0) made its certificate" } ?? "it was served over TLS"
            conversion.warn(
                "\(route.subject): \(from); create Secret \(name)-tls with the certificate, or give --cert-issuer so that cert-manager does",
                path: route.keyPath)
        }
        let ingress = IngressObject(
            metadata: conversion.metadata(name, component: service.kubernetesName, annotations: annotations),
            className: conversion.options.ingressClass, tlsSecret: route.tls ? "\(name)-tls" : nil, routes: matches,
            service: service.kubernetesName, port: route.port)
        conversion.add(ingress.object, for: service.name)
    }

    /// A DNS-1123 subdomain, or one with a leading `*.` (what an Ingress rule's host takes).
    static func isHost(_ host: String) -> Bool {
        NameSyntax.isSubdomain(host.hasPrefix("*.") ? String(host.dropFirst(2)) : host)
    }
}
