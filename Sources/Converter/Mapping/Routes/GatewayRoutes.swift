/// A proxy route as Gateway API HTTPRoutes (`--routes gateway`): one per set of hosts that share
/// their paths (an HTTPRoute's hostnames apply to all its rules), on the Gateway's `https`
/// listener when the proxy served TLS, else `http`; a rewritten prefix is a rule of its own (a
/// ReplacePrefixMatch needs exactly one PathPrefix match); and the proxy's HTTP→HTTPS redirect
/// is a second route on the `http` listener whose rules redirect (a redirect rule has no backend).
enum GatewayRoutes {
    /// One HTTPRoute to write.
    struct Route: Equatable {
        var name: String
        var sectionName: String
        var hostnames: [String]
        var rules: [HTTPRouteObject.Rule]
    }

    /// The API's limit of matches in one rule (apis/v1/httproute_types.go, `MaxItems=8`).
    static let matchesPerRule = 8

    static func routes(for route: ProxyRoute, matches: [ProxyRoute.Match], service: String) -> [Route] {
        var hostOrder: [String?] = []
        var byHost: [String?: [ProxyRoute.Match]] = [:]
        for match in matches {
            if byHost[match.host] == nil { hostOrder.append(match.host) }
            byHost[match.host, default: []].append(match)
        }
        // Hosts with the same paths share one HTTPRoute.
        var groups: [(hosts: [String], matches: [ProxyRoute.Match])] = []
        for host in hostOrder {
            let paths = (byHost[host] ?? []).map { ProxyRoute.Match(path: $0.path, exact: $0.exact, replacePrefix: $0.replacePrefix) }
            if let index = groups.firstIndex(where: { $0.matches == paths && !$0.hosts.isEmpty && host != nil }) {
                groups[index].hosts.append(host ?? "")
            } else {
                groups.append((host.map { [$0] } ?? [], paths))
            }
        }
        return groups.enumerated().flatMap { index, group -> [Route] in
            let name = route.name + (groups.count > 1 ? "-\(index + 1)" : "")
            var routes = [
                Route(
                    name: name, sectionName: route.tls ? "https" : "http", hostnames: group.hosts,
                    rules: forwardRules(group.matches, service: service, port: route.port))
            ]
            if route.tls, route.redirectsToHTTPS {
                let redirects = chunks(group.matches.map(pathMatch)).map { HTTPRouteObject.Rule(matches: $0, action: .redirectToHTTPS) }
                routes.append(Route(name: name + "-redirect", sectionName: "http", hostnames: group.hosts, rules: redirects))
            }
            return routes
        }
    }

    private static func forwardRules(_ matches: [ProxyRoute.Match], service: String, port: Int) -> [HTTPRouteObject.Rule] {
        let rewritten = matches.filter { $0.replacePrefix != nil && !$0.exact }
        let plain = matches.filter { $0.replacePrefix == nil || $0.exact }
        return chunks(plain.map(pathMatch)).map { HTTPRouteObject.Rule(matches: $0, action: .forward(service: service, port: port, replacePrefix: nil)) }
            + rewritten.map {
                HTTPRouteObject.Rule(matches: [pathMatch($0)], action: .forward(service: service, port: port, replacePrefix: $0.replacePrefix))
            }
    }

    private static func pathMatch(_ match: ProxyRoute.Match) -> HTTPRouteObject.Match {
        HTTPRouteObject.Match(path: match.path, exact: match.exact)
    }

    private static func chunks(_ matches: [HTTPRouteObject.Match]) -> [[HTTPRouteObject.Match]] {
        stride(from: 0, to: matches.count, by: matchesPerRule).map { Array(matches[$0..<min($0 + matchesPerRule, matches.count)]) }
    }
}
