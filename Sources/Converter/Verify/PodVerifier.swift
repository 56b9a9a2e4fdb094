/// What the API server and the kubelet check in one pod template: unique names, mounts that
/// have volumes, references to ConfigMaps, Secrets and claims that exist (with the keys a
/// `subPath` or `valueFrom` names), a ServiceAccount that exists, and waits on Services and
/// Jobs that exist and are not the pod itself.
struct PodVerifier {
    let pod: PodSpec
    let objects: [String: KubernetesObject]
    let external: Set<String>
    let claimTemplates: [ClaimObject]

    func problems(component: String?) -> [String] {
        var problems = nameProblems()
        let volumes = Dictionary(pod.volumes.map { ($0.name, $0.source) }, uniquingKeysWith: { first, _ in first })
        for volume in pod.volumes { problems += referenceProblems(volume) }
        for container in pod.initContainers + pod.containers {
            problems += mountProblems(container, volumes: volumes).map { "container \(container.name): \($0)" }
            problems += envProblems(container).map { "container \(container.name): \($0)" }
            problems += expansionProblems(container).map { "container \(container.name): \($0)" }
            if ObjectNames.isWait(container) { problems += waitProblems(container, component: component) }
        }
        if let account = pod.serviceAccountName, account != "default", objects["ServiceAccount/\(account)"] == nil {
            problems.append("ServiceAccount \(account) does not exist")
        }
        return problems
    }

    private func nameProblems() -> [String] {
        var problems: [String] = []
        var containers = Set<String>()
        for container in pod.initContainers + pod.containers {
            if !NameSyntax.isLabel(container.name) { problems.append("container name \"\(container.name)\" is invalid") }
            if !containers.insert(container.name).inserted { problems.append("two containers are named \(container.name)") }
        }
        var volumes = Set<String>()
        for volume in pod.volumes {
            if !NameSyntax.isLabel(volume.name) { problems.append("volume name \"\(volume.name)\" is invalid") }
            if !volumes.insert(volume.name).inserted { problems.append("two volumes are named \(volume.name)") }
        }
        if pod.dnsSearches.contains(where: \.isEmpty) { problems.append("an empty DNS search domain") }
        return problems
    }

    /// The keys a ConfigMap or Secret holds, nil when it is external (keys unknown) or missing.
    private func keys(kind: String, name: String) -> Set<String>? {
        guard case .data(let data)? = objects["\(kind)/\(name)"] else { return nil }
        return Set(data.data.keys)
    }

    /// Whether the object holds `key`; nil when the object is not among the output (external).
    /// One lookup: the project Secret holds a key per sensitive value of every service.
    private func holds(kind: String, name: String, key: String) -> Bool? {
        guard case .data(let data)? = objects["\(kind)/\(name)"] else { return nil }
        return data.data[key] != nil
    }

    private func exists(kind: String, name: String) -> Bool {
        objects["\(kind)/\(name)"] != nil || external.contains("\(kind)/\(name)")
    }

    private func referenceProblems(_ volume: PodVolume) -> [String] {
        switch volume.source {
        case .configMap(let name, let items, _), .secret(let name, let items, _):
            let kind = volume.source.isSecret ? "Secret" : "ConfigMap"
            guard exists(kind: kind, name: name) else { return ["volume \(volume.name) refers to \(kind) \(name), which does not exist"] }
            return items.filter { holds(kind: kind, name: name, key: $0.key) == false }.map {
                "volume \(volume.name) names key \($0.key), which \(kind) \(name) lacks"
            }
        case .persistentVolumeClaim(let claim):
            let known = exists(kind: "PersistentVolumeClaim", name: claim) || claimTemplates.contains { $0.metadata.name == claim }
            return known ? [] : ["volume \(volume.name) refers to PersistentVolumeClaim \(claim), which does not exist"]
        case .emptyDir, .hostPath, .serviceAccountToken:
            return []
        }
    }

