/// nginx-proxy's virtual hosts, read from each routed container's environment, as nginx-proxy
/// reads them (nginx-proxy/nginx-proxy docs/README.md, "Virtual Hosts and Ports",
/// "Path-based Routing", "SSL Upstream", "SSL Support"; acme-companion's docs, "Basic usage"):
/// - `VIRTUAL_HOST`: hosts separated by commas; `*.x` is a wildcard, `foo.*` and `~regex` have no Ingress form;
/// - `VIRTUAL_PORT`, else the only exposed port, else 80;
/// - `VIRTUAL_PATH` (`/` by default; nginx `location` prefixes), `VIRTUAL_DEST` rewrites it;
/// - `VIRTUAL_HOST_MULTIPORTS`: YAML `host: {path: {port, dest}}` that replaces the four above;
/// - `LETSENCRYPT_HOST`: hosts acme-companion got certificates for, so they are served over TLS;
/// - `VIRTUAL_PROTO` (`https`, `uwsgi`, `fastcgi`) and `HTTPS_METHOD` are reported.
struct NginxProxyRoutes {
    let project: ComposeProject
    let warn: (String, String) -> Void

    func routes(of service: Service) -> [ProxyRoute] {
        let environment = service.environment.compactMapValues { $0 }
        guard environment["VIRTUAL_HOST_MULTIPORTS"] != nil || environment["VIRTUAL_HOST"] != nil else { return [] }
        guard checkProtocol(environment["VIRTUAL_PROTO"], of: service) else { return [] }
        reportHTTPSMethod(environment["HTTPS_METHOD"], of: service)
        let entries = virtualHosts(of: service, environment: environment)
        let certified = Set(Self.list(environment["LETSENCRYPT_HOST"] ?? "").map { $0.lowercased() })
        let method = environment["HTTPS_METHOD"]?.lowercased() ?? "redirect"
        // One Ingress per TLS setting and port: an Ingress names one backend, and its TLS block the hosts it covers.
        let grouped = Dictionary(grouping: entries) { method != "nohttps" && certified.contains($0.host) }
        var routes: [ProxyRoute] = []
        for tls in [true, false] {
            let byPort = Dictionary(grouping: grouped[tls] ?? [], by: \.port)
            for (port, group) in byPort.sorted(by: { $0.key < $1.key }) {
                let name = service.name + (byPort.count > 1 ? "-\(port)" : "") + (!tls && grouped[true] != nil ? "-http" : "")
                let dests = Set(group.compactMap(\.dest))
                routes.append(
                    ProxyRoute(
                        name: name, service: service.name, subject: "\(service.name)'s VIRTUAL_HOST", proxy: .nginxProxy,
                        matches: group.map { ProxyRoute.Match(host: $0.host, path: $0.path, replacePrefix: $0.dest) }, port: port, tls: tls,
                        certResolver: tls ? "acme-companion (LETSENCRYPT_HOST)" : nil, keyPath: service.path("environment.VIRTUAL_HOST"),
                        rewrittenBy: dests.isEmpty ? nil : "VIRTUAL_DEST=\(dests.sorted().joined(separator: ", "))",
                        // HTTPS_METHOD=redirect, nginx-proxy's default, answers HTTP with a 301 to HTTPS.
                        redirectsToHTTPS: tls && method == "redirect"))
            }
        }
        let at = service.path("environment.VIRTUAL_HOST")
        let templates = HostTemplates.templates(of: project.template(at: at), variables: project.variables) {
            Self.list($0).map { $0.lowercased() }
        }
        return routes.map { route in
            var route = route
            route.followHosts(templates, writtenAt: at)
            return route
        }
    }

    /// One host, path and port nginx-proxy serves.
    struct Entry {
        var host: String
        var path: String
        var port: Int
        /// `VIRTUAL_DEST`: what replaces the path before nginx sends on.
        var dest: String?
    }

    private func virtualHosts(of service: Service, environment: [String: String]) -> [Entry] {
        let defaultPort = Self.defaultPort(of: service, environment: environment)
        if let text = environment["VIRTUAL_HOST_MULTIPORTS"] {
            return multiport(text, of: service, defaultPort: defaultPort)
        }
        let hosts = Self.list(environment["VIRTUAL_HOST"] ?? "").compactMap { host(from: $0, of: service, key: "VIRTUAL_HOST") }
        if hosts.isEmpty {
            warn(
                "VIRTUAL_HOST of \(service.name) is empty, so nginx-proxy routed nothing to it: set it (in .env, say) and convert again",
                service.path("environment.VIRTUAL_HOST"))
            return []
        }
        let dest = environment["VIRTUAL_DEST"].flatMap { $0.isEmpty ? nil : $0 }
        guard let path = self.path(environment["VIRTUAL_PATH"] ?? "/", of: service, key: "VIRTUAL_PATH") else { return [] }
        return hosts.map { Entry(host: $0, path: path, port: defaultPort, dest: dest) }
    }

