/// A container of a pod, typed for the fields compose2kube sets.
public struct Container: Equatable, Sendable {
    public var name: String
    public var image: String
    /// The image as the compose files wrote it, when it holds variables (`shop/api:${TAG:-1.4}`).
    public var imageTemplate: Template?
    public var imagePullPolicy: PullPolicy?
    public var command: [String] = []
    public var args: [String] = []
    public var workingDir: String?
    public var env: [EnvVar] = []
    public var envFrom: [EnvFromSource] = []
    public var ports: [ContainerPort] = []
    public var volumeMounts: [VolumeMountSpec] = []
    public var resources = ResourceRequirements()
    public var readinessProbe: Probe?
    public var livenessProbe: Probe?
    public var startupProbe: Probe?
    public var securityContext: ContainerSecurityContext?
    public var tty: Bool?
    public var stdin: Bool?

    public init(name: String, image: String) {
        self.name = name
        self.image = image
    }

    public var manifest: Manifest {
        .object([
            ("name", .string(name)), ("image", .string(image)), ("imagePullPolicy", imagePullPolicy.map { .string($0.rawValue) }),
            ("command", .strings(command)), ("args", .strings(args)), ("workingDir", workingDir.map(Manifest.string)),
            ("ports", .list(ports.map(\.manifest))), ("envFrom", .list(envFrom.map(\.manifest))), ("env", .list(env.map(\.manifest))),
            ("resources", resources.manifest), ("volumeMounts", .list(volumeMounts.map(\.manifest))),
            ("readinessProbe", readinessProbe?.manifest), ("livenessProbe", livenessProbe?.manifest),
            ("startupProbe", startupProbe?.manifest), ("securityContext", securityContext?.manifest),
            ("tty", tty.map(Manifest.bool)), ("stdin", stdin.map(Manifest.bool)),
        ])
    }
}

public struct EnvVar: Equatable, Sendable {
    public var name: String
    public var value: String?
    /// `valueFrom.secretKeyRef` / `configMapKeyRef`: one key of a Secret or ConfigMap.
    public struct KeyReference: Equatable, Sendable {
        public var kind: DataObject.Kind
        public var name: String
        public var key: String

        /// `secretKeyRef` or `configMapKeyRef`.
        var field: String { kind == .secret ? "secretKeyRef" : "configMapKeyRef" }
    }

    public var reference: KeyReference?

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    public init(name: String, secret: String, key: String) {
        self.name = name
        self.reference = KeyReference(kind: .secret, name: secret, key: key)
    }

    var manifest: Manifest {
        guard let reference else { return .object([("name", .string(name)), ("value", .string(value ?? ""))]) }
        return .object([
            ("name", .string(name)),
            ("valueFrom", .object([(reference.field, .object([("name", .string(reference.name)), ("key", .string(reference.key))]))])),
        ])
    }
}

/// `envFrom` entry: every key of a ConfigMap or Secret.
public struct EnvFromSource: Equatable, Sendable {
    public enum Kind: String, Sendable {
        case configMap = "configMapRef"
        case secret = "secretRef"
    }
    public var kind: Kind
    public var name: String

    var manifest: Manifest { .object([(kind.rawValue, .object([("name", .string(name))]))]) }
}

public struct ContainerPort: Equatable, Sendable {
    public var containerPort: Int
    public var name: String?
    public var proto: PortProtocol = .tcp

    var manifest: Manifest {
        .object([
            ("name", name.map(Manifest.string)), ("containerPort", .int(containerPort)),
            ("protocol", proto == .tcp ? nil : .string(proto.rawValue)),
        ])
    }
}

public struct VolumeMountSpec: Equatable, Sendable {
    public var name: String
    public var mountPath: String
    public var subPath: String?
    public var readOnly = false

    var manifest: Manifest {
        .object([
            ("name", .string(name)), ("mountPath", .string(mountPath)), ("subPath", subPath.map(Manifest.string)),
            ("readOnly", readOnly ? .bool(true) : nil),
        ])
    }
}

public struct ResourceRequirements: Equatable, Sendable {
    public var requests: [(String, String)] = []
    public var limits: [(String, String)] = []

    public static func == (lhs: ResourceRequirements, rhs: ResourceRequirements) -> Bool {
        lhs.requests.elementsEqual(rhs.requests, by: ==) && lhs.limits.elementsEqual(rhs.limits, by: ==)
    }

    public func limit(_ name: String) -> String? { limits.first { $0.0 == name }?.1 }
    public func request(_ name: String) -> String? { requests.first { $0.0 == name }?.1 }

    var manifest: Manifest {
        .object([("requests", .map(requests.map { ($0.0, .string($0.1)) })), ("limits", .map(limits.map { ($0.0, .string($0.1)) }))])
    }
}

public struct ContainerSecurityContext: Equatable, Sendable {
    public var runAsNonRoot: Bool?
    public var runAsUser: Int?
    public var runAsGroup: Int?
    public var privileged: Bool?
    public var readOnlyRootFilesystem: Bool?
    public var allowPrivilegeEscalation: Bool?
    public var capabilitiesAdd: [String] = []
    public var capabilitiesDrop: [String] = []
    /// `RuntimeDefault`, or nil for the runtime's own choice.
    public var seccompProfile: String?

    var isEmpty: Bool { self == ContainerSecurityContext() }

    public var manifest: Manifest {
        .object([
            ("runAsNonRoot", runAsNonRoot.map(Manifest.bool)),
            ("runAsUser", runAsUser.map(Manifest.int)), ("runAsGroup", runAsGroup.map(Manifest.int)),
            ("privileged", privileged.map(Manifest.bool)), ("readOnlyRootFilesystem", readOnlyRootFilesystem.map(Manifest.bool)),
            ("allowPrivilegeEscalation", allowPrivilegeEscalation.map(Manifest.bool)),
            ("capabilities", .object([("add", .strings(capabilitiesAdd)), ("drop", .strings(capabilitiesDrop))])),
            ("seccompProfile", seccompProfile.map { .object([("type", .string($0))]) }),
        ])
    }
}

/// A readiness, liveness or startup probe.
public struct Probe: Equatable, Sendable {
    public enum Action: Equatable, Sendable {
        case exec([String])
        case httpGet(path: String, port: Int)
        case tcpSocket(port: Int)
    }
    public var action: Action
    public var initialDelaySeconds: Int?
    public var periodSeconds: Int?
    public var timeoutSeconds: Int?
    public var failureThreshold: Int?

    public var manifest: Manifest {
        let action: (String, Manifest)
        switch self.action {
        case .exec(let command): action = ("exec", .object([("command", .strings(command))]))
        case .httpGet(let path, let port): action = ("httpGet", .object([("path", .string(path)), ("port", .int(port))]))
        case .tcpSocket(let port): action = ("tcpSocket", .object([("port", .int(port))]))
        }
        return .object([
            action, ("initialDelaySeconds", initialDelaySeconds.map(Manifest.int)), ("periodSeconds", periodSeconds.map(Manifest.int)),
            ("timeoutSeconds", timeoutSeconds.map(Manifest.int)), ("failureThreshold", failureThreshold.map(Manifest.int)),
        ])
    }
}
