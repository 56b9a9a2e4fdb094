/// References by a name no Service can carry (`relational_db`: Service names are DNS-1123
/// labels, lower-case letters, digits and `-`), rewritten to the Service that answers for it
/// (`relational-db`) where the text uses the name as a host:
/// - a URL's authority (`http://api_server:8080`, `postgres://u:p@relational_db:5432/…`);
/// - `host:port` (`relational_db:5432`);
/// - the whole value, or an item of a list, of a variable whose name says it holds hosts
///   (`POSTGRES_HOST=relational_db`, `BROKERS=kafka_1,kafka_2`);
/// - the argument of a host flag (`pg_isready -h relational_db`, `--host=api_server`).
/// Any other word is left as written: in `postgres://u:p@relational_db:5432/relational_db` the
/// last one is a database name. Environment values, `command`, `entrypoint`, the healthcheck
/// and bind-mounted text files (they become ConfigMaps) are rewritten. An environment value's
/// written template is rewritten alike (`${DB_HOST:-relational_db}`), and so is a variable
/// whose whole value is the name when every use of it was rewritten, so a chart's `variables`
/// still make the value; a template that cannot be is dropped (the chart keeps the value).
struct HostRewrite {
    /// A lower-cased name no Service can carry → the Service name to use.
    let renames: [String: String]

    /// One rewritten value: where, and which names became which.
    struct Change {
        var service: String
        var path: String
        var names: [(from: String, to: String)]
        /// Whether a rewritten name was a TLS URL's host (`https://`): a certificate issued for
        /// the old name no longer matches.
        var secure = false
    }

    /// From `names` (each name a service answers to under Compose → that service), the names
    /// that are no DNS-1123 label, each to the Service of its service.
    init(names: [String: String]) {
        var renames: [String: String] = [:]
        for (name, service) in names where KubernetesName.dns1123(name) != name {
            renames[name] = KubernetesName.dns1123(service)
        }
        self.renames = renames
    }

    /// `project` with every host position rewritten, and what changed.
    func apply(to project: ComposeProject) -> (ComposeProject, [Change]) {
        guard !renames.isEmpty else { return (project, []) }
        var project = project
        var changes: [Change] = []
        var templates = TemplateRewrites()
        for index in project.services.indices {
            var service = project.services[index]
            let name = service.name
            func rewritten(_ text: String, key: String, hostValued: Bool = false) -> String {
                let (result, names, secure) = rewrite(text, hostValued: hostValued)
                if !names.isEmpty { changes.append(Change(service: name, path: KeyPath.ofService(name, key: key), names: names, secure: secure)) }
                return result
            }
            for key in service.environment.keys.sorted() {
                guard let value = service.environment[key] ?? nil else { continue }
                let result = rewritten(value, key: "environment.\(key)", hostValued: Self.holdsHosts(key))
                if result != value {
                    service.environment[key] = result
                    let path = KeyPath.ofService(name, key: "environment.\(key)")
                    if let template = project.template(at: path) {
                        templates.add(path, rewriting(template, hostValued: Self.holdsHosts(key)), value: result, by: self, variables: project.variables)
                    }
                }
            }
            service.command = service.command.map { $0.map { rewritten($0, key: "command") } }
            service.entrypoint = service.entrypoint.map { $0.map { rewritten($0, key: "entrypoint") } }
            let test: Healthcheck.Test? =
                switch service.healthcheck?.test {
                case .exec(let argv)?: .exec(argv.map { rewritten($0, key: "healthcheck.test") })
                case .shell(let command)?: .shell(rewritten(command, key: "healthcheck.test"))
                case let other: other
                }
            service.healthcheck?.test = test
            project.services[index] = service
        }
        templates.apply(to: &project)
        return (project, changes)
    }

    /// `template` with its literal text and its variables' defaults rewritten as values are.
    func rewriting(_ template: Template, hostValued: Bool) -> Template {
        let whole = template.parts.count == 1
        return Template(
            parts: template.parts.map { part in
                switch part {
                case .literal(let text): return .literal(rewrite(text, hostValued: hostValued && whole).text)
                case .variable(let name, let operation?):
                    return .variable(name: name, operation: Template.Operation(operation.op, rewriting(operation.argument, hostValued: hostValued)))
                case .variable: return part
                }
            })
    }

    /// Rewrites the bind-mounted text files of `project` (those `ServiceReferences` reads) in
    /// `files`, so the ConfigMaps made of them carry the Service names.
    func rewriteBoundFiles(of project: ComposeProject, in files: CachingFileSource) -> [Change] {
        guard !renames.isEmpty else { return [] }
        var changes: [Change] = []
        var done = Set<String>()
        for service in project.services {
            for (index, mount) in service.volumes.enumerated() {
                guard let source = mount.source, let text = ServiceReferences.boundText(mount, project: project, files: files) else { continue }
                let (result, names, secure) = rewrite(text, hostValued: false)
                guard !names.isEmpty else { continue }
                if done.insert(source).inserted { files.replace(source, with: result) }
                changes.append(
                    Change(service: service.name, path: service.path("volumes[\(index)]"), names: names, secure: secure))
            }
        }
        return changes
    }

