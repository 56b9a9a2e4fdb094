import Converter

/// A kustomize layout: `base/` (the manifests without secret values, CPU only, with an `images:`
/// entry per image so `kustomize edit set image` works), `secrets/` (a component generating the
/// Secrets from files convert writes, see `KustomizeSecrets`), `overlays/local` (pull policy for
/// locally built images, NodePorts for published ports) and `overlays/gpu` (GPU limits, node
/// selector, toleration); both overlays include the secrets.
public enum KustomizeEmitter {
    /// The objects `kubectl kustomize base` gives: the conversion in its CPU form, without Secrets.
    public static func baseObjects(_ result: ConversionResult) -> [KubernetesObject] {
        result.objects.filter { !isSecret($0) }.map { GPUVariants.cpuOnly($0, placement: result.gpuPlacement) }
    }

    private static func isSecret(_ object: KubernetesObject) -> Bool {
        if case .data(let data) = object { data.kind == .secret } else { false }
    }

    public static func files(_ result: ConversionResult, namespace: String?) -> [GeneratedFile] {
        let base = baseObjects(result)
        let generated = base.compactMap { object -> DataObject? in
            if case .data(let data) = object, ObjectNames.isEnvironment(data), data.kind == .configMap { data } else { nil }
        }
        let generatedNames = Set(generated.map(\.metadata.name))
        let resources = base.filter { !($0.kind == "ConfigMap" && generatedNames.contains($0.name)) }
        var files = resources.map { GeneratedFile(path: "base/\($0.fileName)", contents: ManifestWriter.yaml($0.manifest)) }
        let (generators, generatorFiles) = KustomizeGenerators.configMaps(generated)
        files += generatorFiles.map { GeneratedFile(path: "base/\($0.path)", contents: $0.contents) }
        files.append(
            GeneratedFile(
                path: "base/kustomization.yaml",
                contents: ManifestWriter.yaml(
                    baseKustomization(resources, generators: generators, project: result.project.name, namespace: namespace))))
        let secrets = result.objects.compactMap { object -> DataObject? in
            if case .data(let data) = object, data.kind == .secret { data } else { nil }
        }
        files += KustomizeSecrets.files(secrets, namespace: namespace)
        files += overlay("local", patches: localPatches(result), withSecrets: !secrets.isEmpty)
        files += overlay("gpu", patches: gpuPatches(result), withSecrets: !secrets.isEmpty)
        return files
    }

    private static func baseKustomization(_ objects: [KubernetesObject], generators: [Manifest], project: String, namespace: String?)
        -> Manifest
    {
        let images = Set(objects.flatMap(containers).map(\.image)).sorted().map(imageEntry)
        return .object([
            ("apiVersion", .string("kustomize.config.k8s.io/v1beta1")), ("kind", .string("Kustomization")),
            ("namespace", namespace.map(Manifest.string)),
            (
                "labels",
                .list([
                    .object([
                        (
                            "pairs",
                            .sorted([
                                "app.kubernetes.io/part-of": KubernetesName.dns1123(project),
                                "app.kubernetes.io/managed-by": "compose2kube",
                            ])
                        ),
                        ("includeSelectors", .bool(false)),
                    ])
                ])
            ),
            ("resources", .strings(objects.map(\.fileName))),
            ("configMapGenerator", generators.isEmpty ? nil : .list(generators)),
            ("images", .list(images)),
        ])
    }

    /// `name` and `newTag` of an image reference (`registry:5000/app:1.2` → `registry:5000/app`, `1.2`).
    static func imageEntry(_ image: String) -> Manifest {
        let (name, tag) = splitImage(image)
        return .object([("name", .string(name)), ("newTag", tag.map(Manifest.string))])
    }

    static func splitImage(_ image: String) -> (String, String?) {
        if image.contains("@") { return (image, nil) }
        guard let colon = image.lastIndex(of: ":"), !image[colon...].contains("/") else { return (image, nil) }
        return (String(image[..<colon]), String(image[image.index(after: colon)...]))
    }

    private static func containers(_ object: KubernetesObject) -> [Container] {
        guard case .workload(let workload) = object else { return [] }
        return workload.pod.containers
    }

