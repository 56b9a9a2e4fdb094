import ArgumentParser
import Converter
import Emitters

/// The flags that decide what a conversion makes, shared by `convert`, `diff` and `tutorial`:
/// `diff --against k8s/` compares with the conversion that wrote the folder, and the guide's
/// commands reproduce it.
struct ConversionOptionsGroup: ParsableArguments {
    @Option(help: "Namespace for every object (a Namespace object is added).") var namespace: String?
    @Option(help: "How published ports are exposed.") var expose: ConversionOptions.Exposure = .nodeport
    @Flag(help: "Services holding named volumes become StatefulSets.") var stateful = false
    // `.unconditional`: `--pvc-size -5Gi` is a wrong size to explain, not a missing value.
    @Option(parsing: .unconditional, help: "Size of generated PersistentVolumeClaims.") var pvcSize = "1Gi"
    @Option(parsing: .unconditional, help: "Extra regular expression for environment keys that are secret.") var secretKeys: String?
    @Option(help: "Bind mounts as ConfigMaps/PVCs (copy) or hostPath volumes (hostpath, single-node clusters).")
    var bindMounts: ConversionOptions.BindMountMode = .copy
    @Flag(help: "One NetworkPolicy per compose network, isolating it as compose does.") var networkPolicies = false
    @Flag(help: "A ResourceQuota summing the project's requests and limits.") var quota = false
    @Flag(help: "Give every published port a fixed nodePort (kind needs them for its port mappings).") var pinNodePorts = false
    @Option(parsing: .unconditional, help: "Seconds a waiting init container waits for its dependency before it fails with a message.")
    var waitTimeout = 1800
    @Option(help: "The image of the waiting init containers and of the guide's copy pods (for a registry of your own).") var helperImage = HelperImages.wait
    @Option(help: "Claims several services share: ReadWriteOnce with their pods on one node (node), or ReadWriteMany (rwx).")
    var sharedVolumes: ConversionOptions.SharedVolumes = .node
    @Option(help: "A node label GPU pods must match, KEY=VALUE, repeatable (none by default: the nvidia.com/gpu resource places them).")
    var gpuNodeSelector: [String] = []
    @Option(help: "The RuntimeClass GPU pods run with (none by default; \"nvidia\" where NVIDIA's GPU operator made one).")
    var gpuRuntimeClass: String?
    @Flag(help: "Leave GPU reservations out: every service runs on CPU (for a cluster without GPUs, such as kind or minikube).")
    var cpuOnly = false
    @Flag(help: "Healthchecks also become liveness probes, which restart a failing container (Compose never restarts one).")
    var livenessProbes = false
    @Option(help: "The IngressClass of the routes made from reverse-proxy labels (none: the cluster's default class).")
    var ingressClass: String?
    @Option(help: "The cert-manager issuer that fills each TLS route's Secret: NAME for a ClusterIssuer, issuer/NAME for an Issuer.")
    var certIssuer: String?
    @Option(help: "The API of the routes from reverse-proxy labels: Ingress objects, Gateway API HTTPRoutes (with --gateway), or none.")
    var routes: ConversionOptions.RouteAPI = .ingress
    @Option(help: "The Gateway HTTPRoutes attach to, [NAMESPACE/]NAME, with listeners named http and https (--routes gateway).")
    var gateway: String?

    func validate() throws {
        if waitTimeout < 1 { throw ValidationError("--wait-timeout takes a number of seconds above 0") }
        try FlagValues.checkNamespace(namespace)
        try FlagValues.checkSize(pvcSize, flag: "--pvc-size")
        try FlagValues.checkPattern(secretKeys, flag: "--secret-keys")
        _ = try FlagValues.gpuPlacement(nodeSelector: gpuNodeSelector, runtimeClass: gpuRuntimeClass)
        for (flag, value) in [("--ingress-class", ingressClass), ("--cert-issuer", certIssuer.map { String($0.split(separator: "/").last ?? "") })] {
            if let value, !FlagValues.isDNSName(value) { throw ValidationError("\(flag) takes a Kubernetes object name such as letsencrypt, got \"\(value)\"") }
        }
        _ = try gatewayReference()
        if helperImage.isEmpty || helperImage.contains(where: \.isWhitespace) {
            throw ValidationError("--helper-image takes an image reference such as registry.example.com/curl:8.17.0")
        }
    }

