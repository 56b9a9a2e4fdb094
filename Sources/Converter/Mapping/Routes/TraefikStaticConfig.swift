/// What a Traefik service's static configuration says about its routers, read from its command
/// (`--entrypoints.websecure.address=:443`) and its `TRAEFIK_*` variables (the same options,
/// `_` for `.`; doc.traefik.io, "Static configuration: CLI / Environment variables"). Option
/// names are case-insensitive there, so they are lower-cased here.
struct TraefikStaticConfig {
    /// The Traefik service's name.
    var service: String
    /// 2 or 3, from the image's tag (`latest` and an untagged image are v3).
    var majorVersion: Int
    /// Whether it reads routers from Docker labels (`--providers.docker`).
    var readsDockerLabels: Bool
    /// `providers.docker.exposedbydefault`: every container gets a default router unless `false`.
    var exposedByDefault = true
    /// `core.defaultrulesyntax`: v3 reads v2 rules when `v2`.
    var defaultRuleSyntax: Int?
    /// Entry point name → its port, and whether it terminates TLS.
    var entryPoints: [String: (port: Int, tls: Bool)] = [:]
    /// Entry point name → the entry point it redirects to (`web` → `websecure`).
    var redirects: [String: String] = [:]

    static func read(_ service: Service) -> TraefikStaticConfig? {
        guard let image = service.image, let major = traefikMajor(image) else { return nil }
        var options: [String: String] = [:]
        for argument in (service.entrypoint ?? []) + (service.command ?? []) where argument.hasPrefix("--") {
            let pair = argument.dropFirst(2).split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            options[pair[0].lowercased()] = pair.count == 2 ? pair[1] : "true"
        }
        for (key, value) in service.environment where key.hasPrefix("TRAEFIK_") {
            options[key.dropFirst("TRAEFIK_".count).lowercased().replacingOccurrences(of: "_", with: ".")] = value ?? "true"
        }
        let socket = service.volumes.contains { $0.source?.hasSuffix("docker.sock") == true }
        var config = TraefikStaticConfig(
            service: service.name, majorVersion: major,
            readsDockerLabels: options.keys.contains { $0 == "providers.docker" || $0.hasPrefix("providers.docker.") } || socket)
        config.exposedByDefault = options["providers.docker.exposedbydefault"]?.lowercased() != "false"
        config.defaultRuleSyntax = options["core.defaultrulesyntax"].flatMap { Int($0.dropFirst()) }
        for (key, value) in options where key.hasPrefix("entrypoints.") {
            let parts = key.split(separator: ".", maxSplits: 2).map(String.init)
            guard parts.count == 3 else { continue }
            let name = parts[1]
            if parts[2] == "address", let port = Int(value.split(separator: ":").last ?? "") {
                config.entryPoints[name] = (port, config.entryPoints[name]?.tls ?? false)
            } else if parts[2].hasPrefix("http.tls") {
                config.entryPoints[name] = (config.entryPoints[name]?.port ?? 0, true)
            } else if parts[2] == "http.redirections.entrypoint.to" {
                config.redirects[name] = value.lowercased()
            }
        }
        return config
    }

    /// Whether routers on `entryPoints` (all of them when empty) are served over TLS.
    func servesTLS(_ entryPoints: [String]) -> Bool {
        let names = entryPoints.isEmpty ? Array(self.entryPoints.keys) : entryPoints
        return !names.isEmpty && names.allSatisfy { self.entryPoints[$0]?.tls == true || self.entryPoints[$0]?.port == 443 }
    }

    /// The major version of a Traefik image, or nil for another image.
    static func traefikMajor(_ image: String) -> Int? {
        let reference = ImageReference(image)
        guard reference.name == "traefik" else { return nil }
        let digits = reference.effectiveTag.drop { $0 == "v" }.prefix { $0.isNumber }
        return Int(digits) ?? 3
    }
}
