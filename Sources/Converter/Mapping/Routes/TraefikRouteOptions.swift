/// What an Ingress or HTTPRoute cannot carry of a Traefik router, reported with what does that job
/// on a cluster; and the middlewares that become part of the route (a strip of its own path
/// prefixes, a redirect to HTTPS).
extension TraefikRoutes {
    /// Router options an Ingress or HTTPRoute has no place for, each reported once.
    func reportUnread(_ labels: [String: String], router: String, path: String) {
        let read: Set<String> = ["rule", "entrypoints", "tls", "tls.certresolver", "service", "middlewares", "priority", "rulesyntax"]
        let options = labels.keys.compactMap { key -> String? in
            guard let (name, option) = Self.option(of: key, under: "traefik.http.routers."), name == router, !read.contains(option) else { return nil }
            return option
        }.sorted()
        if options.contains(where: { $0.hasPrefix("tls.domains") }) {
            warn(
                "router \(router): its certificate's domains (tls.domains) are not converted: the route's TLS covers its hosts, which "
                    + "cert-manager issues the certificate for (a wildcard needs a DNS-01 solver)", path)
        }
        for option in options where !option.hasPrefix("tls.domains") {
            warn("router \(router): \(option) is not converted: an Ingress or HTTPRoute has no such setting", "\(path).\(option)")
        }
    }


    /// The middlewares a route carries: a strip of its own path prefixes and a redirect to
    /// HTTPS become part of the route; any other is reported with what does that job on a cluster.
    func applyMiddlewares(_ list: String?, to route: inout ProxyRoute, path: String) {
        for name in (list ?? "").split(separator: ",").map({ $0.trimmingSpaces() }) where !name.isEmpty {
            if name.contains("@"), !name.hasSuffix("@docker") {
                warn("router \(route.name): middleware \(name) comes from another provider (a file): it is not converted", path)
                continue
            }
            let plain = name.replacingOccurrences(of: "@docker", with: "").lowercased()
            let middleware = middlewares[plain]
            switch middleware?.type {
            case "stripprefix":
                let prefixes = Set(NginxProxyRoutes.list(middleware?.options["stripprefix.prefixes"] ?? ""))
                let stripped = route.matches.indices.filter { !route.matches[$0].exact && prefixes.contains(route.matches[$0].path) }
                if !stripped.isEmpty {
                    for index in stripped { route.matches[index].replacePrefix = "/" }
                    route.rewrittenBy = "middleware \(plain) (stripprefix)"
                    continue
                }
            case "redirectscheme" where middleware?.options["redirectscheme.scheme"]?.lowercased() == "https":
                route.redirectsToHTTPS = true
                continue
            default: break
            }
            let type = middleware?.type
            warn("router \(route.name): middleware \(plain) (\(type ?? "unknown")) is not converted: " + Self.middlewareAdvice(type), path)
        }
    }

    static func middlewareAdvice(_ type: String?) -> String {
        switch type {
        case "redirectscheme": return "redirecting to HTTPS is the ingress controller's job (most do it for a host with TLS)"
        case "stripprefix", "stripprefixregex", "replacepath", "replacepathregex", "addprefix":
            return "an Ingress forwards the path as it is; rewrite it with the controller's annotation, or with Gateway API's URLRewrite"
        case "basicauth", "forwardauth", "digestauth":
            return "authentication is the controller's (an auth annotation) or the application's job; the route is open without it"
        case "headers": return "set the headers with the controller's annotation"
        case "ratelimit", "inflightreq", "ipallowlist", "ipwhitelist": return "limits and allow lists are the controller's job"
        default: return "do its job with the ingress controller's own settings"
        }
    }

    /// Load-balancer options beyond the port: what the scheme means, and that the rest stays behind.
    func reportServiceOptions(_ labels: [String: String], service: Service) {
        for (key, value) in labels.sorted(by: { $0.key < $1.key }) {
            guard let (name, option) = Self.option(of: key, under: "traefik.http.services."), option != "loadbalancer.server.port" else { continue }
            let path = "services.\(service.name).labels.\(key)"
            if option == "loadbalancer.server.scheme", value.lowercased() == "https" {
                warn("Traefik service \(name) spoke HTTPS to \(service.name); set the ingress controller's backend-protocol annotation "
                    + "(or a Gateway's BackendTLSPolicy), or it speaks HTTP", path)
            } else {
                warn("Traefik service \(name): \(option) is not converted: a Service balances over its ready pods, with no such setting", path)
            }
        }
    }

    func reportOtherProtocols(_ labels: [String: String], service: Service) {
        for kind in ["tcp", "udp"] {
            let routers = Set(labels.keys.compactMap { Self.option(of: $0, under: "traefik.\(kind).routers.")?.name })
            for router in routers.sorted() {
                warn(
                    "\(kind.uppercased()) router \(router) is not converted: an Ingress carries HTTP; publish the port with a LoadBalancer "
                        + "Service (--expose loadbalancer) or a Gateway's \(kind.uppercased())Route", "services.\(service.name).labels.traefik.\(kind).routers.\(router)")
            }
        }
    }
}
