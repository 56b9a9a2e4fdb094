/// The state of one conversion: what has been generated so far, which compose keys the rules
/// have used, and the diagnostics. Rules read the project and graph and add to this.
final class Conversion {
    let project: ComposeProject
    let graph: ServiceGraph
    let options: ConversionOptions
    let labels: ProjectLabels
    /// Where bind-mounted files are read from.
    let files: FileSource
    private(set) var diagnostics: [Diagnostic] = []
    /// Workloads by compose service name (CronJobs by their own name).
    var workloads: [String: Workload] = [:]
    /// Objects other than workloads, keyed by kind and name so a rule can add one once.
    private(set) var objects: [String: KubernetesObject] = [:]
    /// Compose key paths a rule used or a diagnostic reported; their sub-paths count as used
    /// too, and a key whose parts were used counts as used.
    private var marks: KeyPathMarks
    /// For the report: each compose service and the objects it became.
    var report: [String: [String]] = [:]
    /// Sensitive environment values, shared by every service (`ProjectSecretRule` adds it).
    let projectSecret = ProjectSecret()
    var projectSecretName: String { ObjectNames.projectSecret(of: project.name) }

    /// - Parameters:
    ///   - references: who reaches whom (`ServiceReferences.scan(project, files: files)`).
    init(
        project: ComposeProject, graph: ServiceGraph, options: ConversionOptions, files: FileSource, references: ServiceReferences
    ) {
        self.files = files
        self.project = project
        self.graph = graph
        self.options = options
        self.labels = ProjectLabels(project: KubernetesName.dns1123(project.name))
        self.marks = KeyPathMarks(paths: project.locations.paths)
        self.references = references
    }

    /// Service → the GPUs it asked Compose for (`GPURule`), for the project's sharing summary.
    var gpuRequests: [String: GPURequest] = [:]

    /// Each route's host and path → the router that claimed it (`claimRoute`).
    private var routeOwners: [String: String] = [:]

    /// The reverse proxies that configure themselves from Docker (they are not emitted) and the
    /// routes they gave each service, read once.
    private(set) lazy var edge = EdgeRoutes(project: project, services: graph.nodes.map(\.service), files: files) { [unowned self] message, path in
        warn(message, path: path)
    }

    /// Every key path of the project with its node, numbered once.
    var keyPaths: [(path: String, node: Int)] { marks.keyPaths }

    var namespace: String? { options.namespace }

    func metadata(_ name: String, component: String, annotations: [String: String] = [:]) -> ObjectMeta {
        ObjectMeta(name: name, namespace: namespace, labels: labels.labels(for: component), annotations: annotations)
    }

    /// Marks a compose key path (and everything below it) as used.
    func consume(_ path: String) {
        marks.mark(path, .used)
    }

    /// Marks `key` of `service` (`deploy.replicas`: `services.<name>.deploy.replicas`) as used.
    func consume(_ key: String, of service: Service) {
        marks.mark(KeyPath.ofService(service.name, key: key), .used)
    }

    func add(_ object: KubernetesObject, for service: String? = nil) {
        objects["\(object.kind)/\(object.name)"] = object
        if let service { report[service, default: []].append("\(object.kind)/\(object.name)") }
    }

    /// Reports that `service` uses an object it shares with others (made once, elsewhere).
    func reportUse(of kindAndName: String, for service: String) {
        if !(report[service]?.contains(kindAndName) ?? false) { report[service, default: []].append(kindAndName) }
    }

    /// The report follows an object that was renamed after it was made.
    func renameReported(_ old: String, to new: String, for service: String) {
        report[service] = report[service]?.map { $0 == old ? new : $0 }
    }

    private var usedNodePorts = Set<Int>()

    /// `links: [db:database]` anywhere in the project: service → each alias with the path of the
    /// `links` that names it. Read once: walking every service per service would be quadratic.
    private(set) lazy var linkAliases: [String: [(alias: String, path: String)]] = {
        var aliases: [String: [(alias: String, path: String)]] = [:]
        for service in project.services {
            for link in service.links {
                let parts = link.split(separator: ":", maxSplits: 1).map(String.init)
                if parts.count == 2 { aliases[parts[0], default: []].append((parts[1], service.path("links"))) }
            }
        }
        return aliases
    }()

    /// Host path → the converted services that bind-mount it, in dependency order.
    private(set) lazy var bindUsers: [String: [String]] = {
        var users: [String: [String]] = [:]
        for node in graph.nodes {
            for source in Set(node.service.volumes.filter { $0.type == .bind }.compactMap(\.source)).sorted() {
                users[source, default: []].append(node.service.name)
            }
        }
        return users
    }()

