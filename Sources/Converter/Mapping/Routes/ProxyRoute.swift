/// One way in from outside that a reverse proxy configured from Docker gave a service: the
/// hosts and paths it answered, the container port it sent them to, whether over TLS, and the
/// path rewrites and HTTPS redirect it did on the way.
struct ProxyRoute: Equatable {
    struct Match: Equatable {
        /// Every host when nil; `*.example.com` for a wildcard.
        var host: String?
        var path: String
        /// `Path` (the whole path) rather than `PathPrefix`.
        var exact = false
        /// What the proxy put in place of the matched prefix before sending on (`/` for a strip).
        var replacePrefix: String?
        /// The host as written with variables (`api.${DOMAIN}`), when it was (`HostTemplates`).
        var hostTemplate: Template?
    }

    /// The router's name (Traefik) or the service's; the route objects are named after it.
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
    /// The key path of the route, for messages.
    var keyPath: String
    /// What rewrote the matched prefixes (`middleware api-strip (stripprefix)`), for messages.
    var rewrittenBy: String?
    /// Whether the proxy answered plain HTTP for these hosts with a redirect to HTTPS.
    var redirectsToHTTPS = false
    /// The key path of the value the hosts were written in, when a variable wrote one of them.
    var hostsWrittenAt: String?

    /// The matches with the templates of the hosts a variable wrote, read from `path`.
    mutating func followHosts(_ templates: [String: Template], writtenAt path: String) {
        guard !templates.isEmpty else { return }
        for index in matches.indices { matches[index].hostTemplate = matches[index].host.flatMap { templates[$0] } }
        if matches.contains(where: { $0.hostTemplate != nil }) { hostsWrittenAt = path }
    }
}
