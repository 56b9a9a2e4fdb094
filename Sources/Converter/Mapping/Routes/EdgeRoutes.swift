/// The reverse proxies of a project that configure themselves from Docker, and the routes they
/// gave each service, read once for every rule (`Conversion.edge`).
struct EdgeRoutes {
    /// One proxy per kind: the first service of that kind.
    let proxies: [EdgeProxy]
    /// Service name → its routes, in the order the proxies read them.
    let routes: [String: [ProxyRoute]]

    /// - Parameter files: where a mounted Traefik configuration file is read from (inside the project tree only).
    init(project: ComposeProject, services: [Service], files: FileSource, warn: @escaping (String, String) -> Void) {
        var proxies: [EdgeProxy] = []
        for service in project.services {
            guard let proxy = EdgeProxy.detect(service) else { continue }
            if let first = proxies.first(where: { $0.kind == proxy.kind }) {
                if !Self.isCaddyServer(service) {
                    warn(
                        "\(service.name) is a second \(proxy.kind.rawValue) beside \(first.service): the routes both read are converted once, "
                            + "and one ingress controller serves them", "services.\(service.name)")
                }
                continue
            }
            proxies.append(proxy)
        }
        var routes: [String: [ProxyRoute]] = [:]
        for proxy in proxies {
            let read = Self.reader(for: proxy, in: project, files: files, warn: warn)
            // A route is kept with the service it sends to: a Traefik router may name another container's service.
            for service in services where !proxies.contains(where: { $0.service == service.name }) {
                for route in read(service) { routes[route.service, default: []].append(route) }
            }
        }
        self.proxies = proxies
        self.routes = routes
    }

    /// Services reached a replaced proxy by one of its names (often a public host it routes, as a
    /// network alias: `https://cloud.example.com` from a container): on a cluster that name is the
    /// ingress controller's, which DNS or a CoreDNS rewrite must send it to.
    func reportNamesOfTheProxies(_ references: ServiceReferences, warn: (String, String) -> Void) {
        for proxy in proxies {
            let reached = references.references.filter { $0.to == proxy.service && $0.from != proxy.service }
            for name in Set(reached.map { $0.name.lowercased() }).sorted() {
                let uses = reached.filter { $0.name.lowercased() == name }
                let users = Set(uses.map(\.from)).sorted().joined(separator: ", ")
                warn(
                    "\(users) reached \(name) through \(proxy.kind.rawValue) (\(proxy.service)), which is not emitted: in the cluster the "
                        + "name must lead to the ingress controller or Gateway, by public DNS or a CoreDNS rewrite "
                        + "(`rewrite name exact \(name) <controller-service>.<its-namespace>.svc.cluster.local`)", uses[0].path)
            }
        }
    }

    /// Whether a proxy of the project reads the label `key`.
    func reads(label key: String) -> Bool {
        proxies.contains { $0.reads(label: key) }
    }

    private static func reader(
        for proxy: EdgeProxy, in project: ComposeProject, files: FileSource, warn: @escaping (String, String) -> Void
    ) -> (Service) -> [ProxyRoute] {
        switch proxy.kind {
        case .traefik:
            guard let service = project.service(named: proxy.service),
                let config = TraefikStaticConfig.read(service, file: traefikFile(of: service, in: project, files: files, warn: warn))
            else { return { _ in [] } }
            return TraefikRoutes(config: config, project: project, warn: warn).routes(of:)
        case .nginxProxy: return NginxProxyRoutes(project: project, warn: warn).routes(of:)
        case .caddy: return CaddyRoutes(prefix: proxy.labelPrefix, project: project, warn: warn).routes(of:)
        }
    }

    /// The text of the configuration file mounted where Traefik reads it (`--configfile`, or
    /// `/etc/traefik/traefik.yml`), as a file or in a mounted folder, when the project tree holds it.
    private static func traefikFile(of service: Service, in project: ComposeProject, files: FileSource, warn: (String, String) -> Void) -> String? {
        let named = TraefikStaticConfig.commandOptions(service)["configfile"].map { [$0] } ?? []
        for location in named + TraefikStaticConfig.fileLocations {
            for mount in service.volumes where mount.type == .bind {
                guard let source = mount.source else { continue }
                let host: String
                if mount.target == location {
                    host = source
                } else if location.hasPrefix(mount.target + "/") {
                    host = source + location.dropFirst(mount.target.count)
                } else {
                    continue
                }
                guard project.tree.verdict(host, files: files) == .inside, let text = try? files.read(host) else { continue }
                if location.hasSuffix(".toml") || TraefikStaticConfig.fileOptions(text) == nil {
                    warn("\(host) (Traefik's configuration) is not read: only its YAML form is; its entry points and providers are not known", service.path("volumes"))
                    return nil
                }
                return text
            }
        }
        return nil
    }

    /// A caddy-docker-proxy server of the distributed mode: its controller configures it.
    static func isCaddyServer(_ service: Service) -> Bool {
        service.environment["CADDY_DOCKER_MODE"].flatMap({ $0 })?.lowercased() == "server"
    }
}