    /// Whether a variable named `key` holds host names: `…HOST`, `…HOSTS`, `…ADDR`, `…SERVER(S)`,
    /// `…BROKERS`, `…NODES`, `…SEEDS`, `…ENDPOINT(S)`.
    static func holdsHosts(_ key: String) -> Bool {
        let last = key.uppercased().split(whereSeparator: { $0 == "_" || $0 == "." || $0 == "-" }).last.map(String.init) ?? ""
        return ["HOST", "HOSTS", "HOSTNAME", "ADDR", "ADDRESS", "SERVER", "SERVERS", "BROKERS", "NODES", "SEEDS", "ENDPOINT", "ENDPOINTS"]
            .contains(last)
    }

    /// Schemes whose URLs are TLS: a certificate names the host.
    private static let tlsSchemes: Set<String> = ["https", "wss", "rediss", "ldaps", "amqps"]

    /// `text` with each name of `renames` in a host position replaced, the names replaced, and
    /// whether one of them was the host of a TLS URL.
    func rewrite(_ text: String, hostValued: Bool) -> (text: String, names: [(from: String, to: String)], secure: Bool) {
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        var changed: [(from: String, to: String)] = []
        var secure = false
        var copied = 0
        for range in MentionScanner.hostWords(bytes) {
            let word = String(decoding: bytes[range], as: UTF8.self)
            guard let target = renames[word.lowercased()] else { continue }
            let scheme = MentionScanner.scheme(before: range.lowerBound, in: bytes)
            guard scheme != nil || isHostPosition(bytes, start: range.lowerBound, end: range.upperBound, hostValued: hostValued) else {
                continue
            }
            output += bytes[copied..<range.lowerBound]
            output += Array(target.utf8)
            copied = range.upperBound
            secure = secure || scheme.map(Self.tlsSchemes.contains) == true
            if !changed.contains(where: { $0.from == word }) { changed.append((word, target)) }
        }
        guard !changed.isEmpty else { return (text, [], false) }
        output += bytes[copied...]
        return (String(decoding: output, as: UTF8.self), changed, secure)
    }

    /// Whether the word at `start..<end`, which follows no URL scheme, is a host: before `:port`,
    /// after a host flag, or a whole item of a host-valued variable.
    private func isHostPosition(_ bytes: [UInt8], start: Int, end: Int, hostValued: Bool) -> Bool {
        let previous = start > 0 ? bytes[start - 1] : 0
        if previous == UInt8(ascii: "/") || previous == UInt8(ascii: "$") { return false }  // a path or a variable
        let before = String(decoding: bytes[..<start], as: UTF8.self)
        if ["-h ", "-H ", "--host ", "--host=", "--hostname ", "--hostname="].contains(where: before.hasSuffix) { return true }
        if end + 1 < bytes.count, bytes[end] == UInt8(ascii: ":"), MentionScanner.isDigit(bytes[end + 1]) { return true }
        guard hostValued else { return false }
        // A list of hosts is separated by commas (or semicolons); words between spaces are prose.
        let separators: Set<UInt8> = [UInt8(ascii: ","), UInt8(ascii: ";")]
        return (start == 0 || separators.contains(previous)) && (end == bytes.count || separators.contains(bytes[end]))
    }
}

/// The written templates of rewritten environment values: each kept rewritten when it gives
/// the rewritten value, with the variables whose whole value is a renamed name rewritten too
/// when no other template uses them; otherwise dropped.
struct TemplateRewrites {
    private var kept: [String: Template] = [:]
    /// Paths whose template gives the value only with these variables renamed.
    private var needing: [String: (template: Template, variables: [String: String])] = [:]
    private var dropped: Set<String> = []

    mutating func add(_ path: String, _ template: Template, value: String, by rewrite: HostRewrite, variables: [String: String]) {
        if (try? template.evaluate({ variables[$0] })) == value {
            kept[path] = template
            return
        }
        var renamed: [String: String] = [:]
        for name in template.variables {
            if let current = variables[name], let target = rewrite.renames[current.lowercased()] { renamed[name] = target }
        }
        guard !renamed.isEmpty, (try? template.evaluate({ renamed[$0] ?? variables[$0] })) == value else {
            dropped.insert(path)
            return
        }
        needing[path] = (template, renamed)
    }

    func apply(to project: inout ComposeProject) {
        var written = project.written
        for (path, template) in kept { written[path] = template.text }
        for path in dropped { written[path] = nil }
        let renamed = needing.values.reduce(into: [String: String]()) { $0.merge($1.variables) { first, _ in first } }
        // A variable is renamed only when every template naming it is one of these: elsewhere it may
        // be a database's name (`POSTGRES_DB: ${DB}` beside `POSTGRES_HOST: ${DB}`).
        let usedElsewhere = Set(
            project.written.filter { needing[$0.key] == nil }.flatMap { (try? Template.parse($0.value))?.variables ?? [] })
        for (path, need) in needing.sorted(by: { $0.key < $1.key }) {
            if need.variables.keys.contains(where: usedElsewhere.contains) {
                written[path] = nil
            } else {
                written[path] = need.template.text
            }
        }
        for (name, target) in renamed where !usedElsewhere.contains(name) { project.variables[name] = target }
        project.written = written
    }
}
