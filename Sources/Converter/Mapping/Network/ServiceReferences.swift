/// Who reaches whom, under which name and on which port: read from each service's environment
/// values, command, entrypoint, healthcheck and bind-mounted text files, as `host:port`,
/// `scheme://[user:pass@]host[:port]` (a scheme without a port means its default) or a bare
/// name. Only names some service answers to under Compose count: service names,
/// `container_name`s, network aliases and link aliases.
public struct ServiceReferences: Sendable {
    public struct Reference: Hashable, Sendable {
        /// The compose service that uses the name.
        public var from: String
        /// The compose service the name reaches.
        public var to: String
        /// The name as written, lower-cased (DNS ignores case).
        public var name: String
        public var port: Int?
        /// Where it was found, as a compose key path.
        public var path: String
    }

    public let references: [Reference]
    /// Every name a service answers to (lower-cased) → that service.
    public let names: [String: String]
    /// The references to each service, looked up per service by the rules.
    private let byTarget: [String: [Reference]]

    init(references: [Reference], names: [String: String]) {
        self.references = references
        self.names = names
        byTarget = Dictionary(grouping: references, by: \.to)
    }

    /// The references that reach `service` (its own healthcheck's included).
    public func references(to service: String) -> [Reference] {
        byTarget[service] ?? []
    }

    /// The ports other services (or the service itself) use to reach `service`, in order.
    public func portsReaching(_ service: String) -> [Int] {
        Array(Set(references(to: service).compactMap(\.port))).sorted()
    }

    /// The services other than `service` that reach it as `name`, in name order.
    public func users(of name: String, reaching service: String) -> [String] {
        Array(Set(references(to: service).lazy.filter { $0.name == name && $0.from != service }.map(\.from))).sorted()
    }

    /// Peer clusters: services of one image that reach each other in a cycle (`es01..es03`,
    /// `kafka1..3`). Services of different images in a cycle (often only a shared env file
    /// naming every host) are not peers: each can become Ready on its own.
    public func peerGroups(images: [String: String]) -> [[String]] {
        var edges: [String: Set<String>] = [:]
        for reference in references where reference.from != reference.to { edges[reference.from, default: []].insert(reference.to) }
        return StronglyConnected.components(edges).flatMap { cycle in
            Dictionary(grouping: cycle) { images[$0] ?? "" }.filter { !$0.key.isEmpty && $0.value.count > 1 }.values.map { $0.sorted() }
        }.sorted { $0[0] < $1[0] }
    }
}

extension ServiceReferences {
    /// Scans `project`; bind-mounted files inside the project folder are read from `files`.
    static func scan(_ project: ComposeProject, files: FileSource) -> ServiceReferences {
        let names = answeringNames(project)
        var found: [Reference] = []
        for service in project.services {
            var scanner = MentionScanner(names: names, from: service.name)
            for (key, value) in service.environment.sorted(by: { $0.key < $1.key }) {
                if let value { scanner.scan(value, path: "services.\(service.name).environment.\(key)") }
            }
            for word in service.entrypoint ?? [] { scanner.scan(word, path: "services.\(service.name).entrypoint") }
            for word in service.command ?? [] { scanner.scan(word, path: "services.\(service.name).command") }
            if let test = service.healthcheck?.test, service.healthcheck?.disabled != true {
                scanner.healthcheck(test, path: "services.\(service.name).healthcheck.test")
            }
            for (index, mount) in service.volumes.enumerated() {
                guard let text = boundText(mount, project: project, files: files) else { continue }
                scanner.scan(text, path: "services.\(service.name).volumes[\(index)]")
            }
            found += scanner.found
        }
        return ServiceReferences(references: found, names: names)
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
    private static func boundText(_ mount: VolumeMount, project: ComposeProject, files: FileSource) -> String? {
        guard mount.type == .bind, let source = mount.source, source.hasPrefix(project.workingDirectory + "/"),
            case .file(let size)? = files.entry(source), size <= 256 * 1024
        else { return nil }
        return try? files.read(source)
    }
}

/// Finds the names of `names` in text, with a port when one is written or implied.
struct MentionScanner {
    let names: [String: String]
    let from: String
    private(set) var found: [ServiceReferences.Reference] = []
    private var seen = Set<ServiceReferences.Reference>()

    init(names: [String: String], from: String) {
        self.names = names
        self.from = from
    }

    /// A healthcheck: `localhost:PORT` and `127.0.0.1:PORT` there are the service's own port.
    mutating func healthcheck(_ test: Healthcheck.Test, path: String) {
        let text: String
        switch test {
        case .exec(let argv): text = argv.joined(separator: " ")
        case .shell(let command): text = command
        case .none: return
        }
        var own = names
        for local in ["localhost", "127.0.0.1", "0.0.0.0"] { own[local] = from }
        var scanner = MentionScanner(names: own, from: from)
        scanner.scan(text, path: path)
        for reference in scanner.found where !(reference.port == nil && reference.to == from) { add(reference) }
        for port in Self.portArguments(text) {
            add(ServiceReferences.Reference(from: from, to: from, name: from.lowercased(), port: port, path: path))
        }
    }

    /// Ports a check names as arguments: `--port 5432`, `--port=5432`, `-p 6379`, `-P 3306`, or
    /// a number right after a local host (`nc -z 127.0.0.1 7000`).
    static func portArguments(_ text: String) -> [Int] {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
        var ports: [Int] = []
        for (index, word) in words.enumerated() {
            if word.hasPrefix("--port="), let port = Int(word.dropFirst("--port=".count)) { ports.append(port) }
            guard index + 1 < words.count, let port = Int(words[index + 1]), (1...65535).contains(port) else { continue }
            if ["--port", "-p", "-P", "localhost", "127.0.0.1", "0.0.0.0"].contains(word) { ports.append(port) }
        }
        return ports
    }