    /// The conversion these flags ask for.
    func options() throws -> ConversionOptions {
        var options = ConversionOptions()
        options.namespace = namespace
        options.expose = expose
        options.stateful = stateful
        options.pvcSize = pvcSize
        options.secretKeyPattern = secretKeys
        options.bindMounts = bindMounts
        options.networkPolicies = networkPolicies
        options.quota = quota
        options.pinNodePorts = pinNodePorts
        options.waitTimeout = waitTimeout
        options.livenessProbes = livenessProbes
        options.sharedVolumes = sharedVolumes
        options.helperImage = helperImage
        options.ingressClass = ingressClass
        options.certIssuer = certIssuer
        options.routes = routes
        options.gateway = try gatewayReference()
        options.gpuPlacement = try FlagValues.gpuPlacement(nodeSelector: gpuNodeSelector, runtimeClass: gpuRuntimeClass)
        options.cpuOnly = cpuOnly
        return options
    }

    /// The flags given that change the conversion, as words of a command line (for the guide's
    /// `compose2kube convert`), in the order of `--help`. `--namespace` and `--pin-node-ports`
    /// are left to the guide, which writes them itself.
    var arguments: [String] {
        var words: [String] = []
        if expose != .nodeport { words += ["--expose", expose.rawValue] }
        if stateful { words.append("--stateful") }
        if pvcSize != "1Gi" { words += ["--pvc-size", pvcSize] }
        if let secretKeys { words += ["--secret-keys", secretKeys] }
        if bindMounts != .copy { words += ["--bind-mounts", bindMounts.rawValue] }
        if networkPolicies { words.append("--network-policies") }
        if quota { words.append("--quota") }
        if waitTimeout != 1800 { words += ["--wait-timeout", String(waitTimeout)] }
        if helperImage != HelperImages.wait { words += ["--helper-image", helperImage] }
        if sharedVolumes != .node { words += ["--shared-volumes", sharedVolumes.rawValue] }
        for pair in gpuNodeSelector { words += ["--gpu-node-selector", pair] }
        if let gpuRuntimeClass { words += ["--gpu-runtime-class", gpuRuntimeClass] }
        if cpuOnly { words.append("--cpu-only") }
        if livenessProbes { words.append("--liveness-probes") }
        if let ingressClass { words += ["--ingress-class", ingressClass] }
        if let certIssuer { words += ["--cert-issuer", certIssuer] }
        if routes != .ingress { words += ["--routes", routes.rawValue] }
        if let gateway { words += ["--gateway", gateway] }
        return words
    }

    /// `--gateway [NAMESPACE/]NAME`, which `--routes gateway` needs and nothing else takes.
    private func gatewayReference() throws -> ConversionOptions.GatewayReference? {
        guard let gateway else {
            if routes == .gateway { throw ValidationError("--routes gateway needs --gateway [NAMESPACE/]NAME: the Gateway the HTTPRoutes attach to") }
            return nil
        }
        guard routes == .gateway else { throw ValidationError("--gateway names the Gateway of --routes gateway; add --routes gateway") }
        let parts = gateway.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count <= 2, parts.allSatisfy(FlagValues.isDNSName) else {
            throw ValidationError("--gateway takes [NAMESPACE/]NAME, Kubernetes object names such as infra/public, got \"\(gateway)\"")
        }
        return parts.count == 2 ? .init(name: parts[1], namespace: parts[0]) : .init(name: parts[0])
    }
}

/// The output form of `convert`, and the form `diff` compares and `tutorial` deploys.
typealias OutputFormat = TutorialOptions.Format

extension TutorialOptions.Format: ExpressibleByArgument {}
extension ConversionOptions.Exposure: ExpressibleByArgument {}
extension ConversionOptions.RouteAPI: ExpressibleByArgument {}
extension ConversionOptions.BindMountMode: ExpressibleByArgument {}
extension ConversionOptions.SharedVolumes: ExpressibleByArgument {}
