/// Traefik's HTTP routers in a service's labels (`traefik.http.routers.<r>.rule`, `.entrypoints`,
/// `.tls`, `.tls.certresolver`, `.service`, `.middlewares`; `traefik.http.services.<s>.loadbalancer.server.port`)
/// as routes, with a warning for each part an Ingress cannot carry. doc.traefik.io, "Docker
/// provider: routing configuration" and "Routers".
struct TraefikRoutes {
    let config: TraefikStaticConfig
    let project: ComposeProject
    /// Middleware name → its type (`stripprefix`) and options (`stripprefix.prefixes` → `/api`),
    /// from every service's labels: Traefik's middlewares are shared by all routers, whichever
    /// container declares them.
    let middlewares: [String: (type: String, options: [String: String])]
    let warn: (String, String) -> Void

    init(config: TraefikStaticConfig, project: ComposeProject, warn: @escaping (String, String) -> Void) {
        self.config = config
        self.project = project
        self.warn = warn
        var middlewares: [String: (type: String, options: [String: String])] = [:]
        for service in project.services {
            for (key, value) in service.labels {
                guard let (name, option) = Self.option(of: key.lowercased(), under: "traefik.http.middlewares.") else { continue }
                middlewares[name, default: (String(option.prefix { $0 != "." }), [:])].options[option] = value
            }
        }
        self.middlewares = middlewares
    }

    static let prefix = "traefik."

    /// The service's routes; none when Traefik does not route it (`traefik.enable=false`, or not
    /// `true` under `exposedbydefault=false`).
    func routes(of service: Service) -> [ProxyRoute] {
        // Traefik reads label options case-insensitively (`ruleSyntax`, `loadBalancer`): lower-cased here.
        let labels = Dictionary(
            service.labels.filter { $0.key.lowercased().hasPrefix(Self.prefix) }.map { ($0.key.lowercased(), $0.value) },
            uniquingKeysWith: { first, _ in first })
        guard !labels.isEmpty || config.exposedByDefault, service.name != config.service else { return [] }
        guard Self.isRouted(labels, by: config) else {
            if labels.keys.contains(where: { $0.hasPrefix("traefik.http.routers.") }) {
                warn(
                    "Traefik did not route \(service.name) (traefik.enable is not true\(config.exposedByDefault ? "" : " under exposedbydefault=false")): "
                        + "its router labels are not converted either", "services.\(service.name).labels")
            }
            return []
        }
        reportOtherProtocols(labels, service: service)
        reportServiceOptions(labels, service: service)
        let routers = Dictionary(grouping: labels.compactMap { Self.option(of: $0.key, under: "traefik.http.routers.") }, by: \.name)
        if routers.isEmpty, labels["traefik.enable"] != nil {
            warn(
                "Traefik gave \(service.name) its default router (Host(`\(service.name)…`), from defaultRule): it is not converted; "
                    + "write a traefik.http.routers.<name>.rule label, or an x-kubernetes.ingress", "services.\(service.name).labels.traefik.enable")
        }
        return routers.keys.sorted().compactMap { route(named: $0, of: service, labels: labels) }
    }

    /// Whether Traefik routes a container with these (lower-cased) labels.
    static func isRouted(_ labels: [String: String], by config: TraefikStaticConfig) -> Bool {
        labels["traefik.enable"].map { $0.lowercased() == "true" } ?? config.exposedByDefault
    }

