/// What a Traefik service's static configuration says about its routers, read from a mounted
/// `traefik.yml`, else its command (`--entrypoints.websecure.address=:443`), else its
/// `TRAEFIK_*` variables (the same options, `_` for `.`). Traefik uses the first of these it
/// finds and never merges them (doc.traefik.io, "Static configuration: overview"). Option names
/// are case-insensitive there, so they are lower-cased here.
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

    /// Where Traefik looks for its configuration file (`--configfile` first).
    static let fileLocations = ["/etc/traefik/traefik.yml", "/etc/traefik/traefik.yaml", "/etc/traefik/traefik.toml"]

    /// - Parameter file: the text of the mounted configuration file, when one is mounted and readable.
    static func read(_ service: Service, file: String? = nil) -> TraefikStaticConfig? {
        guard let image = service.image, let major = traefikMajor(image) else { return nil }
        var options = file.flatMap(fileOptions) ?? commandOptions(service)
        if options.isEmpty {
            for (key, value) in service.environment where key.hasPrefix("TRAEFIK_") {
                options[key.dropFirst("TRAEFIK_".count).lowercased().replacingOccurrences(of: "_", with: ".")] = value ?? "true"
            }
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

    /// `--name=value` options of the command; a bare `--name` is `true`.
    static func commandOptions(_ service: Service) -> [String: String] {
        var options: [String: String] = [:]
        for argument in (service.entrypoint ?? []) + (service.command ?? []) where argument.hasPrefix("--") {
            let pair = argument.dropFirst(2).split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            options[pair[0].lowercased()] = pair.count == 2 ? pair[1] : "true"
        }
        return options
    }

    /// A YAML configuration file as the options its keys spell (`entryPoints: {web: {address: ":80"}}`
    /// → `entrypoints.web.address`); a mapping with no value of its own (`providers: {docker: {}}`)
    /// turns its option on. nil when the text is not a YAML mapping (a TOML file, say).
    static func fileOptions(_ text: String) -> [String: String]? {
        guard let root = try? YAMLDocumentLoader.load(text, file: "traefik.yml"), root.entries != nil else { return nil }
        var options: [String: String] = [:]
        func walk(_ node: RawNode, _ path: String) {
            if let entries = node.entries {
                if !path.isEmpty, entries.isEmpty { options[path] = "true" }
                for entry in entries { walk(entry.value, path.isEmpty ? entry.key.lowercased() : "\(path).\(entry.key.lowercased())") }
            } else if let text = node.text {
                options[path] = text
            } else if node.isNull, !path.isEmpty {
                options[path] = "true"
            }
        }
        walk(root, "")
        return options
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