    private func mountProblems(_ container: Container, volumes: [String: PodVolume.Source]) -> [String] {
        var problems: [String] = []
        var paths = Set<String>()
        let claimNames = Set(claimTemplates.map(\.metadata.name))
        for mount in container.volumeMounts {
            if !paths.insert(mount.mountPath).inserted { problems.append("two mounts at \(mount.mountPath)") }
            guard let source = volumes[mount.name] else {
                if !claimNames.contains(mount.name) {
                    problems.append("mount \(mount.mountPath) uses volume \(mount.name), which the pod lacks")
                }
                continue
            }
            guard let subPath = mount.subPath else { continue }
            switch source {
            case .configMap(let name, let items, _), .secret(let name, let items, _):
                let kind = source.isSecret ? "Secret" : "ConfigMap"
                let available = items.isEmpty ? keys(kind: kind, name: name) : Set(items.map(\.path))
                if let available, !available.contains(subPath) {
                    problems.append("mount \(mount.mountPath) takes \(subPath) from volume \(mount.name), which has no such file")
                }
            default: break
            }
        }
        return problems
    }

    private func envProblems(_ container: Container) -> [String] {
        var problems: [String] = []
        for source in container.envFrom {
            let kind = source.kind == .secret ? "Secret" : "ConfigMap"
            if !exists(kind: kind, name: source.name) { problems.append("envFrom refers to \(kind) \(source.name), which does not exist") }
        }
        for variable in container.env {
            guard let reference = variable.reference else { continue }
            let kind = reference.kind.rawValue
            if !exists(kind: kind, name: reference.name) {
                problems.append("\(variable.name) refers to \(kind) \(reference.name), which does not exist")
            } else if holds(kind: kind, name: reference.name, key: reference.key) == false {
                problems.append("\(variable.name) refers to key \(reference.key), which \(kind) \(reference.name) lacks")
            }
        }
        return problems
    }

    /// Every `$(NAME)` the kubelet would expand in command and args names one of the container's
    /// variables; any other `$` was doubled to reach the program as written (`KubeletText`).
    private func expansionProblems(_ container: Container) -> [String] {
        var known = Set(container.env.map(\.name))
        for source in container.envFrom {
            guard let keys = keys(kind: source.kind == .secret ? "Secret" : "ConfigMap", name: source.name) else { return [] }
            known.formUnion(keys)
        }
        return (container.command + container.args).flatMap(Self.expandedNames).filter { !known.contains($0) }.map {
            "$(\($0)) in its command or args is no variable of the container"
        }
    }

    /// The names in `$(NAME)` references the kubelet expands (`$$` is a literal `$`).
    /// Read by bytes: `$`, `(` and `)` are ASCII, never part of another character's UTF-8.
    static func expandedNames(_ text: String) -> [String] {
        var names: [String] = []
        let bytes = text.utf8
        var rest = bytes[...]
        while let dollar = rest.firstIndex(of: UInt8(ascii: "$")) {
            rest = rest[bytes.index(after: dollar)...]
            if rest.first == UInt8(ascii: "$") {
                rest = rest.dropFirst()
            } else if rest.first == UInt8(ascii: "("), let close = rest.firstIndex(of: UInt8(ascii: ")")) {
                let name = String(Substring(rest[bytes.index(after: rest.startIndex)..<close]))
                if NameSyntax.isEnvName(name) { names.append(name) }
                rest = rest[bytes.index(after: close)...]
            }
        }
        return names
    }

    /// A wait must target a Service (on one of its ports) or a Job that exists, never its own pod.
    private func waitProblems(_ container: Container, component: String?) -> [String] {
        let script = container.command.last ?? ""
        if let job = WaitScript.awaitedJob(by: container) {
            return objects["Job/\(job)"] == nil ? ["\(container.name) waits for Job \(job), which does not exist"] : []
        }
        guard let (host, port) = WaitScript.awaitedService(in: script) else { return ["\(container.name) waits on nothing it names"] }
        guard case .service(let service)? = objects["Service/\(host)"] else {
            return ["\(container.name) waits on Service \(host), which does not exist"]
        }
        var problems: [String] = []
        if service.metadata.component == component { problems.append("\(container.name) waits on its own pod") }
        if let port, !service.ports.contains(where: { $0.port == port }) {
            problems.append("\(container.name) waits on port \(port), which Service \(host) lacks")
        }
        return problems
    }
}

extension PodVolume.Source {
    var isSecret: Bool {
        if case .secret = self { return true }
        return false
    }
}