    /// `VIRTUAL_HOST_MULTIPORTS`: `host:` alone, or `host: {"/path": {port: 8000, dest: "/"}}`.
    private func multiport(_ text: String, of service: Service, defaultPort: Int) -> [Entry] {
        let key = service.path("environment.VIRTUAL_HOST_MULTIPORTS")
        guard let root = try? YAMLDocumentLoader.load(text, file: "VIRTUAL_HOST_MULTIPORTS"), let hosts = root.entries else {
            warn("VIRTUAL_HOST_MULTIPORTS of \(service.name) is not a YAML or JSON mapping of hosts: nginx-proxy refuses it too; no route is converted", key)
            return []
        }
        return hosts.flatMap { entry -> [Entry] in
            guard let host = host(from: entry.key, of: service, key: "VIRTUAL_HOST_MULTIPORTS") else { return [] }
            let paths = entry.value.entries ?? []
            if paths.isEmpty { return [Entry(host: host, path: "/", port: defaultPort, dest: nil)] }
            return paths.compactMap { pathEntry -> Entry? in
                let port = pathEntry.value.entry("port")?.value.int ?? defaultPort
                let dest = pathEntry.value.entry("dest")?.value.text.flatMap { $0.isEmpty ? nil : $0 }
                guard (1...65535).contains(port) else {
                    warn("VIRTUAL_HOST_MULTIPORTS of \(service.name): port \(port) of \(entry.key)\(pathEntry.key) is not a port number", key)
                    return nil
                }
                return path(pathEntry.key, of: service, key: "VIRTUAL_HOST_MULTIPORTS").map { Entry(host: host, path: $0, port: port, dest: dest) }
            }
        }
    }

    /// A written host as an Ingress host, or nil with a warning for the forms it has no match for.
    private func host(from text: String, of service: Service, key: String) -> String? {
        if text.hasPrefix("~") || text.hasSuffix(".*") {
            warn(
                "\(key) of \(service.name): \(text) (a regular expression or a trailing wildcard) has no Ingress host form: that host is not converted",
                service.path("environment.\(key)"))
            return nil
        }
        // nginx-proxy takes no port in VIRTUAL_HOST ("providing a port number in VIRTUAL_HOST isn't supported").
        return text.lowercased()
    }

    /// The path nginx-proxy matched, or nil for a regular-expression location.
    private func path(_ text: String, of service: Service, key: String) -> String? {
        let path = text.isEmpty ? "/" : text
        if path.hasPrefix("~") {
            warn("\(key) of \(service.name): \(path) is a regular-expression location, which an Ingress path cannot match: it is not converted",
                 service.path("environment.\(key)"))
            return nil
        }
        return path
    }

    /// `VIRTUAL_PORT`, else the only exposed port, else 80 (docs/README.md, "Virtual Ports").
    static func defaultPort(of service: Service, environment: [String: String]) -> Int {
        if let port = environment["VIRTUAL_PORT"].flatMap({ Int($0.trimmingSpaces()) }), (1...65535).contains(port) { return port }
        let exposed = Set(service.ports.map(\.target) + service.expose.compactMap { Int($0.split(separator: "/").first ?? "") })
        return exposed.count == 1 ? exposed.first! : 80
    }

    /// Whether nginx-proxy spoke HTTP (or HTTPS) to the container, which an Ingress can do too.
    private func checkProtocol(_ proto: String?, of service: Service) -> Bool {
        switch proto?.lowercased() {
        case nil, "", "http": return true
        case "https":
            warn(
                "VIRTUAL_PROTO=https: nginx-proxy spoke HTTPS to \(service.name); set the ingress controller's backend-protocol annotation "
                    + "(or a Gateway's BackendTLSPolicy), or the controller speaks HTTP to it", service.path("environment.VIRTUAL_PROTO"))
            return true
        default:
            warn(
                "VIRTUAL_PROTO=\(proto ?? ""): nginx-proxy spoke \(proto ?? "") to \(service.name), which an Ingress cannot: its routes are not "
                    + "converted; put a web server (nginx) in front of it", service.path("environment.VIRTUAL_PROTO"))
            return false
        }
    }

    private func reportHTTPSMethod(_ method: String?, of service: Service) {
        guard let method = method?.lowercased(), ["noredirect", "nohttp"].contains(method) else { return }
        warn(
            "HTTPS_METHOD=\(method) of \(service.name): whether HTTP redirects to HTTPS is the ingress controller's setting now "
                + "(most redirect hosts with TLS)", service.path("environment.HTTPS_METHOD"))
    }

    /// A comma-separated list, trimmed, without empty items.
    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
    }
}
