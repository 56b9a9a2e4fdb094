/// Profiles as settings of an output: the services every profile offers, which profiles were
/// active at conversion, and the twins (one service offered by two profiles, such as a CPU and
/// a GPU variant) of which only one may run.
package struct ProfileServices: Sendable {
    /// Two services of different profiles that Compose reaches under one name, or whose names
    /// differ only by a `-cpu`/`-gpu`/vendor suffix (`auto` and `auto-cpu`, `ollama-rocm` and `ollama-cpu`).
    package struct Twin: Equatable, Sendable {
        /// The one that reserves an NVIDIA GPU, when exactly one does; else in name order.
        package var gpu: String
        package var cpu: String
        /// Whether `gpu` reserves a GPU and `cpu` does not.
        package var differsByGPU: Bool
    }

    /// Profiles active at conversion, in name order.
    package var active: [String]
    /// Every profile some service names, in name order.
    package var all: [String]
    /// Each service's profiles, by compose name; services in every selection are absent.
    package var profilesOf: [String: [String]]
    package var twins: [Twin]
    /// Objects only services of inactive profiles made (`Kind/name`), with those services.
    package var inactiveObjects: [String: [String]]
    /// Keys of the project Secret only services of inactive profiles read, with those services
    /// (compose names).
    package var inactiveSecretKeys: [String: [String]]

    /// The twin of `service`, if it has one.
    package func twin(of service: String) -> Twin? {
        twins.first { $0.gpu == service || $0.cpu == service }
    }
}

extension ConversionResult {
    /// This result with the services its profile selection left out added from `everything`
    /// (the same project converted with every profile active): their objects, graph nodes,
    /// facts and diagnostics, and their keys of the project Secret. `profiles` says which
    /// service needs which profile. `locations` (the project's, with every profile) places what
    /// the merge itself reports.
    package func addingProfileServices(
        from everything: ConversionResult, active: Set<String>, locations: KeyLocations = [:]
    ) -> ConversionResult {
        var merged = self
        let selected = Set(graph.nodes.map(\.name))
        let extraServices = everything.graph.nodes.map(\.name).filter { !selected.contains($0) }
        var present = Set(objects.map { "\($0.kind)/\($0.name)" })
        let selectedObjects = present
        var inactiveObjects: [String: [String]] = [:]
        let everythingByKey = Dictionary(everything.objects.map { ("\($0.kind)/\($0.name)", $0) }, uniquingKeysWith: { first, _ in first })
        var nodePorts = NodePorts(taken: objects)
        for service in extraServices {
            for key in everything.report[service] ?? [] where !selectedObjects.contains(key) {
                inactiveObjects[key, default: []].append(service)
                guard !present.contains(key), var object = everythingByKey[key] else { continue }
                if case .service(var serviceObject) = object {
                    merged.diagnostics += nodePorts.claim(&serviceObject, for: service, locations: locations)
                    object = .service(serviceObject)
                }
                merged.objects.append(object)
                present.insert(key)
            }
            merged.report[service] = everything.report[service]
        }
        let secretName = ObjectNames.projectSecret(of: project.name)
        var inactiveKeys: [String: [String]] = [:]
        if case .data(let all)? = everythingByKey["Secret/\(secretName)"] {
            let index = merged.objects.firstIndex { $0.kind == "Secret" && $0.name == secretName }
            var secret: DataObject
            if let index, case .data(let existing) = merged.objects[index] {
                secret = existing
            } else {
                secret = all
                secret.data = [:]
            }
            let readers = Self.secretReaders(everything, secret: secretName)
            for (key, value) in all.data where secret.data[key] == nil {
                secret.data[key] = value
                if all.shellKeys.contains(key) { secret.shellKeys.insert(key) }
                inactiveKeys[key] = (readers[key] ?? []).sorted()
            }
            if let index { merged.objects[index] = .data(secret) } else if !inactiveKeys.isEmpty { merged.objects.append(.data(secret)) }
        }
        // What the conversion found in the added services is reported like the rest, and they are
        // no longer "not converted".
        let extra = Set(extraServices)
        merged.diagnostics.removeAll { diagnostic in
            diagnostic.message.hasSuffix(UnconvertedKeysRule.inactiveProfile)
                && extra.contains(String(diagnostic.path.dropFirst("services.".count)))
        }
        merged.diagnostics += everything.diagnostics.filter { diagnostic in
            let parts = diagnostic.path.split(separator: ".", maxSplits: 2)
            return parts.count >= 2 && parts[0] == "services" && extra.contains(String(parts[1]))
        }
        merged.graph = everything.graph
        merged.project = everything.project
        merged.profiles = ProfileServices(
            active: active.sorted(), all: Set(everything.graph.nodes.flatMap(\.service.profiles)).sorted(),
            profilesOf: Dictionary(
                everything.graph.nodes.filter { !$0.service.profiles.isEmpty }.map { ($0.name, $0.service.profiles.sorted()) },
                uniquingKeysWith: { first, _ in first }),
            twins: Self.twins(everything, bothActive: selected), inactiveObjects: inactiveObjects, inactiveSecretKeys: inactiveKeys)
        return merged
    }

