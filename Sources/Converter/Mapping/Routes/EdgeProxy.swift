/// A reverse proxy that configures itself from the Docker API: Traefik's Docker provider,
/// nginx-proxy (docker-gen inside), caddy-docker-proxy. On a cluster the ingress controller
/// takes its place, so it is not emitted and the routes it served become Ingress objects.
struct EdgeProxy: Equatable {
    enum Kind: String, Equatable {
        case traefik = "Traefik"
        case nginxProxy = "nginx-proxy"
        case caddy = "caddy-docker-proxy"
    }

    var kind: Kind
    /// The proxy's compose service.
    var service: String
    /// caddy-docker-proxy's label prefix (`CADDY_DOCKER_LABEL_PREFIX`, `caddy` by default).
    var labelPrefix = "caddy"

    /// Labels acme-companion (and its predecessor) look for to find nginx-proxy: a plain nginx
    /// container carrying one is nginx-proxy's web server in the three-container setup.
    static let nginxProxyMarkers = ["com.github.jrcs.letsencrypt_nginx_proxy_companion.nginx_proxy", "com.github.nginx-proxy.nginx"]

    /// The proxy `service` runs, if it is one.
    static func detect(_ service: Service) -> EdgeProxy? {
        if let traefik = TraefikStaticConfig.read(service) {
            return traefik.readsDockerLabels ? EdgeProxy(kind: .traefik, service: service.name) : nil
        }
        let image = ImageReference(service.image ?? "").name
        if image == "nginx-proxy" || nginxProxyMarkers.contains(where: { service.labels[$0] != nil }) {
            return EdgeProxy(kind: .nginxProxy, service: service.name)
        }
        let command = ((service.entrypoint ?? []) + (service.command ?? [])).joined(separator: " ")
        if image == "caddy-docker-proxy" || (image == "caddy" && command.contains("docker-proxy")) {
            let prefix = service.environment["CADDY_DOCKER_LABEL_PREFIX"].flatMap { $0 } ?? "caddy"
            return EdgeProxy(kind: .caddy, service: service.name, labelPrefix: prefix.isEmpty ? "caddy" : prefix)
        }
        return nil
    }

    /// Whether this proxy (nginx-proxy or caddy-docker-proxy) is told to route `service`.
    func routes(_ service: Service) -> Bool {
        switch kind {
        case .traefik: return false
        case .nginxProxy:
            return ["VIRTUAL_HOST", "VIRTUAL_HOST_MULTIPORTS"].contains { !((service.environment[$0] ?? nil) ?? "").isEmpty }
        case .caddy:
            let labels = service.labels.merging(service.deploy?.labels ?? [:]) { first, _ in first }
            return labels.contains { CaddyLabels.site(of: $0.key, prefix: labelPrefix) != nil && $0.key.contains(".") }
        }
    }

    /// Whether this proxy reads the label `key` (it becomes part of a route, not an annotation).
    func reads(label key: String) -> Bool {
        switch kind {
        case .traefik: return key.lowercased().hasPrefix(TraefikRoutes.prefix)
        case .nginxProxy: return key.hasPrefix("com.github.nginx-proxy.") || Self.nginxProxyMarkers.contains(key)
        case .caddy: return CaddyLabels.site(of: key, prefix: labelPrefix) != nil || key == "caddy_controlled_server"
        }
    }
}