    /// Service name → the compose service that answers to it.
    private var serviceNameOwners: [String: String] = [:]

    /// Records that `service` answers to the Service `name`.
    /// - Returns: the other compose service that already answers to it, if any.
    func claimServiceName(_ name: String, for service: String) -> String? {
        if let owner = serviceNameOwners[name], owner != service { return owner }
        serviceNameOwners[name] = service
        return nil
    }

    /// `Kind/name` of objects the output refers to that must exist already (external volumes,
    /// secrets, configs): the verification stage accepts references to them.
    private(set) var externalReferences = Set<String>()

    func expectExisting(kind: String, name: String) {
        externalReferences.insert("\(kind)/\(name)")
    }

    /// The Jobs other pods wait for, which the waiters' Role may read.
    var awaitedJobs = Set<String>()

    /// Who reaches whom by which name and port, read once from the whole project as written.
    let references: ServiceReferences

    /// `path|name` of each reference `HostRewrite` rewrote to a Service name.
    private(set) var rewrittenReferences = Set<String>()

    /// Reports the rewritten references, one line per name, and remembers them so that the
    /// warning about a name no Service can carry names only the references left as written.
    func noteRewrites(_ changes: [HostRewrite.Change]) {
        var byName: [String: (to: String, paths: [String], secure: Bool)] = [:]
        for change in changes {
            for name in change.names {
                rewrittenReferences.insert("\(change.path)|\(name.from.lowercased())")
                var entry = byName[name.from] ?? (name.to, [], false)
                entry.paths.append(change.path)
                entry.secure = entry.secure || change.secure
                byName[name.from] = entry
            }
        }
        for name in byName.keys.sorted() {
            guard let (target, paths, secure) = byName[name] else { continue }
            let unique = paths.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            let shown = unique.prefix(4).joined(separator: ", ") + (unique.count > 4 ? " and \(unique.count - 4) more" : "")
            let tls =
                secure
                ? "; a TLS certificate issued for \"\(name)\" does not match \(target): reissue it for \(target), or keep the name with a CoreDNS rewrite (`rewrite name exact \(name.lowercased()).<namespace>.svc.cluster.local \(target).<namespace>.svc.cluster.local`)"
                : ""
            warn("\"\(name)\" cannot be a Service name, so the references to it now use the Service \(target): \(shown)\(tls)", path: unique[0])
        }
    }

    /// Each service that reaches others in a cycle → every service of that cycle.
    private lazy var peerGroups: [String: [String]] = {
        var groups: [String: [String]] = [:]
        let images = Dictionary(project.services.map { ($0.name, $0.image ?? "") }, uniquingKeysWith: { first, _ in first })
        for group in references.peerGroups(images: images) { for member in group { groups[member] = group } }
        return groups
    }()

    /// The services `service` forms a peer cluster with (itself included), or none.
    func peers(of service: String) -> [String] {
        peerGroups[service] ?? []
    }

    /// The nodePort for a published host port: the same number when it is in the NodePort range
    /// (30000–32767), with `pinNodePorts` one derived from it, otherwise none (Kubernetes picks).
    func nodePort(for published: Int) -> Int? {
        let range = NodePortRange.ports
        if range.contains(published), usedNodePorts.insert(published).inserted { return published }
        guard options.pinNodePorts,
            let port = NodePortRange.firstFree(from: range.lowerBound + published % range.count, taken: usedNodePorts)
        else { return nil }
        usedNodePorts.insert(port)
        return port
    }

    /// Points the Services of a component at other pods (a container that moved into another pod).
    func retargetServices(of component: String, to selector: [String: String]) {
        for (key, object) in objects {
            guard case .service(var service) = object, service.metadata.component == component else { continue }
            service.selector = selector
            objects[key] = .service(service)
        }
    }

    /// The Service named `name`, if a rule made one.
    func service(named name: String) -> ServiceObject? {
        if case .service(let service)? = objects["Service/\(name)"] { return service }
        return nil
    }

    /// Whether a rule made an object of `kind` named `name`.
    func hasObject(kind: String, named name: String) -> Bool {
        objects["\(kind)/\(name)"] != nil
    }

    /// Claims a route's host and path for `router`; the router that claimed it first, if one did
    /// (two Ingress rules for one host and path would race in the controller).
    func claimRoute(host: String?, path: String, exact: Bool, for router: String) -> String? {
        let key = "\(host ?? "*")|\(exact ? "=" : "")\(path)"
        if let owner = routeOwners[key] { return owner }
        routeOwners[key] = router
        return nil
    }

