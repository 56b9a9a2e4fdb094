/// The reverse proxies of a project that configure themselves from Docker, and the routes they
/// gave each service, read once for every rule (`Conversion.edge`).
struct EdgeRoutes {
    /// One proxy per kind: the first service of that kind.
    let proxies: [EdgeProxy]
    /// Service name → its routes, in the order the proxies read them.
    let routes: [String: [ProxyRoute]]

    init(project: ComposeProject, services: [Service], warn: @escaping (String, String) -> Void) {
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
            let read = Self.reader(for: proxy, in: project, warn: warn)
            for service in services where !proxies.contains(where: { $0.service == service.name }) {
                let found = read(service)
                if !found.isEmpty { routes[service.name, default: []] += found }
            }
        }
        self.proxies = proxies
        self.routes = routes
    }

    /// Whether a proxy of the project reads the label `key`.
    func reads(label key: String) -> Bool {
        proxies.contains { $0.reads(label: key) }
    }

    private static func reader(
        for proxy: EdgeProxy, in project: ComposeProject, warn: @escaping (String, String) -> Void
    ) -> (Service) -> [ProxyRoute] {
        switch proxy.kind {
        case .traefik:
            guard let service = project.service(named: proxy.service), let config = TraefikStaticConfig.read(service) else { return { _ in [] } }
            return TraefikRoutes(config: config, project: project, warn: warn).routes(of:)
        case .nginxProxy: return NginxProxyRoutes(project: project, warn: warn).routes(of:)
        case .caddy: return CaddyRoutes(prefix: proxy.labelPrefix, project: project, warn: warn).routes(of:)
        }
    }

    /// A caddy-docker-proxy server of the distributed mode: its controller configures it.
    static func isCaddyServer(_ service: Service) -> Bool {
        service.environment["CADDY_DOCKER_MODE"].flatMap({ $0 })?.lowercased() == "server"
    }
}