    mutating func scan(_ text: String, path: String) {
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            guard Self.isHostByte(bytes[index]) else {
                index += 1
                continue
            }
            var end = index
            while end < bytes.count, Self.isHostByte(bytes[end]) { end += 1 }
            mention(bytes, start: index, end: end, path: path)
            index = end
        }
    }

    private mutating func mention(_ bytes: [UInt8], start: Int, end: Int, path: String) {
        var hostEnd = end
        while hostEnd > start, bytes[hostEnd - 1] == UInt8(ascii: ".") { hostEnd -= 1 }
        guard hostEnd > start, let host = String(bytes: bytes[start..<hostEnd], encoding: .utf8)?.lowercased(),
            let target = names[host]
        else { return }
        let scheme = Self.scheme(before: start, in: bytes)
        let previous = start > 0 ? bytes[start - 1] : 0
        let next = hostEnd < bytes.count ? bytes[hostEnd] : 0
        if scheme == nil, previous == UInt8(ascii: "/") || previous == UInt8(ascii: "$") { return }  // a path or a variable
        var port: Int?
        if hostEnd == end, next == UInt8(ascii: ":") {
            switch Self.port(after: end + 1, in: bytes) {
            case .number(let number): port = number
            case .version: return  // `postgres:16.2`, an image tag
            case .none: break
            }
        }
        if hostEnd + 1 < bytes.count, next == UInt8(ascii: ":"), bytes[hostEnd + 1] == UInt8(ascii: "/") { return }  // a scheme
        if scheme == nil {
            if port == nil, [UInt8(ascii: "="), UInt8(ascii: "/"), UInt8(ascii: "(")].contains(next) { return }
            if let number = port, number < 80 { return }  // `postgres:16`: an image tag, not a service port
        }
        if port == nil, let scheme { port = WellKnownPorts.schemes[scheme] }
        add(ServiceReferences.Reference(from: from, to: target, name: host, port: port, path: path))
    }

    private mutating func add(_ reference: ServiceReferences.Reference) {
        if seen.insert(reference).inserted { found.append(reference) }
    }

    private enum PortText { case number(Int), version, none }

    /// Digits after a colon: a port (1–65535), a version (`16.2`), or nothing.
    private static func port(after start: Int, in bytes: [UInt8]) -> PortText {
        var end = start
        while end < bytes.count, end - start < 6, isDigit(bytes[end]) { end += 1 }
        guard end > start else { return .none }
        if end < bytes.count, bytes[end] == UInt8(ascii: "."), end + 1 < bytes.count, isDigit(bytes[end + 1]) { return .version }
        if end < bytes.count, isHostByte(bytes[end]) { return .none }
        guard let number = Int(String(decoding: bytes[start..<end], as: UTF8.self)), (1...65535).contains(number) else { return .none }
        return .number(number)
    }

    /// The URL scheme when the host follows `scheme://` or `scheme://user:pass@`, lower-cased,
    /// its first `+` part (`postgres+asyncpg` → `postgres`).
    private static func scheme(before start: Int, in bytes: [UInt8]) -> String? {
        var cursor = start
        if cursor > 0, bytes[cursor - 1] == UInt8(ascii: "@") {
            cursor -= 1
            while cursor > 0, !isSpace(bytes[cursor - 1]), !(cursor >= 3 && bytes[cursor - 3..<cursor].elementsEqual("://".utf8)) {
                cursor -= 1
            }
        }
        guard cursor >= 3, bytes[cursor - 3..<cursor].elementsEqual("://".utf8) else { return nil }
        var schemeStart = cursor - 3
        while schemeStart > 0, isSchemeByte(bytes[schemeStart - 1]) { schemeStart -= 1 }
        let scheme = String(decoding: bytes[schemeStart..<(cursor - 3)], as: UTF8.self).lowercased()
        return String(scheme.split(separator: "+").first ?? "")
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    /// Letters, digits, `.`, `-` and `_`: what a host name is made of.
    private static func isHostByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == 0x2E || byte == 0x2D || byte == 0x5F
    }

    private static func isSchemeByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == 0x2B || byte == 0x2E || byte == 0x2D
    }
}

/// Tarjan's strongly connected components, deterministic (nodes and edges in name order).
enum StronglyConnected {
    static func components(_ edges: [String: Set<String>]) -> [[String]] {
        var index = 0
        var indices: [String: Int] = [:]
        var lowLinks: [String: Int] = [:]
        var stack: [String] = []
        var onStack = Set<String>()
        var result: [[String]] = []

        func visit(_ node: String) {
            indices[node] = index
            lowLinks[node] = index
            index += 1
            stack.append(node)
            onStack.insert(node)
            for next in (edges[node] ?? []).sorted() {
                if indices[next] == nil {
                    visit(next)
                    lowLinks[node] = min(lowLinks[node, default: 0], lowLinks[next, default: 0])
                } else if onStack.contains(next) {
                    lowLinks[node] = min(lowLinks[node, default: 0], indices[next, default: 0])
                }
            }
            guard lowLinks[node] == indices[node] else { return }
            var component: [String] = []
            while let top = stack.popLast() {
                onStack.remove(top)
                component.append(top)
                if top == node { break }
            }
            result.append(component.sorted())
        }

        for node in edges.keys.sorted() where indices[node] == nil { visit(node) }
        return result
    }
}
