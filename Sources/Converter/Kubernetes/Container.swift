/// A container of a pod, typed for the fields compose2kube sets.
package struct Container: Equatable, Sendable {
    package var name: String
    package var image: String
    /// The image as the compose files wrote it, when it holds variables (`shop/api:${TAG:-1.4}`).
    package var imageTemplate: Template?
    package var imagePullPolicy: PullPolicy?
    package var command: [String] = []
    package var args: [String] = []
    package var workingDir: String?
    package var env: [EnvVar] = []
    package var envFrom: [EnvFromSource] = []
    package var ports: [ContainerPort] = []
    package var volumeMounts: [VolumeMountSpec] = []
    package var resources = ResourceRequirements()
    package var readinessProbe: Probe?
    package var livenessProbe: Probe?
    package var startupProbe: Probe?
    package var securityContext: ContainerSecurityContext?
    package var tty: Bool?
    package var stdin: Bool?

    package init(name: String, image: String) {
        self.name = name
        self.image = image
    }

    package var manifest: Manifest {
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

package struct EnvVar: Equatable, Sendable {
    package var name: String
    package var value: String?
    /// `valueFrom.secretKeyRef` / `configMapKeyRef`: one key of a Secret or ConfigMap.
    package struct KeyReference: Equatable, Sendable {
        package var kind: DataObject.Kind
        package var name: String
        package var key: String

        /// `secretKeyRef` or `configMapKeyRef`.
        var field: String { kind == .secret ? "secretKeyRef" : "configMapKeyRef" }
    }

    package var reference: KeyReference?

    package init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    package init(name: String, secret: String, key: String) {
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
package struct EnvFromSource: Equatable, Sendable {
    package enum Kind: String, Sendable {
        case configMap = "configMapRef"
        case secret = "secretRef"
    }
    package var kind: Kind
    package var name: String

    var manifest: Manifest { .object([(kind.rawValue, .object([("name", .string(name))]))]) }
}

package struct ContainerPort: Equatable, Sendable {
    package var containerPort: Int
    package var name: String?
    package var proto: PortProtocol = .tcp

    var manifest: Manifest {
        .object([
            ("name", name.map(Manifest.string)), ("containerPort", .int(containerPort)),
            ("protocol", proto == .tcp ? nil : .string(proto.rawValue)),
        ])
    }
}

package struct VolumeMountSpec: Equatable, Sendable {
    package var name: String
    package var mountPath: String
    package var subPath: String?
    package var readOnly = false

    var manifest: Manifest {
        .object([
            ("name", .string(name)), ("mountPath", .string(mountPath)), ("subPath", subPath.map(Manifest.string)),
            ("readOnly", readOnly ? .bool(true) : nil),
        ])
    }
}

package struct ResourceRequirements: Equatable, Sendable {
    package var requests: [(String, String)] = []
    package var limits: [(String, String)] = []

    package static func == (lhs: ResourceRequirements, rhs: ResourceRequirements) -> Bool {
        lhs.requests.elementsEqual(rhs.requests, by: ==) && lhs.limits.elementsEqual(rhs.limits, by: ==)
    }

    package func limit(_ name: String) -> String? { limits.first { $0.0 == name }?.1 }
    package func request(_ name: String) -> String? { requests.first { $0.0 == name }?.1 }

    var manifest: Manifest {
        .object([("requests", .map(requests.map { ($0.0, .string($0.1)) })), ("limits", .map(limits.map { ($0.0, .string($0.1)) }))])
    }
}

package struct ContainerSecurityContext: Equatable, Sendable {
    package var runAsNonRoot: Bool?
    package var runAsUser: Int?
    package var runAsGroup: Int?
    package var privileged: Bool?
    package var readOnlyRootFilesystem: Bool?
    package var allowPrivilegeEscalation: Bool?
    package var capabilitiesAdd: [String] = []
    package var capabilitiesDrop: [String] = []
    /// `RuntimeDefault`, or nil for the runtime's own choice.
    package var seccompProfile: String?

    var isEmpty: Bool { self == ContainerSecurityContext() }

    package var manifest: Manifest {
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
package struct Probe: Equatable, Sendable {
    package enum Action: Equatable, Sendable {
        case exec([String])
        case httpGet(path: String, port: Int)
        case tcpSocket(port: Int)
    }
    package var action: Action
    package var initialDelaySeconds: Int?
    package var periodSeconds: Int?
    package var timeoutSeconds: Int?
    package var failureThreshold: Int?

    package var manifest: Manifest {
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