    /// The PersistentVolumeClaim named `name`, if a rule made one.
    func claim(named name: String) -> ClaimObject? {
        if case .claim(let claim)? = objects["PersistentVolumeClaim/\(name)"] { return claim }
        return nil
    }

    /// The ConfigMap or Secret named `name`, if a rule made one.
    func data(_ kind: DataObject.Kind, named name: String) -> DataObject? {
        if case .data(let data)? = objects["\(kind.rawValue)/\(name)"] { return data }
        return nil
    }

    /// Reports a finding about `path`, located where the user wrote it; the path counts as handled.
    func warn(_ message: String, path: String, subject: String? = nil) {
        var diagnostic = Diagnostic.warning(message, at: location(of: path), path: path)
        diagnostic.subject = subject
        diagnostics.append(diagnostic)
        consume(path)
        marks.mark(path, .reported)
    }

    /// Where the project file at `path` lies (`ProjectTree`); a link that leads outside is
    /// reported at `keyPath` here, so a caller only skips the file.
    func verdict(ofProjectFile path: String, at keyPath: String) -> ProjectTree.Verdict {
        let verdict = project.tree.verdict(path, files: files)
        if case .linkedOutside(let target) = verdict { warn(ProjectTree.linkWarning(path, target: target), path: keyPath) }
        return verdict
    }

    /// How to read a file outside the project tree (`--allow-read` its folder), or `otherwise`
    /// for a host path, which is never read.
    func outsideAdvice(_ path: String, otherwise: String) -> String {
        project.tree.allowingAdvice(for: path, home: project.variables["HOME"]) ?? otherwise
    }

    func fail(_ message: String, path: String) {
        diagnostics.append(.error(message, at: location(of: path), path: path))
    }

    func location(of path: String) -> SourceLocation? {
        for candidate in KeyPath.selfAndAncestors(of: path) where !candidate.isEmpty {
            if let location = project.locations[String(candidate)] { return location }
        }
        return nil
    }

    /// Whether `path`, one of its ancestors or one of its descendants was used or reported.
    func isHandled(_ path: String) -> Bool {
        marks.isRelated(path, to: .used)
    }

    /// The project's key paths no rule used or reported, in name order.
    var unhandledKeyPaths: [String] {
        marks.keyPaths.filter { !marks.isRelated(node: $0.node, to: .used) }.map(\.path).sorted()
    }

    /// Keys a rule used (with a parent: `consume("services.api.networks")`) that no rule owns
    /// (`KeyOwners`) and no diagnostic names: values nothing mapped, in name order. Only leaves
    /// count; a container is used through its keys.
    func usedKeyPathsWithoutOwner(serviceNames: ServiceNames) -> [(path: String, pattern: String)] {
        var patterns = KeyPatterns(serviceNames: serviceNames)
        var found: [(path: String, pattern: String)] = []
        for (path, node) in marks.keyPaths
        where marks.isLeaf(node: node) && marks.isRelated(node: node, to: .used) && !marks.isRelated(node: node, to: .reported) {
            if let pattern = patterns.pattern(of: path), !KeyOwners.owned.contains(pattern) { found.append((path, pattern)) }
        }
        return found.sorted { $0.path < $1.path }
    }

    /// What became of every key path of the project: `used` by a rule, or `reported` in a
    /// diagnostic (its own, an ancestor's or a descendant's). A key with neither would be silent.
    var coverage: [String: String] {
        var marks = marks
        for diagnostic in diagnostics { marks.mark(diagnostic.path, .reported) }
        var patterns = KeyPatterns(serviceNames: ServiceNames(project.services.map(\.name) + project.disabledServices))
        var result: [String: String] = [:]
        for (path, node) in marks.keyPaths {
            if marks.isRelated(node: node, to: .reported) {
                result[path] = "reported"
            } else if marks.isRelated(node: node, to: .used),
                // Extensions and keys outside the tree count as owned: their rules read them whole.
                !marks.isLeaf(node: node) || patterns.pattern(of: path).map(KeyOwners.owned.contains) ?? true
            {
                result[path] = "used"
            } else {
                result[path] = "silent"
            }
        }
        return result
    }

    /// Every object, in apply order: by kind rank, then workloads in dependency order, then name.
    var orderedObjects: [KubernetesObject] {
        let all = Array(objects.values) + workloads.values.map(KubernetesObject.workload)
        let keys = all.map { object in
            (rank: object.applyRank, position: graph.position(ofComponent: object.metadata.component ?? "") ?? Int.max, name: object.name)
        }
        return all.indices.sorted { (keys[$0].rank, keys[$0].position, keys[$0].name) < (keys[$1].rank, keys[$1].position, keys[$1].name) }
            .map { all[$0] }
    }
}