    private static func overlay(_ name: String, patches: [(String, Manifest)], withSecrets: Bool) -> [GeneratedFile] {
        let kustomization: Manifest = .object([
            ("apiVersion", .string("kustomize.config.k8s.io/v1beta1")), ("kind", .string("Kustomization")),
            ("resources", .strings(["../../base"])),
            ("components", withSecrets ? .strings(["../../\(KustomizeSecrets.folder)"]) : nil),
            ("patches", .list(patches.map { .object([("path", .string("patches/\($0.0)"))]) })),
        ])
        return [GeneratedFile(path: "overlays/\(name)/kustomization.yaml", contents: ManifestWriter.yaml(kustomization))]
            + patches.map { GeneratedFile(path: "overlays/\(name)/patches/\($0.0)", contents: ManifestWriter.yaml($0.1)) }
    }

    /// Locally built images are not pulled (`Never` for compose's own `<project>-<service>` names,
    /// `IfNotPresent` for built images with a name), and published ports are NodePorts.
    private static func localPatches(_ result: ConversionResult) -> [(String, Manifest)] {
        var patches: [(String, Manifest)] = []
        for case .workload(let workload) in result.objects {
            let service = result.project.service(component: workload.metadata.component ?? "")
            guard let build = service?.build, let container = workload.container else { continue }
            let policy = build.namedImage ? "IfNotPresent" : "Never"
            let patch = containerPatch(
                workload, container: .object([("name", .string(container.name)), ("imagePullPolicy", .string(policy))]))
            patches.append(("\(workload.metadata.name)-\(workload.kind.rawValue.lowercased())-pull-policy.yaml", patch))
        }
        for case .service(let service) in result.objects
        where service.ports.contains(where: { $0.nodePort != nil }) || publishes(service, result: result) {
            patches.append(
                (
                    "\(service.metadata.name)-service-nodeport.yaml",
                    .object([
                        ("apiVersion", .string("v1")), ("kind", .string("Service")),
                        ("metadata", .object([("name", .string(service.metadata.name))])),
                        ("spec", .object([("type", .string("NodePort"))])),
                    ])
                ))
        }
        return patches
    }

    private static func publishes(_ service: ServiceObject, result: ConversionResult) -> Bool {
        result.project.service(component: service.metadata.name)?.publishedPorts.contains(where: \.beyondLoopback) ?? false
    }

    private static func gpuPatches(_ result: ConversionResult) -> [(String, Manifest)] {
        result.objects.compactMap { object -> (String, Manifest)? in
            guard case .workload(let workload) = object, GPUVariants.usesGPU(workload) else { return nil }
            let containers = workload.pod.containers.compactMap { container -> Manifest? in
                guard let count = container.resources.limit(GPU.resource) else { return nil }
                return .object([
                    ("name", .string(container.name)), ("resources", .object([("limits", .object([(GPU.resource, .string(count))]))])),
                ])
            }
            let pod: Manifest = .object([
                ("runtimeClassName", result.gpuPlacement.runtimeClassName.map(Manifest.string)),
                ("nodeSelector", .sorted(result.gpuPlacement.nodeSelector)), ("tolerations", .list([GPU.toleration])),
                ("containers", .list(containers)),
            ])
            return ("\(workload.metadata.name)-\(workload.kind.rawValue.lowercased())-gpu.yaml", podPatch(workload, pod: pod))
        }
    }

    private static func containerPatch(_ workload: Workload, container: Manifest) -> Manifest {
        podPatch(workload, pod: .object([("containers", .list([container]))]))
    }

    /// A strategic-merge patch reaching the pod spec of any workload kind.
    private static func podPatch(_ workload: Workload, pod: Manifest) -> Manifest {
        var spec: Manifest = .object([("template", .object([("spec", pod)]))])
        if workload.kind == .cronJob { spec = .object([("jobTemplate", .object([("spec", spec)]))]) }
        return .object([
            ("apiVersion", .string(workload.kind.apiVersion)), ("kind", .string(workload.kind.rawValue)),
            ("metadata", .object([("name", .string(workload.metadata.name))])), ("spec", spec),
        ])
    }
}
