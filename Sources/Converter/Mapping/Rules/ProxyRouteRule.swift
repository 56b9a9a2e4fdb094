/// The routes a reverse proxy configured from Docker gave a service (`TraefikRoutes`,
/// `NginxProxyRoutes`, `CaddyRoutes`) → route objects to the service's Service on the port the
/// proxy used (`PortsRule` keeps it), in the API `--routes` names:
/// - `ingress` (the default): one `networking.k8s.io/v1` Ingress per route, its hosts and paths
///   (`Path` → `Exact`, `PathPrefix` → `Prefix`), TLS in a Secret `<route>-tls` that cert-manager
///   fills with `--cert-issuer`, the IngressClass of `--ingress-class`;
/// - `gateway`: HTTPRoutes on the listeners of the `--gateway` (`GatewayRoutes`), with the
///   proxy's prefix rewrites and HTTPS redirect;
/// - `none`: nothing, with one line naming the routes left to the user.
/// An `x-kubernetes.ingress` or `kompose.service.expose` of the service wins. The proxy itself
/// is not emitted (`DockerAPIPrograms`).
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
        for route in routes {
            let name = KubernetesName.dns1123(route.name)
            guard !conversion.hasObject(kind: "Ingress", named: name), !conversion.hasObject(kind: "HTTPRoute", named: name) else {
                conversion.warn("\(route.subject): another route is named \(name) already: it is not converted", path: route.keyPath)
                continue
            }
            switch conversion.options.routes {
            case .ingress: addIngress(route, name: name, of: service, in: conversion)
            case .gateway: addHTTPRoutes(route, name: name, of: service, in: conversion)
            case .none:
                conversion.warn(
                    "\(route.subject) is not converted (--routes none): route \(route.matches.map { ($0.host ?? "") + $0.path }.joined(separator: ", ")) "
                        + "to Service \(service.kubernetesName) port \(route.port) yourself", path: route.keyPath)
            }
        }
    }

    /// The route's matches a route object can carry, each claimed for it: a valid host, an
    /// absolute path, and a host and path no earlier route claimed.
    private func acceptedMatches(_ route: ProxyRoute, in conversion: Conversion) -> [ProxyRoute.Match] {
        route.matches.filter { match in
            if let host = match.host, !Self.isHost(host) {
                conversion.warn("\(route.subject): \(host) is not a host name a route takes: that match is left out", path: route.keyPath)
                return false
            }
            guard match.path.hasPrefix("/") else {
                conversion.warn("\(route.subject): path \(match.path) does not start with /: that match is left out", path: route.keyPath)
                return false
            }
            if let owner = conversion.claimRoute(host: match.host, path: match.path, exact: match.exact, for: route.name) {
                conversion.warn(
                    "\(route.subject): \(match.host ?? "every host")\(match.path) is routed by \(owner) already: that match is left out",
                    path: route.keyPath)
                return false
            }
            return true
        }
    }

    private func addIngress(_ route: ProxyRoute, name: String, of service: Service, in conversion: Conversion) {
        let matches = acceptedMatches(route, in: conversion)
        guard !matches.isEmpty else { return }
        var annotations: [String: String] = [:]
        if route.tls, let issuer = conversion.options.certIssuer {
            let parts = issuer.split(separator: "/", maxSplits: 1).map(String.init)
            if parts.count == 2 { annotations["cert-manager.io/issuer"] = parts[1] } else { annotations["cert-manager.io/cluster-issuer"] = issuer }
            if matches.contains(where: { $0.host?.hasPrefix("*.") == true }) {
                conversion.warn("\(route.subject): a wildcard certificate needs a DNS-01 solver on issuer \(issuer)", path: route.keyPath)
            }
        } else if route.tls {
            let from = route.certResolver.map { "\($0) made its certificate" } ?? "it was served over TLS"
            conversion.warn(
                "\(route.subject): \(from); create Secret \(name)-tls with the certificate, or give --cert-issuer so that cert-manager does",
                path: route.keyPath)
        }
        if let rewriter = route.rewrittenBy {
            let rewritten = matches.filter { $0.replacePrefix != nil }.map { "\($0.path) → \($0.replacePrefix ?? "")" }
            conversion.warn(
                "\(route.subject): \(rewriter) rewrote \(rewritten.joined(separator: ", ")) before sending on; an Ingress forwards the path "
                    + "as it is: rewrite it with the controller's annotation, or convert with --routes gateway (URLRewrite)", path: route.keyPath)
        }
        let ingress = IngressObject(
            metadata: conversion.metadata(name, component: service.kubernetesName, annotations: annotations),
            className: conversion.options.ingressClass, tlsSecret: route.tls ? "\(name)-tls" : nil,
            routes: matches.map { IngressObject.Route(host: $0.host, path: $0.path, exact: $0.exact) },
            service: service.kubernetesName, port: route.port, hostTemplates: Self.hostTemplates(matches), hostsWrittenAt: route.hostsWrittenAt)
        conversion.add(ingress.object, for: service.name)
    }

    private func addHTTPRoutes(_ route: ProxyRoute, name: String, of service: Service, in conversion: Conversion) {
        guard let gateway = conversion.options.gateway else { return }
        let matches = acceptedMatches(route, in: conversion)
        guard !matches.isEmpty else { return }
        var named = route
        named.name = name
        for made in GatewayRoutes.routes(for: named, matches: matches, service: service.kubernetesName) {
            guard !conversion.hasObject(kind: "HTTPRoute", named: made.name) else {
                conversion.warn("\(route.subject): another route is named \(made.name) already: it is not converted", path: route.keyPath)
                continue
            }
            let object = HTTPRouteObject(
                metadata: conversion.metadata(made.name, component: service.kubernetesName),
                parent: .init(gateway: gateway.name, namespace: gateway.namespace, sectionName: made.sectionName),
                hostnames: made.hostnames, rules: made.rules, hostTemplates: Self.hostTemplates(matches), hostsWrittenAt: route.hostsWrittenAt)
            conversion.add(object.object, for: service.name)
        }
        if route.tls {
            let hosts = Set(matches.compactMap(\.host)).sorted()
            let issuer = conversion.options.certIssuer.map { " (cert-manager fills it from a cert-manager.io/cluster-issuer: \($0) annotation on the Gateway)" } ?? ""
            conversion.warn(
                "\(route.subject): TLS ends at Gateway \(gateway.name)'s https listener now: give it a certificateRefs Secret for "
                    + "\(hosts.isEmpty ? "every host" : hosts.joined(separator: ", "))\(issuer)", path: route.keyPath)
        }
    }

    /// Host → its template, for the hosts a variable wrote.
    private static func hostTemplates(_ matches: [ProxyRoute.Match]) -> [String: Template] {
        var templates: [String: Template] = [:]
        for match in matches { if let host = match.host, let template = match.hostTemplate { templates[host] = template } }
        return templates
    }

    /// A DNS-1123 subdomain, or one with a leading `*.` (what an Ingress rule's host and an HTTPRoute's hostname take).
    static func isHost(_ host: String) -> Bool {
        NameSyntax.isSubdomain(host.hasPrefix("*.") ? String(host.dropFirst(2)) : host)
    }
}
