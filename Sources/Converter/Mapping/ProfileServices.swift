/// Profiles as settings of an output: the services every profile offers, which profiles were
/// active at conversion, and the variants (one service offered by several profiles, such as a
/// CPU, an NVIDIA and an AMD form) of which only one may run.
package struct ProfileServices: Sendable {
    /// Services of different profiles that Compose reaches under one name, or whose names differ
    /// only by a `-cpu`/`-gpu`/vendor suffix (`auto` and `auto-cpu`; `ollama-nvidia`,
    /// `ollama-rocm` and `ollama-cpu`).
    package struct Variants: Equatable, Sendable {
        package struct Member: Equatable, Sendable {
            package var service: String
            /// The vendor of the GPU it reserves; nil when it runs on CPU.
            package var vendor: GPU.Vendor?
        }

        /// NVIDIA's first, then AMD's and Intel's, then the CPU ones; within each, those named for
        /// their hardware first (`-cpu`, `-amd`), then by name.
        package var members: [Member]

        package var services: [String] { members.map(\.service) }

        /// Whether the members run on different hardware (a CPU and a GPU form, or two vendors').
        package var differByHardware: Bool { Set(members.map { $0.vendor?.rawValue ?? "" }).count > 1 }

        package var vendors: [GPU.Vendor] { GPU.Vendor.allCases.filter { vendor in members.contains { $0.vendor == vendor } } }

        /// The member to run on `hardware`: its vendor's (NVIDIA's first for any GPU), else the CPU
        /// one for a vendor the group does not offer; nil when the group has neither.
        package func member(for hardware: Hardware) -> String? {
            switch hardware {
            case .cpu: return members.first { $0.vendor == nil }?.service
            case .gpu: return members.first { $0.vendor != nil }?.service
            case .vendor(let vendor):
                return (members.first { $0.vendor == vendor } ?? members.first { $0.vendor == nil })?.service
            }
        }
    }

    /// What a values file runs the project on.
    package enum Hardware: Equatable, Sendable {
        /// No GPU anywhere.
        case cpu
        /// Every GPU asked for; where variants offer several vendors, NVIDIA's.
        case gpu
        /// One vendor's GPUs: that vendor's variants, the CPU variant where none is that vendor's.
        case vendor(GPU.Vendor)
    }

    /// Profiles active at conversion, in name order.
    package var active: [String]
    /// Every profile some service names, in name order.
    package var all: [String]
    /// Each service's profiles, by compose name; services in every selection are absent.
    package var profilesOf: [String: [String]]
    package var variants: [Variants]
    /// Objects only services of inactive profiles made (`Kind/name`), with those services.
    package var inactiveObjects: [String: [String]]
    /// Keys of the project Secret only services of inactive profiles read, with those services
    /// (compose names).
    package var inactiveSecretKeys: [String: [String]]

    /// The variants `service` is one of, if any.
    package func variants(of service: String) -> Variants? {
        variants.first { $0.services.contains(service) }
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
            variants: Self.variants(everything, bothActive: selected), inactiveObjects: inactiveObjects, inactiveSecretKeys: inactiveKeys)
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

    /// Services of disjoint profiles sharing a reachable name or differing by a variant suffix,
    /// grouped; never two in one group that were both selected (they ran side by side).
    private static func variants(_ everything: ConversionResult, bothActive selected: Set<String>) -> [ProfileServices.Variants] {
        let nodes = everything.graph.nodes.filter { !$0.service.profiles.isEmpty }
        var vendors: [String: GPU.Vendor] = [:]
        for case .workload(let workload) in everything.objects where workload.runsContainerOf == nil {
            vendors[workload.lookupName] = workload.pod.containers.lazy.compactMap(GPU.vendor(of:)).first
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
        // Each service starts alone; a pair that answers to one name, or whose names differ by a
        // variant word (`auto` and `auto-cpu`), joins their groups unless that would put two
        // selected services or two services of one profile in a group.
        var groupOf = Dictionary(uniqueKeysWithValues: nodes.enumerated().map { ($0.element.name, $0.offset) })
        var groups = nodes.map { [$0] }
        for (index, first) in nodes.enumerated() {
            for second in nodes[(index + 1)...] {
                let sameStem = (stem(first.name) != first.name || stem(second.name) != second.name) && stem(first.name) == stem(second.name)
                guard sameStem || !names(first.service).isDisjoint(with: names(second.service)),
                    let one = groupOf[first.name], let other = groupOf[second.name], one != other
                else { continue }
                let joined = groups[one] + groups[other]
                let profiles = joined.flatMap(\.service.profiles)
                guard Set(profiles).count == profiles.count, joined.filter({ selected.contains($0.name) }).count <= 1 else { continue }
                groups[one] = joined
                groups[other] = []
                for node in joined { groupOf[node.name] = one }
            }
        }
        // By vendor, then the ones named for it (`ollama-cpu` before `ollama-amd` among CPU ones), then by name.
        let order = { (member: ProfileServices.Variants.Member) in
            let vendor = member.vendor.flatMap { GPU.Vendor.allCases.firstIndex(of: $0) } ?? GPU.Vendor.allCases.count
            let words = member.vendor.map { [$0.rawValue, "gpu", "cuda", "rocm", "xpu"] } ?? ["cpu"]
            return (vendor, words.contains { member.service.hasSuffix($0) } ? 0 : 1, member.service)
        }
        return groups.filter { $0.count > 1 }.map { group in
            let members = group.map { ProfileServices.Variants.Member(service: $0.name, vendor: vendors[$0.service.kubernetesName]) }
            return .init(members: members.sorted { order($0) < order($1) })
        }
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
