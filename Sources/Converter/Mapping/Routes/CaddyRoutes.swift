/// caddy-docker-proxy's sites as routes (lucaslorentz/caddy-docker-proxy README; Caddy's docs,
/// "Caddyfile: addresses", "matchers", "reverse_proxy", "handle_path", "Automatic HTTPS"):
/// - a site's addresses are its hosts; a host without `http://` is served over HTTPS (automatic HTTPS);
/// - `reverse_proxy [matcher] {{upstreams [http|https] [port]}}` sends to the container (port 80,
///   or 443 for `https`, when none is given), at top level or inside `handle`, `handle_path`
///   (which strips the matched prefix) and `route`;
/// - path matchers (`/api/*`, `/api*`, `/exact`, a named `@m.path`) become Ingress paths.
/// Labels under `deploy.labels` (Swarm service labels, which it also reads) count as well.
struct CaddyRoutes {
    let prefix: String
    let project: ComposeProject
    let warn: (String, String) -> Void

    func routes(of service: Service) -> [ProxyRoute] {
        let sources = [("labels", service.labels), ("deploy.labels", service.deploy?.labels ?? [:])]
        return sources.flatMap { keyPrefix, labels in
            CaddyLabels.sites(labels, prefix: prefix).flatMap { routes(of: $0, service: service, keyPath: service.path("\(keyPrefix).\($0.label)")) }
        }
    }

    /// One path and port a site sends to the container.
    private struct Target {
        var path: String
        var exact: Bool
        var port: Int
        /// `/` under `handle_path`, which strips the matched prefix.
        var replacePrefix: String?
        /// The directive that rewrote it, for messages.
        var rewrittenBy: String?
    }