    /// The routers Traefik serves in `project`, for the message that replaces it.
    static func routerNames(in project: ComposeProject, by config: TraefikStaticConfig) -> [String] {
        let names = project.services.flatMap { service -> [String] in
            let labels = Dictionary(service.labels.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
            guard service.name != config.service, isRouted(labels, by: config) else { return [] }
            return labels.keys.compactMap { option(of: $0, under: "traefik.http.routers.")?.name }
        }
        return Set(names).sorted()
    }

    /// `traefik.http.routers.<name>.<option>` → (name, option).
    static func option(of key: String, under prefix: String) -> (name: String, option: String)? {
        guard key.hasPrefix(prefix) else { return nil }
        let rest = key.dropFirst(prefix.count)
        guard let dot = rest.firstIndex(of: ".") else { return nil }
        return (String(rest[..<dot]), String(rest[rest.index(after: dot)...]))
    }

    private func route(named name: String, of service: Service, labels: [String: String]) -> ProxyRoute? {
        let key = "traefik.http.routers.\(name)"
        let path = "services.\(service.name).labels.\(key)"
        func option(_ option: String) -> String? { labels["\(key).\(option)"] }
        guard let rule = option("rule") else {
            warn("router \(name) has no rule (Traefik's defaultRule applies): it is not converted; write \(key).rule", path)
            return nil
        }
        let syntax = option("rulesyntax").flatMap { Int($0.dropFirst()) } ?? config.defaultRuleSyntax ?? config.majorVersion
        let alternatives: [[TraefikRuleSyntax.Matcher]]
        do {
            alternatives = try TraefikRuleSyntax.parse(rule)
        } catch let failure as TraefikRuleSyntax.Failure {
            warn("router \(name)'s rule \(rule) is not converted: \(failure.message)", "\(path).rule")
            return nil
        } catch {
            return nil
        }
        let matches = alternatives.flatMap { self.matches(of: $0, syntax: syntax, router: name, path: "\(path).rule") }
        guard !matches.isEmpty, let backend = backend(of: name, on: service, labels: labels, path: path),
            let port = port(of: backend.service, router: name, target: backend.target, labels: backend.labels, path: path)
        else { return nil }
        reportUnread(labels, router: name, path: path)
        let entryPoints = (option("entrypoints") ?? "").split(separator: ",").map { $0.trimmingSpaces().lowercased() }.filter { !$0.isEmpty }
        let resolver = option("tls.certresolver")
        let tls = option("tls")?.lowercased() == "true" || resolver != nil || config.servesTLS(entryPoints)
        if let priority = option("priority") {
            warn("router \(name)'s priority \(priority) is not converted: Ingress orders rules by path length, longest first", "\(path).priority")
        }
        var route = ProxyRoute(
            name: name, service: backend.service.name, subject: "router \(name)", proxy: .traefik, matches: matches, port: port, tls: tls,
            certResolver: resolver.map { "Traefik's ACME resolver \($0)" }, keyPath: path)
        // A global entry-point redirect (`web` → `websecure`) answers HTTP for every router on the target.
        route.redirectsToHTTPS = tls && config.redirects.values.contains { entryPoints.isEmpty || entryPoints.contains($0) }
        applyMiddlewares(option("middlewares"), to: &route, path: "\(path).middlewares")
        if let written = service.labels.keys.first(where: { $0.lowercased() == "\(key).rule" }) {
            let at = service.path("labels.\(written)")
            let hosts = { (text: String) -> [String] in
                ((try? TraefikRuleSyntax.parse(text)) ?? []).flatMap { $0 }.filter { $0.name == "Host" }.flatMap(\.values).map { $0.lowercased() }
            }
            route.followHosts(HostTemplates.templates(of: project.template(at: at), variables: project.variables, hosts: hosts), writtenAt: at)
        }
        return route
    }

    /// The host and path of each way one alternative of the rule matches.
    private func matches(of alternative: [TraefikRuleSyntax.Matcher], syntax: Int, router: String, path: String) -> [ProxyRoute.Match] {
        var hosts: [String?] = [nil]
        var paths: [(String, Bool)] = [("/", false)]
        for matcher in alternative {
            guard !matcher.negated else {
                warn("router \(router): !\(matcher.name)(…) is left out, so the route matches more than under Traefik", path)
                continue
            }
            if syntax >= 3, matcher.values.count > 1, ["Host", "Path", "PathPrefix"].contains(matcher.name) {
                warn("router \(router): Traefik v3 takes one value per \(matcher.name)(…) and refuses this rule; read as alternatives", path)
            }
            switch matcher.name {
            case "Host": hosts = matcher.values.map { $0.lowercased() }
            case "HostRegexp":
                guard let wildcard = Self.wildcard(matcher.values.first ?? "", syntax: syntax) else {
                    warn("router \(router): HostRegexp(\(matcher.values.joined(separator: ", "))) has no Ingress host form: every host is routed", path)
                    continue
                }
                hosts = [wildcard]
            case "Path": paths = matcher.values.map { ($0, true) }
            case "PathPrefix": paths = matcher.values.map { ($0, false) }
            default:
                warn(
                    "router \(router): \(matcher.name)(…) has no Ingress equivalent and is left out, so the route matches more than under Traefik",
                    path)
            }
        }
        return hosts.flatMap { host in paths.map { ProxyRoute.Match(host: host, path: $0.0, exact: $0.1) } }
    }

    /// `{sub:[a-z]+}.example.com` (v2) or `^[a-z]+\.example\.com$` (v3) → `*.example.com`.
    static func wildcard(_ pattern: String, syntax: Int) -> String? {
        if syntax < 3, pattern.hasPrefix("{"), let close = pattern.firstIndex(of: "}"), pattern[pattern.index(after: close)...].hasPrefix(".") {
            let rest = pattern[pattern.index(after: close)...].dropFirst()
            return rest.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }) ? "*." + rest.lowercased() : nil
        }
        for head in ["^[a-z]+\\.", "^[a-z0-9-]+\\.", "^.+\\.", "^[^.]+\\."] where pattern.hasPrefix(head) && pattern.hasSuffix("$") {
            let domain = pattern.dropFirst(head.count).dropLast().replacingOccurrences(of: "\\.", with: ".")
            return domain.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }) ? "*." + domain.lowercased() : nil
        }
        return nil
    }

    /// The container port the router sends to: its service's `loadbalancer.server.port`, or as
    /// Traefik picks one: the only exposed port, else the lowest (a guess: Traefik also sees the
    /// image's `EXPOSE`, which the compose file does not show).
    /// The container a router sends to: its own, or the one whose labels define the Traefik
    /// service it names (`routers.<r>.service=files`, defined on another container); nil, with a
    /// warning, for a name no container defines, which Traefik refuses.
    private func backend(of router: String, on service: Service, labels: [String: String], path: String)
        -> (service: Service, labels: [String: String], target: String?)?
    {
        let named = labels["traefik.http.routers.\(router).service"].map { $0.replacingOccurrences(of: "@docker", with: "").lowercased() }
        guard let named, !named.hasSuffix("@internal"), !labels.keys.contains(where: { $0.hasPrefix("traefik.http.services.\(named).") }) else {
            return (service, labels, named)
        }
        for other in project.services where other.name != config.service {
            let otherLabels = Dictionary(other.labels.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
            if otherLabels.keys.contains(where: { $0.hasPrefix("traefik.http.services.\(named).") }) { return (other, otherLabels, named) }
        }
        warn("router \(router) names Traefik service \(named), which no container's labels define: Traefik refuses the router; it is not converted", path)
        return nil
    }

    private func port(of service: Service, router: String, target named: String?, labels: [String: String], path: String) -> Int? {
        let services = Set(labels.keys.compactMap { Self.option(of: $0, under: "traefik.http.services.")?.name })
        let target = named ?? (services.count == 1 ? services.first : nil)
        if let target, let text = labels["traefik.http.services.\(target).loadbalancer.server.port"] {
            guard let port = Int(text), (1...65535).contains(port) else {
                warn("router \(router): port \(text) is not a port number: it is not converted", "services.\(service.name).labels.traefik.http.services.\(target).loadbalancer.server.port")
                return nil
            }
            return port
        }
        if let target, target.hasSuffix("@internal") {
            warn("router \(router) serves Traefik's own \(target) (its dashboard or API), which goes with Traefik: it is not converted", path)
            return nil
        }
        let exposed = Set(service.ports.map(\.target) + service.expose.compactMap { Int($0.split(separator: "/").first ?? "") }).sorted()
        if exposed.count == 1 { return exposed[0] }
        let known = WellKnownPorts.ports(ofImage: service.image ?? "")
        guard let guess = exposed.first ?? known.first else {
            warn(
                "router \(router): no port is known for \(service.name) (Traefik took the image's EXPOSE): add "
                    + "traefik.http.services.\(router).loadbalancer.server.port", path)
            return nil
        }
        warn(
            "router \(router) sends to port \(guess), the lowest \(exposed.isEmpty ? "known" : "exposed") port of \(service.name), as Traefik "
                + "picks one; Traefik also saw the image's EXPOSE: set traefik.http.services.<name>.loadbalancer.server.port to be sure", path)
        return guess
    }
}
