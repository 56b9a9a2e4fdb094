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

    /// The router's name; the Ingress is named after it.
    var name: String
    /// The compose service the route sends to.
    var service: String
    var matches: [Match]
    var port: Int
    var tls: Bool
    /// The ACME resolver that gave Traefik its certificate, if one did.
    var certResolver: String?
    /// The key path of the router, for messages.
    var keyPath: String
}