    private func routes(of site: CaddyLabels.Site, service: Service, keyPath: String) -> [ProxyRoute] {
        let subject = "caddy site \(site.addresses.isEmpty ? site.label : site.addresses) of \(service.name)"
        guard !site.addresses.isEmpty else {
            let names = site.directives.map(\.name).joined(separator: ", ")
            warn("\(site.label) labels of \(service.name) set Caddy's global options (\(names)): they are not converted; "
                + "an e-mail or CA for certificates belongs on the cert-manager issuer (--cert-issuer)", keyPath)
            return []
        }
        guard !site.addresses.hasPrefix("(") else {
            warn("\(subject) is a snippet: it is not converted; its directives take effect where it is imported", keyPath)
            return []
        }
        let addresses = Self.addressList(site.addresses).compactMap { address($0, subject: subject, keyPath: keyPath) }
        guard !addresses.isEmpty else { return [] }
        let matchers = Dictionary(site.directives.filter { $0.name.hasPrefix("@") }.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let found = site.directives.flatMap { targets(of: $0, matchers: matchers, subject: subject, keyPath: keyPath) }
        if found.isEmpty {
            warn("\(subject) has no reverse_proxy to {{upstreams}}: it is not converted", keyPath)
            return []
        }
        let tls = addresses.contains { $0.tls }
        let hosts = addresses.map(\.host)
        let byPort = Dictionary(grouping: Self.withoutCoveredExactPaths(found), by: \.port)
        let base = service.name + (site.label == prefix ? "" : "-" + site.label.dropFirst(prefix.count + 1))
        let templates = HostTemplates.templates(of: project.template(at: keyPath), variables: project.variables) { text in
            Self.addressList(text).map { Self.parts(of: $0).host.lowercased() }
        }
        return byPort.sorted { $0.key < $1.key }.map { port, group in
            var route = ProxyRoute(
                name: base + (byPort.count > 1 ? "-\(port)" : ""), service: service.name, subject: subject, proxy: .caddy,
                matches: hosts.flatMap { host in
                    group.map { ProxyRoute.Match(host: host, path: $0.path, exact: $0.exact, replacePrefix: $0.replacePrefix) }
                },
                port: port, tls: tls, certResolver: tls ? "Caddy's automatic HTTPS" : nil, keyPath: keyPath,
                rewrittenBy: group.compactMap(\.rewrittenBy).first,
                // Automatic HTTPS also answers HTTP with a redirect to HTTPS (Caddy's docs, "Automatic HTTPS").
                redirectsToHTTPS: tls)
            route.followHosts(templates, writtenAt: keyPath)
            return route
        }
    }

    /// A site's addresses, separated by commas or spaces (`a.com, b.com`).
    static func addressList(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" }).map(String.init)
    }

    /// `https://a.com:8443/x` → scheme, host and port (each part optional but the host, maybe empty).
    static func parts(of address: String) -> (scheme: String?, host: Substring, port: Int?) {
        var rest = Substring(address)
        var scheme: String?
        if let range = rest.range(of: "://") {
            scheme = rest[..<range.lowerBound].lowercased()
            rest = rest[range.upperBound...]
        }
        if let slash = rest.firstIndex(of: "/") { rest = rest[..<slash] }
        var port: Int?
        if let colon = rest.lastIndex(of: ":") {
            port = Int(rest[rest.index(after: colon)...])
            rest = rest[..<colon]
        }
        return (scheme, rest, port)
    }

    /// A site address's host and whether Caddy served it over HTTPS; nil for one with no Ingress form.
    private func address(_ text: String, subject: String, keyPath: String) -> (host: String?, tls: Bool)? {
        let (scheme, rest, port) = Self.parts(of: text)
        if rest.contains("{") {
            warn("\(subject): address \(text) takes a placeholder Caddy filled in: it is not converted; write the host", keyPath)
            return nil
        }
        let host = rest.isEmpty ? nil : rest.lowercased()
        // Automatic HTTPS: every site with a host name (localhost and IPs through Caddy's own CA), unless http:// or port 80.
        let tls = scheme == "https" || (scheme == nil && host != nil && port != 80) || port == 443
        return (host, tls && scheme != "http")
    }

    /// The paths and ports one directive sends to the container.
    private func targets(
        of directive: CaddyLabels.Directive, matchers: [String: CaddyLabels.Directive], subject: String, keyPath: String
    ) -> [Target] {
        switch directive.name {
        case "reverse_proxy":
            return proxyTargets(directive.value, matchers: matchers, subject: subject, keyPath: keyPath)
        case "handle", "handle_path", "route":
            let matched = paths(of: directive.value, matchers: matchers, subject: subject, keyPath: keyPath)
            let inner = directive.children.flatMap { child -> [Target] in
                if child.name == "reverse_proxy" { return proxyTargets(child.value, matchers: matchers, subject: subject, keyPath: keyPath) }
                reportOther(child, subject: subject, keyPath: keyPath)
                return []
            }
            let strip = directive.name == "handle_path"
            return inner.flatMap { target in
                matched.map {
                    Target(
                        path: $0.path, exact: $0.exact, port: target.port, replacePrefix: strip && !$0.exact ? "/" : nil,
                        rewrittenBy: strip ? "handle_path \(directive.value)" : nil)
                }
            }
        case "tls":
            if directive.value.lowercased() == "internal" {
                warn("\(subject): Caddy's own CA signed its certificate (tls internal): give --cert-issuer a CA or self-signed issuer", keyPath)
            } else if directive.children.contains(where: { $0.name == "ca" }) {
                warn("\(subject): its certificates came from another ACME CA (tls.ca): set that server on the cert-manager issuer", keyPath)
            }
            return []
        case _ where directive.name.hasPrefix("@"): return []
        default:
            reportOther(directive, subject: subject, keyPath: keyPath)
            return []
        }
    }

    /// `reverse_proxy [matcher] {{upstreams [http|https] [port]}}` → its paths on the upstream port.
    private func proxyTargets(_ value: String, matchers: [String: CaddyLabels.Directive], subject: String, keyPath: String) -> [Target] {
        guard let open = value.range(of: "{{"), let close = value.range(of: "}}", range: open.upperBound..<value.endIndex) else {
            warn("\(subject): reverse_proxy \(value) sends elsewhere than to this container ({{upstreams}}): it is not converted", keyPath)
            return []
        }
        let words = value[open.upperBound..<close.lowerBound].split(separator: " ").map(String.init)
        guard words.first == "upstreams" else {
            warn("\(subject): reverse_proxy \(value) uses a template other than {{upstreams}}: it is not converted", keyPath)
            return []
        }
        let https = words.contains("https")
        let port = words.dropFirst().compactMap { Int($0) }.first ?? (https ? 443 : 80)
        guard (1...65535).contains(port) else {
            warn("\(subject): port \(port) is not a port number: it is not converted", keyPath)
            return []
        }
        if https {
            warn("\(subject): Caddy spoke HTTPS to the container; set the ingress controller's backend-protocol annotation", keyPath)
        }
        let matcher = value[..<open.lowerBound].trimmingSpaces()
        return paths(of: matcher, matchers: matchers, subject: subject, keyPath: keyPath).map { Target(path: $0.path, exact: $0.exact, port: port) }
    }

    /// The Ingress paths of a matcher token: none (every path), `*`, `/path*`, or `@name`.
    private func paths(of matcher: String, matchers: [String: CaddyLabels.Directive], subject: String, keyPath: String) -> [(path: String, exact: Bool)] {
        guard !matcher.isEmpty else { return [("/", false)] }
        if matcher.hasPrefix("@") {
            guard let named = matchers[matcher] else {
                warn("\(subject): matcher \(matcher) is not defined in its labels: every path is routed", keyPath)
                return [("/", false)]
            }
            for other in named.children where other.name != "path" {
                warn("\(subject): matcher \(matcher)'s \(other.name) has no Ingress equivalent and is left out, so the route matches more", keyPath)
            }
            let written = named.children.filter { $0.name == "path" }.map(\.value).joined(separator: " ") + " " + named.value
            let list = written.split(separator: " ").map(String.init).filter { $0.hasPrefix("/") || $0 == "*" }
            return list.isEmpty ? [("/", false)] : list.compactMap { path($0, subject: subject, keyPath: keyPath) }
        }
        return matcher.split(separator: " ").compactMap { path(String($0), subject: subject, keyPath: keyPath) }
    }

    /// A Caddy path pattern as an Ingress path: `*` → every path, `/api/*` and `/api*` → prefix `/api`, `/x` → exactly `/x`.
    private func path(_ pattern: String, subject: String, keyPath: String) -> (path: String, exact: Bool)? {
        if pattern == "*" || pattern == "/*" { return ("/", false) }
        var base = pattern
        let prefix = base.hasSuffix("*")
        if prefix { base.removeLast() }
        if prefix, base.count > 1, base.hasSuffix("/") { base.removeLast() }
        guard base.hasPrefix("/"), !base.contains("*") else {
            warn("\(subject): path \(pattern) has no Ingress form (a wildcard inside it): that path is not converted", keyPath)
            return nil
        }
        return (base, !prefix)
    }

    /// `/a` and `/a/*` (a common pair) both become the prefix `/a`, which covers the exact path.
    private static func withoutCoveredExactPaths(_ targets: [Target]) -> [Target] {
        var seen = Set<String>()
        return targets.filter { target in
            if target.exact, targets.contains(where: { !$0.exact && $0.path == target.path && $0.port == target.port }) { return false }
            return seen.insert("\(target.exact)\(target.path)\(target.port)").inserted
        }
    }

    private func reportOther(_ directive: CaddyLabels.Directive, subject: String, keyPath: String) {
        let advice: String
        switch directive.name {
        case "uri", "rewrite": advice = TraefikRoutes.middlewareAdvice("replacepath")
        case "basicauth", "basic_auth", "forward_auth": advice = TraefikRoutes.middlewareAdvice("basicauth")
        case "header": advice = TraefikRoutes.middlewareAdvice("headers")
        case "redir": advice = TraefikRoutes.middlewareAdvice("redirectscheme")
        default: advice = TraefikRoutes.middlewareAdvice(nil)
        }
        warn("\(subject): \(directive.name) \(directive.value) is not converted: \(advice)", keyPath)
    }
}