    /// The compose services reading each key of the project Secret.
    private static func secretReaders(_ result: ConversionResult, secret: String) -> [String: Set<String>] {
        var readers: [String: Set<String>] = [:]
        for case .workload(let workload) in result.objects {
            let service = workload.runsContainerOf ?? result.graph.node(component: workload.lookupName)?.name ?? workload.lookupName
            for container in workload.pod.containers + workload.pod.initContainers {
                for variable in container.env {
                    guard let reference = variable.reference, reference.name == secret else { continue }
                    readers[reference.key, default: []].insert(service)
                }
            }
        }
        return readers
    }

    /// The words that name a hardware variant at the end of a service name.
    static let variantWords = ["cpu", "gpu", "cuda", "nvidia", "rocm", "amd", "intel", "xpu"]

    /// Services of disjoint profiles sharing a reachable name or differing by a variant suffix;
    /// never two that were both selected (they ran side by side).
    private static func twins(_ everything: ConversionResult, bothActive selected: Set<String>) -> [ProfileServices.Twin] {
        let nodes = everything.graph.nodes.filter { !$0.service.profiles.isEmpty }
        var usesGPU: [String: Bool] = [:]
        for case .workload(let workload) in everything.objects where workload.runsContainerOf == nil {
            usesGPU[workload.lookupName] = workload.pod.containers.contains { GPU.limit(of: $0) != nil }
        }
        func names(_ service: Service) -> Set<String> {
            var names = Set(service.networks.flatMap(\.aliases))
            if let container = service.runtime.containerName { names.insert(container) }
            return names
        }
        func stem(_ name: String) -> String {
            for word in Self.variantWords {
                for suffix in ["-" + word, "_" + word] where name.hasSuffix(suffix) { return String(name.dropLast(suffix.count)) }
            }
            return name
        }
        var candidates: [(twin: ProfileServices.Twin, rank: Int)] = []
        for (index, first) in nodes.enumerated() {
            for second in nodes[(index + 1)...] {
                guard Set(first.service.profiles).isDisjoint(with: second.service.profiles),
                    !(selected.contains(first.name) && selected.contains(second.name))
                else { continue }
                // `auto` and `auto-cpu`, or `app-gpu` and `app-cpu`: one name at least carries a variant word.
                let sameStem = (stem(first.name) != first.name || stem(second.name) != second.name) && stem(first.name) == stem(second.name)
                guard sameStem || !names(first.service).isDisjoint(with: names(second.service)) else { continue }
                let firstGPU = usesGPU[first.service.kubernetesName] ?? false
                let secondGPU = usesGPU[second.service.kubernetesName] ?? false
                let (gpu, cpu) = secondGPU && !firstGPU ? (second.name, first.name) : (first.name, second.name)
                // Closer twins first: differing by a GPU, answering to one name, the CPU one named so.
                let sharesName = !names(first.service).isDisjoint(with: names(second.service))
                let rank = (firstGPU != secondGPU ? 4 : 0) + (sharesName ? 2 : 0) + (cpu.hasSuffix("cpu") ? 1 : 0)
                candidates.append((.init(gpu: gpu, cpu: cpu, differsByGPU: firstGPU != secondGPU), rank))
            }
        }
        // A service pairs once, with its closest twin (ollama-gpu with ollama-cpu, not ollama-amd).
        var twins: [ProfileServices.Twin] = []
        var paired = Set<String>()
        for (twin, _) in candidates.enumerated().sorted(by: { ($0.element.rank, -$0.offset) > ($1.element.rank, -$1.offset) }).map(\.element)
        where !paired.contains(twin.gpu) && !paired.contains(twin.cpu) {
            twins.append(twin)
            paired.formUnion([twin.gpu, twin.cpu])
        }
        return twins
    }
}

/// The nodePorts a chart's Services use. The services added from other profiles were converted
/// apart from the selected ones, so a nodePort of theirs may already be a selected Service's;
/// such a port moves to the next free one, or the API server would refuse the second Service
/// when the profile is turned on.
private struct NodePorts {
    private var taken: Set<Int>

    init(taken objects: [KubernetesObject]) {
        taken = Set(
            objects.flatMap { object -> [Int] in if case .service(let service) = object { service.ports.compactMap(\.nodePort) } else { [] }
            })
    }

    /// Gives each nodePort of `object` a port no other Service has, and says which moved (at
    /// the service's `ports` in `locations`).
    mutating func claim(_ object: inout ServiceObject, for service: String, locations: KeyLocations) -> [Diagnostic] {
        let path = "services.\(service).ports"
        var moved: [Diagnostic] = []
        for index in object.ports.indices {
            guard let wanted = object.ports[index].nodePort else { continue }
            let port = NodePortRange.firstFree(from: wanted, taken: taken) ?? wanted
            taken.insert(port)
            guard port != wanted else { continue }
            object.ports[index].nodePort = port
            moved.append(
                .warning(
                    "nodePort \(wanted) is another Service's in the chart, so Service \(object.metadata.name) gets \(port) when its profile is turned on",
                    at: locations[path], path: path))
        }
        return moved
    }
}
