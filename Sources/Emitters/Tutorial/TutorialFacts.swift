import Converter
import EmitterTemplates

/// The pieces of the tutorial, each read off the conversion.
struct TutorialFacts {
    let result: ConversionResult
    let options: TutorialOptions

    var project: ProjectFacts { result.project }

    var projectName: String { KubernetesName.dns1123(project.name) }
    var namespaceFlag: String { options.namespace.map { " -n \($0)" } ?? "" }

    var workloads: [Workload] {
        result.objects.compactMap { if case .workload(let workload) = $0 { workload } else { nil } }
    }

    var summary: String {
        let counts = Dictionary(grouping: workloads, by: \.kind.rawValue).mapValues(\.count)
        let kinds = counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)\($0.value == 1 ? "" : "s")" }.joined(separator: ", ")
        let removed = result.graph.removed.map { "`\($0.service)` is not deployed (\($0.reason))." }
        return
            (["The \(result.graph.nodes.count) compose services become \(kinds), with \(result.objects.count) objects in all."] + removed)
            .joined(separator: " ")
            + " The diagram shows who waits for whom (the compose condition on each arrow) and which volumes each service uses."
    }

    var mappingRows: String {
        var rows: [String] = []
        for node in result.graph.nodes {
            let objects = (result.report[node.name] ?? []).map { "`\($0)`" }.joined(separator: ", ")
            rows.append("| `services.\(node.name)` | \(objects) | \(node.reason) |")
        }
        for (service, reason) in result.graph.removed { rows.append("| `services.\(service)` | (none) | \(reason) |") }
        for (volume, users) in result.graph.volumeUsers.sorted(by: { $0.key < $1.key }) {
            let shared =
                users.count > 1
                ? "shared by \(users.joined(separator: ", ")), so ReadWriteMany" : "used by \(users.joined(separator: ", "))"
            rows.append(
                "| `volumes.\(volume)` | `PersistentVolumeClaim/\(KubernetesName.dns1123(volume))` | one claim per named volume, \(shared) |"
            )
        }
        return rows.joined(separator: "\n")
    }

    func warnings(_ diagnostics: [Diagnostic]) -> String {
        guard !diagnostics.isEmpty else { return "None: every setting of this project was converted." }
        return diagnostics.map { diagnostic in
            let place = diagnostic.location.map { " (\(relative($0.file))\($0.line > 0 ? ":\($0.line)" : ""))" } ?? ""
            let message = diagnostic.message.replacingOccurrences(of: projectFolderPrefix, with: "")
            return "- `\(diagnostic.path.isEmpty ? "project" : diagnostic.path)`\(place): \(message)"
        }.joined(separator: "\n")
    }

    /// The project folder with a trailing slash, taken out of messages so the guide reads the same anywhere.
    var projectFolderPrefix: String {
        project.folderPrefix
    }

    func relative(_ path: String) -> String {
        let base = project.folderPrefix
        if path == project.workingDirectory { return "." }
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }

    /// Services built from source: their image name and how compose built it.
    var builtImages: [(service: String, image: String, build: ProjectFacts.BuildFacts)] {
        result.graph.nodes.compactMap { node in
            let component = KubernetesName.dns1123(node.name)
            guard let build = project.services[node.name]?.build,
                let workload = workloads.first(where: { $0.lookupName == component }),
                let image = workload.container?.image
            else { return nil }
            return (node.name, image, build)
        }
    }

    /// `docker build` with what compose passed: the Dockerfile, the target stage and the build
    /// arguments (a secret one by name only, taken from your shell, never printed).
    func buildCommand(_ build: ProjectFacts.BuildFacts, image: String) -> String {
        var words = ["docker build -t \(image)"]
        if let inline = build.dockerfileInline, !inline.isEmpty {
            words.append("-f - <<'DOCKERFILE'")
        } else if build.dockerfile != "Dockerfile" {
            let dockerfile = build.dockerfile.hasPrefix("/") ? build.dockerfile : "\(build.context)/\(build.dockerfile)"
            words.append("-f \(ShellQuote.word(relative(dockerfile)))")
        }
        if let target = build.target { words.append("--target \(ShellQuote.word(target))") }
        for argument in build.args {
            let (key, value) = (argument.key, argument.value)
            guard let value, !SensitiveSetting.isSensitive(key: key, value: value) else {
                words.append("--build-arg \(key)")
                continue
            }
            words.append("--build-arg \(ShellQuote.word("\(key)=\(value)"))")
        }
        words.append(relative(build.context))
        let command = words.joined(separator: " ")
        guard let inline = build.dockerfileInline, !inline.isEmpty else { return command }
        return command + "\n" + inline + (inline.hasSuffix("\n") ? "" : "\n") + "DOCKERFILE"
    }

    func buildSteps() throws -> String {
        let images = builtImages
        guard !images.isEmpty else { return "Every image comes from a registry: there is nothing to build." }
        var lines = ["Build the images Compose built for you:", "", "```sh"]
        var built = Set<String>()
        for (_, image, build) in images where built.insert(image).inserted {
            lines.append(buildCommand(build, image: image))
        }
        switch options.cluster {
        case .kind: lines += images.map { "kind load docker-image \($0.image) --name \(projectName)" }
        case .minikube: lines += images.map { "minikube image load \($0.image)" }
        case .dockerDesktop: break
        case .generic: lines += images.flatMap { ["docker tag \($0.image) REGISTRY/\($0.image)", "docker push REGISTRY/\($0.image)"] }
        }
        lines.append("```")
        if options.cluster == .generic {
            lines.append("\n" + (try note("registry")))
        }
        lines.append("\n" + (try note("pull-policy")))
        for (service, _, build) in images where !build.heavyEntries.isEmpty {
            let entries = build.heavyEntries.map { "`\($0)`" }.joined(separator: ", ")
            lines.append("\n" + (try note("dockerignore", ["service": service, "context": relative(build.context), "entries": entries])))
        }
        return lines.joined(separator: "\n")
    }

    /// What GPU services need from the cluster (each vendor's device plugin, how to see a node's
    /// GPUs, how an admin shares them), or how to run without GPUs on a local one.
    func gpuNote() throws -> String {
        let gpuWorkloads = workloads.filter(GPUVariants.usesGPU)
        guard !gpuWorkloads.isEmpty else { return "" }
        let resources = Set(gpuWorkloads.flatMap { $0.pod.containers.compactMap { GPU.limit(of: $0)?.resource } }).sorted()
        let vendors = GPU.Vendor.allCases.filter { vendor in resources.contains { GPU.Vendor(resource: $0) == vendor } }
        let values = [
            "services": gpuWorkloads.map { "`\($0.metadata.name)`" }.joined(separator: ", "), "clusterName": options.cluster.displayName,
            "outputFolder": options.outputFolder, "resources": resources.map { "`\($0)`" }.joined(separator: ", "),
            "plugins": vendors.map(GPUNotes.plugin).joined(separator: "\n"),
            "columns": vendors.map(GPUNotes.column).joined(), "sharing": GPUNotes.sharing(vendors),
            "nvidiaPlacement": vendors.contains(.nvidia) ? GPUNotes.nvidiaPlacement : "",
            "cpuForm": cpuForm,
        ]
        return try note(options.cluster == .generic ? "gpu-cluster" : "gpu-local", values)
    }

    /// How this guide's commands deploy the CPU form on a local cluster.
    private var cpuForm: String {
        switch options.format {
        case .manifests: return "the manifests are converted with `--cpu-only`"
        case .kustomize: return "`overlays/local` is built on the base, which has no GPU limits (`overlays/gpu` adds them)"
        case .helm: return "the chart is installed with `values-cpu.yaml`"
        }
    }

    /// NodePort Services' ports with a fixed nodePort, and the host port compose published.
    var nodePorts: [(service: String, nodePort: Int, hostPort: Int, proto: String)] {
        var result: [(String, Int, Int, String)] = []
        for case .service(let service) in self.result.objects where service.type == .nodePort {
            let compose = project.service(component: service.metadata.name)
            for port in service.ports {
                guard let nodePort = port.nodePort else { continue }
                let published = compose?.publishedPorts.first { $0.target == port.targetPort }?.hostPort
                result.append((service.metadata.name, nodePort, published ?? nodePort, port.proto.rawValue))
            }
        }
        return result
    }

    var kindConfig: String {
        let mappings: [Manifest] = nodePorts.map { port in
            .object([("containerPort", .int(port.nodePort)), ("hostPort", .int(port.hostPort)), ("protocol", .string(port.proto))])
        }
        return ManifestWriter.yaml(
            .object([
                ("kind", .string("Cluster")), ("apiVersion", .string("kind.x-k8s.io/v1alpha4")),
                ("nodes", .list([.object([("role", .string("control-plane")), ("extraPortMappings", .list(mappings))])])),
            ])
        ).trimmingCharacters(in: .newlines)
    }

    /// Whether the guide deploys the CPU form: a local cluster has no GPUs, and a GPU pod there
    /// stays Pending (the manifests are converted with `--cpu-only`, the chart installed with
    /// `values-cpu.yaml`; kustomize's local overlay is built on the CPU base).
    var deploysCPUForm: Bool { options.cluster != .generic && workloads.contains(where: GPUVariants.usesGPU) }

    /// The manifests of this guide are converted with `--cpu-only`.
    private var convertsCPUOnly: Bool { deploysCPUForm && options.format == .manifests }

    /// The values files a chart install takes beyond the secret values.
    private var helmHardwareFlags: [String] { deploysCPUForm ? ["-f \(options.outputFolder)/values-cpu.yaml"] : [] }

    var convertCommand: String {
        let pin = (options.cluster == .kind ? " --pin-node-ports" : "") + (convertsCPUOnly ? " --cpu-only" : "")
        let namespace = options.namespace.map { " --namespace \($0)" } ?? ""
        let inputs = options.inputArguments.map(ShellQuote.word).map { " \($0)" }.joined()
        return "compose2kube convert\(inputs) --format \(options.format.rawValue)\(namespace)\(pin) -o \(options.outputFolder)"
    }

    var generateStep: String {
        return (convertsCPUOnly
            ? "Generate the output in its CPU form (again, if you converted without `--cpu-only`):"
            : "Generate the output (skip this if you already did):") + "\n\n```sh\n\(convertCommand)\n```"
    }

    /// What `kubectl apply` applies (`-f DIR/` or `-k DIR/overlays/…`); nil for a chart.
    var applySource: String? {
        switch options.format {
        case .manifests: return "-f \(options.outputFolder)/"
        case .kustomize:
            let usesGPU = workloads.contains(where: GPUVariants.usesGPU)
            return "-k \(options.outputFolder)/overlays/\(usesGPU && options.cluster == .generic ? "gpu" : "local")"
        case .helm: return nil
        }
    }

    var applyCommand: String {
        switch options.format {
        case .manifests, .kustomize: return "kubectl apply \(applySource ?? "")"
        case .helm:
            let namespace = options.namespace.map { " --namespace \($0) --create-namespace" } ?? ""
            return (["helm install \(projectName) \(options.outputFolder)/\(namespace)"] + helmHardwareFlags + helmSecretFlags)
                .joined(separator: " \\\n  ")
        }
    }

    /// What every install and render of the chart needs: the secret values convert wrote
    /// beside it, and each one the shell supplied (no file holds those).
    private var helmSecretFlags: [String] {
        let shell = secretKeys.filter(\.fromShell).map { "--set-string \($0.helmPath)=\"$\($0.key)\"" }
        return ["-f \(options.outputFolder)/values-secrets.yaml"] + shell
    }

    /// How to keep the secret values out of Helm: a Secret made by hand, named by `existingSecret`.
    private var existingSecretNote: String {
        let secret = ObjectNames.projectSecret(of: result.project.name)
        let keys = secretKeys.filter { $0.secret == secret }
        guard !keys.isEmpty else { return "" }
        let create =
            ["kubectl create secret generic\(namespaceFlag) \(secret)"] + keys.map { "--from-literal=\($0.key)=\"$\(ciSecretName($0))\"" }
        let namespace = options.namespace.map { " --namespace \($0) --create-namespace" } ?? ""
        // The walk of the guides (Tests/conformance/guide_walk.py) runs a block opening with
        // "# Instead of" in place of the block before it.
        return "`\(options.outputFolder)/values-secrets.yaml` holds the secret values convert read from your project's files; "
            + "the chart's `.gitignore` keeps it out of git. To keep them out of Helm altogether, make the Secret yourself "
            + "with the same keys and install with `existingSecret`:\n\n```sh\n# Instead of the install above:\n"
            + create.joined(separator: " \\\n  ")
            + "\n" + (["helm install \(projectName) \(options.outputFolder)/\(namespace)"] + helmHardwareFlags + ["--set existingSecret=\(secret)"])
            .joined(separator: " ") + "\n```\n\n"
    }

    /// What the compose file marks external must exist before the output is applied.
    var externalStep: String {
        guard !result.external.isEmpty else { return "" }
        let lines = result.external.map { reference -> String in
            let parts = reference.split(separator: "/", maxSplits: 1).map(String.init)
            let (kind, name) = (parts.first ?? "", parts.last ?? "")
            switch kind {
            case "Secret": return "kubectl create secret generic\(namespaceFlag) \(name) --from-file=<key>=<file>"
            case "ConfigMap": return "kubectl create configmap\(namespaceFlag) \(name) --from-file=<key>=<file>"
            default: return "# a \(kind) named \(name): create it as your cluster provides storage (kubectl apply -f a claim of that name)"
            }
        }
        return "The compose file marks these as external, so the output refers to them without creating them; "
            + "create each before applying (the keys are in the conversion's warnings):\n\n```sh\n" + lines.joined(separator: "\n")
            + "\n```\n\n"
    }

    var applyStep: String {
        guard let source = applySource else {
            let upgrade = (["helm upgrade \(projectName) \(options.outputFolder)/ --reset-then-reuse-values"] + helmSecretFlags)
                .joined(separator: " \\\n  ")
            return "Apply it:\n\n```sh\n\(applyCommand)\n```\n\n" + existingSecretNote
                + "After converting again, upgrade with the values files you installed with kept (any `-f` alone would drop them):\n\n"
                + "```sh\n\(upgrade)\n```\n\n"
                + "`helm upgrade` removes the objects of a service you removed from the compose file; "
                + "the chart marks its claims `helm.sh/resource-policy: keep`, so their data stays (delete a claim by hand when you are sure)."
        }
        let prune = PruneAdvice.applyCommand(project: projectName, namespace: options.namespace, source: source)
        let retain = PruneAdvice.retainCommand(project: projectName, namespace: options.namespace)
        let hasClaims = result.objects.contains { $0.kind == "PersistentVolumeClaim" }
        return "Apply it:\n\n```sh\n\(applyCommand)\n```\n\n"
            + "After converting again, a service you removed from the compose file has its files removed too, but not its objects "
            + "in the cluster. Apply with pruning to remove them. `--prune` alone would also delete PersistentVolumeClaims "
            + "(kubectl's default prune list includes them, and their data goes with them), so the command names every kind to prune, "
            + "claims and namespaces left out:\n\n```sh\n\(prune)\n```"
            + (hasClaims ? "\n\nA dynamically provisioned volume is deleted with its claim; keep the volumes even then:\n\n```sh\n\(retain)\n```" : "")
    }

    var waits: String {
        var lines: [String] = []
        for node in result.graph.nodes {
            let name = KubernetesName.dns1123(node.name)
            guard workloads.contains(where: { $0.kind == node.kind && $0.lookupName == name }) else { continue }
            switch node.kind {
            case .job:
                // A Job's name ends in a hash of its content, so it is found by its labels.
                let selector = "-l \(ProjectLabels.componentKey)=\(name),app.kubernetes.io/part-of=\(projectName)"
                lines.append("kubectl wait\(namespaceFlag) --for=condition=complete job \(selector) --timeout=10m")
                lines.append("kubectl logs\(namespaceFlag) \(selector) --tail=-1")
            case .cronJob: continue
            default: lines.append("kubectl rollout status\(namespaceFlag) \(node.kind.rawValue.lowercased())/\(name) --timeout=5m")
            }
        }
        return lines.isEmpty ? "# nothing to wait for" : lines.joined(separator: "\n")
    }

    var expectedPods: String {
        workloads.map { workload in
            switch workload.kind {
            case .job:
                let component = workload.metadata.component ?? workload.metadata.name
                return "- `\(component)`: one pod that runs to completion (Job `\(component)-<hash of its content>`)"
            case .cronJob:
                return "- `\(workload.metadata.name)`: none until its schedule `\(workload.schedule?.cron ?? "")` comes (CronJob)"
            case .daemonSet: return "- `\(workload.metadata.name)`: one pod per node (DaemonSet)"
            default:
                let count = workload.replicas ?? 1
                return "- `\(workload.metadata.name)`: \(count) pod\(count == 1 ? "" : "s") (\(workload.kind.rawValue))"
            }
        }.joined(separator: "\n")
    }

    var access: String {
        var lines: [String] = []
        var taken = Set(project.services.values.flatMap(\.publishedPorts).compactMap(\.hostPort))
        for node in result.graph.nodes {
            let name = KubernetesName.dns1123(node.name)
            guard result.objects.contains(where: { $0.kind == "Service" && $0.name == name }) else { continue }
            for port in project.services[node.name]?.publishedPorts ?? [] {
                guard let published = port.hostPort else { continue }
                let local = Self.localPort(for: published, taken: &taken)
                let note = local == published ? "" : " (\(published) would need root on Linux)"
                lines.append(
                    "kubectl port-forward\(namespaceFlag) svc/\(name) \(local):\(port.target)   # then http://localhost:\(local)\(note)")
            }
        }
        guard !lines.isEmpty else { return "No service publishes a port; `kubectl port-forward svc/<name> <port>` reaches any of them." }
        var text =
            "Reach the published services with `kubectl port-forward`, which works on every cluster:\n\n```sh\n"
            + lines.joined(separator: "\n") + "\n```"
        switch options.cluster {
        case .kind where !nodePorts.isEmpty:
            text +=
                "\n\nThrough the port mappings of `kind-config.yaml` they are also at "
                + nodePorts.map { "http://localhost:\($0.hostPort) (`\($0.service)`)" }.joined(separator: ", ") + "."
        case .kind: text += "\n\nNodePorts on kind are reachable only through `extraPortMappings`; `kubectl port-forward` is the way here."
        case .dockerDesktop: text += "\n\nOn Docker Desktop a NodePort is also on localhost: `kubectl get svc` shows the port after `:`."
        case .minikube: text += "\n\nOn minikube `minikube service <name> --url` prints a URL for a NodePort Service."
        case .generic: break
        }
        return text
    }

    /// The local port a port-forward listens on: the published one, or for a privileged port
    /// (below 1024, which only root may bind on Linux) that port plus 8000 (80 → 8080), or the next
    /// one no other published port takes.
    static func localPort(for published: Int, taken: inout Set<Int>) -> Int {
        guard published < 1024 else { return published }
        var local = published + 8000
        while taken.contains(local) { local += 1 }
        taken.insert(local)
        return local
    }

    var cronJobs: String {
        let names = workloads.filter { $0.kind == .cronJob }.map(\.metadata.name)
        guard !names.isEmpty else { return "" }
        let lines = names.flatMap {
            ["kubectl create job\(namespaceFlag) --from=cronjob/\($0) \($0)-now", "kubectl logs\(namespaceFlag) job/\($0)-now --follow"]
        }
        return "Run a CronJob now instead of waiting for its schedule:\n\n```sh\n" + lines.joined(separator: "\n") + "\n```"
    }

    /// Creates one claim from the generated output, before any workload runs.
    private func applyClaim(_ claim: String) -> [String] {
        let file = "\(claim)-persistentvolumeclaim.yaml"
        switch options.format {
        case .manifests: return ["kubectl apply -f \(options.outputFolder)/\(file)"]
        case .kustomize: return ["kubectl apply\(namespaceFlag) -f \(options.outputFolder)/base/\(file)"]
        case .helm:
            // Every claim is in one template file; the name label picks this one.
            let render =
                ["helm template \(projectName) \(options.outputFolder)/ -s templates/\(HelmEmitter.claimsFile)\(namespaceFlag)"]
                + helmSecretFlags
            // helm install adopts an existing object only when it carries the release's ownership
            // label and annotations (Helm's `checkOwnership`: managed-by Helm, meta.helm.sh/release-name
            // and release-namespace equal to the release); the claim's spec is immutable, so it is
            // rendered from the chart itself, as helm install will render it.
            let release = options.namespace ?? "default"
            return [
                render.joined(separator: " \\\n  ") + " \\\n  | kubectl apply\(namespaceFlag) -l \(ProjectLabels.componentKey)=\(claim) -f -",
                "kubectl label\(namespaceFlag) pvc \(claim) app.kubernetes.io/managed-by=Helm --overwrite",
                "kubectl annotate\(namespaceFlag) pvc \(claim) meta.helm.sh/release-name=\(projectName) meta.helm.sh/release-namespace=\(release) --overwrite",
            ]
        }
    }

    /// Copying into a claim goes through a short-lived pod of the helper image that mounts it
    /// read-write, so it works before the application runs and when the application mounts it
    /// read-only. The files travel as one tar stream, made and unpacked as root, so owners and
    /// modes stay what the database or application wrote: `kubectl cp` unpacks as the
    /// container's user and needs the files readable on this machine first, which a volume's
    /// files (owned by the image's user) are not.
    private func copyCommands(claim: String, pack: String) -> [String] {
        let pod = KubernetesName.dns1123("\(claim)-copy")
        let image = options.helperImage
        let overrides =
            #"{"spec":{"volumes":[{"name":"data","persistentVolumeClaim":{"claimName":"\#(claim)"}}],"containers":[{"name":"copy","image":"\#(image)","command":["sleep","3600"],"securityContext":{"runAsUser":0},"volumeMounts":[{"name":"data","mountPath":"/data"}]}]}}"#
        // A chart renders no claim whose values name an existing one: the copy goes there instead.
        let existing =
            options.format == .helm
            ? ["# With persistence.\(claim).existingClaim set, skip the next three commands and write that claim's name for \"\(claim)\" in kubectl run."]
            : []
        // A database keeps its data one folder below the claim's root (`DatabaseDataRule`): the copy goes there.
        let unpack = workloads.lazy.compactMap { $0.dataFolder(inClaim: claim) }.first.map {
            "sh -c 'mkdir -p /data/\($0) && tar -C /data/\($0) -xf -'"
        } ?? "tar -C /data -xf -"
        return existing + applyClaim(claim) + [
            "kubectl run\(namespaceFlag) \(pod) --image=\(image) --restart=Never --overrides='\(overrides)'",
            "kubectl wait\(namespaceFlag) --for=condition=Ready pod/\(pod) --timeout=5m",
            "\(pack) | kubectl exec -i\(namespaceFlag) \(pod) -- \(unpack)",
            "kubectl delete\(namespaceFlag) pod \(pod)",
        ]
    }

    /// Stops the Compose project (containers and volumes stay) so that nothing writes to a
    /// volume while it is copied: a database copied while it runs can be torn.
    private var stopCompose: String {
        let inputs = options.composeArguments.map(ShellQuote.word).map { " \($0)" }.joined()
        return "Stop the Compose project first, so that nothing writes while you copy (`stop` keeps the containers and "
            + "volumes; do not use `down -v`, which deletes the volumes):\n\n```sh\ndocker compose\(inputs) stop\n```"
    }

    func dataSteps() throws -> String {
        var steps: [String] = []
        for (volume, users) in result.graph.volumeUsers.sorted(by: { $0.key < $1.key }) {
            let claim = KubernetesName.dns1123(volume)
            guard result.objects.contains(where: { $0.kind == "PersistentVolumeClaim" && $0.name == claim }) else { continue }
            let dockerVolume = project.dockerVolumes[volume] ?? "\(project.name)_\(volume)"
            let commands = copyCommands(
                claim: claim,
                // As root (the helper image runs as user 100), with tar as the entrypoint whatever the image's is.
                pack: "docker run --rm --user 0 --entrypoint tar -v \(dockerVolume):/from:ro \(options.helperImage) -C /from -cf - .")
            steps.append(
                "Named volume `\(volume)` (used by \(users.joined(separator: ", "))) → claim `\(claim)`:\n\n```sh\n\(commands.joined(separator: "\n"))\n```"
            )
        }
        for case .claim(let claim) in result.objects
        where !result.graph.volumeUsers.keys.contains(where: { KubernetesName.dns1123($0) == claim.metadata.name }) {
            // A bind-mounted folder's claim is shared by every service that mounts it: the first tells where it came from.
            guard
                let workload = workloads.first(where: { workload in
                    workload.pod.volumes.contains { $0.source == .persistentVolumeClaim(claim.metadata.name) }
                }),
                let component = workload.metadata.component,
                let service = project.service(component: component),
                let mount = workload.container?.volumeMounts.first(where: { $0.name == claim.metadata.name }),
                let source = service.bindSources[mount.mountPath]
            else { continue }
            let commands = copyCommands(claim: claim.metadata.name, pack: "tar -C \(ShellQuote.word(relative(source))) -cf - .")
            steps.append(
                "Bind mount `\(relative(source))` → claim `\(claim.metadata.name)`, mounted at `\(mount.mountPath)` in `\(component)`:\n\n```sh\n\(commands.joined(separator: "\n"))\n```"
            )
        }
        guard !steps.isEmpty else { return try note("no-data") }
        let namespace = options.namespace.map { "kubectl create namespace \($0)\n" } ?? ""
        return generateStep + "\n\n" + stopCompose + "\n\n"
            + (namespace.isEmpty ? "" : "Create the namespace:\n\n```sh\n\(namespace)```\n\n")
            + steps.joined(separator: "\n\n")
    }

    /// One short text of `Templates/tutorial/notes/`, filled in, without its final newline.
    func note(_ name: String, _ values: [String: String] = [:]) throws -> String {
        TemplateText.fill(try TemplateText.named("tutorial/notes/\(name).md"), values).trimmingCharacters(in: .newlines)
    }

    /// The problems this project's objects can run into, each with what to do.
    func troubleshooting() throws -> String {
        var items: [String] = []
        if result.objects.contains(where: { $0.kind == "PersistentVolumeClaim" })
            || workloads.contains(where: { !$0.volumeClaimTemplates.isEmpty })
        {
            items.append(try note("pending-claim"))
        }
        if !builtImages.isEmpty {
            items.append(try note("image-pull", ["images": builtImages.map { "`\($0.image)`" }.joined(separator: ", ")]))
        }
        if workloads.contains(where: { !$0.pod.initContainers.isEmpty }) { items.append(try note("waiting-pod")) }
        if workloads.contains(where: { $0.kind == .job }) { items.append(try note("job-never-completes")) }
        if workloads.contains(where: { $0.container?.readinessProbe != nil && $0.container?.livenessProbe == nil }) {
            items.append(try note("not-ready"))
        }
        items.append(try note("crash-loop"))
        if result.objects.contains(where: { $0.kind == "Service" }) {
            items.append(try note("service-silent"))
            items.append(try note("service-reapply"))
        }
        return items.joined(separator: "\n")
    }

    /// Removes the workloads first and keeps the claims (the data) unless the reader asks.
    var cleanup: String {
        let selector = "-l app.kubernetes.io/part-of=\(projectName)"
        var lines: [String]
        switch options.format {
        case .manifests, .kustomize:
            lines = [
                "kubectl delete\(namespaceFlag) cronjob,job,deployment,statefulset,daemonset \(selector)",
                "kubectl delete\(namespaceFlag) service,configmap,secret,ingress,networkpolicy,poddisruptionbudget,horizontalpodautoscaler,serviceaccount,role,rolebinding \(selector)",
                "# The claims keep your data. Only when you are sure:",
                "# kubectl delete\(namespaceFlag) persistentvolumeclaim \(selector)",
            ]
        case .helm:
            lines = [
                "# The chart marks its claims helm.sh/resource-policy: keep, so helm uninstall leaves them and your data.",
                "helm uninstall \(projectName)\(options.namespace.map { " --namespace \($0)" } ?? "")",
                "# Only when you are sure:",
                "# kubectl delete\(namespaceFlag) persistentvolumeclaim \(selector)",
            ]
        }
        switch options.cluster {
        case .kind: lines.append("kind delete cluster --name \(projectName)")
        case .minikube: lines.append("minikube delete")
        default: break
        }
        return lines.joined(separator: "\n")
    }

    var ciCommand: String {
        switch options.format {
        case .manifests: return "kubectl apply -f \(options.outputFolder)/"
        case .kustomize: return "kubectl apply -k \(options.outputFolder)/overlays/local"
        case .helm:
            let flags = secretKeys.map {
                " \\\n            --set-string \($0.helmPath)=\"${{ secrets.\(ciSecretName($0)) }}\""
            }
            return "|\n          helm upgrade --install \(projectName) \(options.outputFolder)/" + flags.joined()
        }
    }

    /// A key of a generated Secret: where the chart takes it from, and whether the converting
    /// shell supplied it.
    private struct SecretKey {
        var secret: String
        var key: String
        var helmPath: String
        var fromShell: Bool
    }

    /// Every key of every generated Secret.
    private var secretKeys: [SecretKey] {
        let projectSecret = ObjectNames.projectSecret(of: result.project.name)
        return result.objects.flatMap { object -> [SecretKey] in
            guard case .data(let data) = object, data.kind == .secret else { return [] }
            let isProject = data.metadata.name == projectSecret
            return data.data.keys.sorted().map { key in
                SecretKey(
                    secret: data.metadata.name, key: key,
                    helmPath: isProject ? "secrets.\(key)" : "secretFiles.\(data.metadata.name).data.\(key)",
                    fromShell: data.shellKeys.contains(key))
            }
        }
    }

    /// The name a value has in the CI's secret store: `DB_PASSWORD` for the project Secret's
    /// keys, `<SECRET>_<KEY>` for other Secrets'.
    private func ciSecretName(_ entry: SecretKey) -> String {
        let projectSecret = ObjectNames.projectSecret(of: result.project.name)
        let name = entry.secret == projectSecret ? entry.key : "\(entry.secret)_\(entry.key)"
        return String(name.uppercased().map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }

    /// For manifests, the Secrets come from the CI's secret store, never from files in git.
    var ciSecretSteps: String {
        guard !secretKeys.isEmpty, options.format != .helm else { return "" }
        if options.format == .kustomize { return kustomizeSecretStep }
        let grouped = Dictionary(grouping: secretKeys, by: \.secret)
        let commands = grouped.keys.sorted().map { secret in
            (["kubectl create secret generic\(namespaceFlag) \(secret)"]
                + (grouped[secret] ?? []).map { "--from-literal=\($0.key)=\"${{ secrets.\(ciSecretName($0)) }}\"" }
                + ["--dry-run=client -o yaml | kubectl apply -f -"]).joined(separator: " \\\n            ")
        }
        return """
                  - name: Secrets from the repository's secret store
                    env:
                      KUBECONFIG: kubeconfig
                    run: |
                      \(commands.joined(separator: "\n          "))

            """
    }

    /// What the reader does so no secret value sits in git.
    var ciSecretNote: String {
        guard !secretKeys.isEmpty else { return "" }
        let names = secretKeys.map(ciSecretName).joined(separator: ", ")
        switch options.format {
        case .manifests:
            return
                "The generated `\(options.outputFolder)/*-secret.yaml` files hold the values read from your compose files: keep them out of git "
                + "(add `\(options.outputFolder)/*-secret.yaml` to `.gitignore`) and store the values as repository secrets (\(names)); the job makes the Secrets from them."
        case .helm:
            return "The chart's secret values come from repository secrets (\(names)), never from files in git."
        case .kustomize:
            return "The kustomize base holds no secret value: the overlays generate the Secrets from `\(options.outputFolder)/secrets/`, "
                + "whose value files convert wrote and its `.gitignore` keeps out of git (the committed `*.env.example` files list the keys). "
                + "The job writes them from repository secrets (\(names))."
        }
    }

    /// For kustomize, the job writes the files the secrets component reads, from the CI's secret store.
    private var kustomizeSecretStep: String {
        let folder = "\(options.outputFolder)/secrets"
        var commands: [String] = []
        for (secret, keys) in Dictionary(grouping: secretKeys, by: \.secret).sorted(by: { $0.key < $1.key }) {
            let data = result.objects.lazy.compactMap { object -> DataObject? in
                if case .data(let data) = object, data.metadata.name == secret { data } else { nil }
            }.first
            var envLines: [String] = []
            for key in keys {
                let fitsEnvFile = KustomizeGenerators.fitsEnvFile(data?.data[key.key] ?? "")
                if fitsEnvFile || key.fromShell {
                    envLines.append("\"\(key.key)=${{ secrets.\(ciSecretName(key)) }}\"")
                } else {
                    commands.append("mkdir -p \(folder)/\(secret)")
                    commands.append("printf '%s' \"${{ secrets.\(ciSecretName(key)) }}\" > \(folder)/\(secret)/\(key.key)")
                }
            }
            if !envLines.isEmpty {
                commands.append("printf '%s\\n' \(envLines.joined(separator: " ")) > \(folder)/\(secret).env")
            }
        }
        return """
                  - name: Secret values from the repository's secret store
                    run: |
                      \(commands.joined(separator: "\n          "))

            """
    }
}
