/// One way in from outside that a reverse proxy configured from Docker labels gave a service:
/// the hosts and paths it answered, the container port it sent them to, and whether over TLS.
struct ProxyRoute: Equatable {
    struct Match: Equatable {
        /// Every host when nil; `*.example.com` for a wildcard.
        var host: String?
        var path: String
        /// `Path` (the whole path) rather than `PathPrefix`.
        var exact = false
    }

    /// The router's name (Traefik) or the service's; the Ingress is named after it.
    var name: String
    /// The compose service the route sends to.
    var service: String
    /// What wrote the route, for messages: `router api`, `web's VIRTUAL_HOST`.
    var subject: String
    var proxy: EdgeProxy.Kind
    var matches: [Match]
    var port: Int
    var tls: Bool
    /// What gave the proxy its certificate (Traefik's ACME resolver, acme-companion), if known.
    var certResolver: String?
    /// The key path of the router, for messages.
    var keyPath: String
}
