import Converter

/// What the tutorial is written for.
public struct TutorialOptions: Sendable {
    public enum Cluster: String, Sendable, CaseIterable {
        case kind, minikube
        case dockerDesktop = "docker-desktop"
        case generic

        var displayName: String {
            switch self {
            case .kind: return "kind"
            case .minikube: return "minikube"
            case .dockerDesktop: return "Docker Desktop"
            case .generic: return "any Kubernetes cluster"
            }
        }
    }

    public enum Format: String, Sendable, CaseIterable { case manifests, kustomize, helm }

    public var cluster: Cluster
    public var format: Format
    /// The folder the generated output goes to, as the commands name it.
    public var outputFolder: String
    public var namespace: String?
    /// The compose inputs as the user gave them (files, `--profile`, `--env-file`, `-p`), so the
    /// guide's convert command reproduces this very conversion.
    package var inputArguments: [String] = []
    /// The same inputs as `docker compose` takes them (files as `-f`), for the step that stops the
    /// Compose project before its volumes are copied.
    package var composeArguments: [String] = []
    /// The image of the pods that copy data into claims: the one the waiting init containers use
    /// (`--helper-image`), so an air-gapped registry needs one image.
    package var helperImage = HelperImages.wait

    public init(cluster: Cluster = .generic, format: Format = .manifests, outputFolder: String = "k8s", namespace: String? = nil) {
        self.cluster = cluster
        self.format = format
        self.outputFolder = outputFolder
        self.namespace = namespace
    }
}
