/// Who reaches whom, under which name and on which port: read from each service's environment
/// values, command, entrypoint, healthcheck and bind-mounted text files, as `host:port`,
/// `scheme://[user:pass@]host[:port]` (a scheme without a port means its default) or a bare
/// name. Only names some service answers to under Compose count: service names,
/// `container_name`s, network aliases and link aliases.
package struct ServiceReferences: Sendable {
    package struct Reference: Hashable, Sendable {
        /// The compose service that uses the name.
        package var from: String
        /// The compose service the name reaches.
        package var to: String
        /// The name as written, lower-cased (DNS ignores case).
        package var name: String
        package var port: Int?
        /// Where it was found, as a compose key path.
        package var path: String
    }

    package let references: [Reference]
    /// Every name a service answers to (lower-cased) → that service.
    package let names: [String: String]
    /// The references to each service, looked up per service by the rules.
    private let byTarget: [String: [Reference]]

    init(references: [Reference], names: [String: String]) {
        self.references = references
        self.names = names
        byTarget = Dictionary(grouping: references, by: \.to)
    }

    /// The references that reach `service` (its own healthcheck's included).
    package func references(to service: String) -> [Reference] {
        byTarget[service] ?? []
    }

    /// The ports other services (or the service itself) use to reach `service`, in order.
    package func portsReaching(_ service: String) -> [Int] {
        Array(Set(references(to: service).compactMap(\.port))).sorted()
    }

    /// Peer clusters: services of one image that reach each other in a cycle by the names they
    /// use for each other (`es01..es03`, `zoo1..3`, MinIO's `minio{1...4}`). Services of
    /// different images in a cycle (often only a shared env file naming every host) are not
    /// peers: each can become Ready on its own. A proxy-bypass list (`no_proxy`) names hosts
    /// without reaching them, so it makes no one a peer.
    package func peerGroups(images: [String: String]) -> [[String]] {
        var edges: [String: Set<String>] = [:]
        for reference in references where reference.from != reference.to && !Self.isProxyBypass(reference.path) {
            edges[reference.from, default: []].insert(reference.to)
        }
        return StronglyConnected.components(edges).flatMap { cycle in
            Dictionary(grouping: cycle) { images[$0] ?? "" }.filter { !$0.key.isEmpty && $0.value.count > 1 }.values.map { $0.sorted() }
        }.sorted { $0[0] < $1[0] }
    }
}

extension ServiceReferences {
    /// Scans `project`; bind-mounted files inside the project folder are read from `files`.
    static func scan(_ project: ComposeProject, files: FileSource) -> ServiceReferences {
        let names = answeringNames(project)
        let found = project.services.flatMap { service in
            let boundTexts = service.volumes.enumerated().compactMap { index, mount in
                boundText(mount, project: project, files: files).map { (index, $0) }
            }
            return references(from: service, boundTexts: boundTexts, names: names)
        }
        return ServiceReferences(references: found, names: names)
    }

    /// What one service's values say of the others.
    private static func references(from service: Service, boundTexts: [(index: Int, text: String)], names: [String: String]) -> [Reference]
    {
        var scanner = MentionScanner(names: names, from: service.name)
        for (key, value) in service.environment.sorted(by: { $0.key < $1.key }) {
            if let value { scanner.scan(value, path: "services.\(service.name).environment.\(key)") }
        }
        for word in service.entrypoint ?? [] { scanner.scan(word, path: "services.\(service.name).entrypoint") }
        for word in service.command ?? [] { scanner.scan(word, path: "services.\(service.name).command") }
        if let test = service.healthcheck?.test, service.healthcheck?.disabled != true {
            scanner.healthcheck(test, path: "services.\(service.name).healthcheck.test")
        }
        for (index, text) in boundTexts { scanner.scan(text, path: "services.\(service.name).volumes[\(index)]") }
        return scanner.found
    }

    private static func isProxyBypass(_ path: String) -> Bool {
        path.split(separator: ".").last.map { $0.lowercased() == "no_proxy" } ?? false
    }

    /// Every name each service answers to under Compose; a name two services claim keeps the first.
    static func answeringNames(_ project: ComposeProject) -> [String: String] {
        var names: [String: String] = [:]
        func claim(_ name: String, _ service: String) {
            let key = name.lowercased()
            if names[key] == nil { names[key] = service }
        }
        for service in project.services { claim(service.name, service.name) }
        for service in project.services {
            if let container = service.runtime.containerName { claim(container, service.name) }
            for alias in service.networks.flatMap(\.aliases) { claim(alias, service.name) }
            for link in service.links {
                let parts = link.split(separator: ":", maxSplits: 1).map(String.init)
                if parts.count == 2, project.services.contains(where: { $0.name == parts[0] }) { claim(parts[1], parts[0]) }
            }
        }
        return names
    }

    /// A small text file bind-mounted from inside the project folder, or nil.
    /// The text of a bind-mounted file inside the project, up to 256 KiB; nil for anything else.
    static func boundText(_ mount: VolumeMount, project: ComposeProject, files: FileSource) -> String? {
        guard mount.type == .bind, let source = mount.source, project.tree.verdict(source, files: files) == .inside,
            case .file(let size)? = files.entry(source), size <= 256 * 1024
        else { return nil }
        return try? files.read(source)
    }
}
