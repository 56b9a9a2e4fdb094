/// A Service selecting a workload's pods.
public struct ServiceObject: Equatable, Sendable {
    public struct Port: Equatable, Sendable {
        public var name: String
        public var port: Int
        public var targetPort: Int
        public var proto: PortProtocol = .tcp
        public var nodePort: Int?
    }
    public var metadata: ObjectMeta
    public var type: ServiceType = .clusterIP
    public var headless = false
    public var selector: [String: String]
    public var ports: [Port]
    /// Resolve pods before they are Ready (peers of a cluster that reach each other to start).
    public var publishNotReadyAddresses: Bool?

    /// The `ports` list of a Service spec.
    public static func portsManifest(_ ports: [Port]) -> Manifest {
        .list(
            ports.map { port in
                .object([
                    ("name", .string(port.name)), ("port", .int(port.port)), ("targetPort", .int(port.targetPort)),
                    ("protocol", port.proto == .tcp ? nil : .string(port.proto.rawValue)), ("nodePort", port.nodePort.map(Manifest.int)),
                ])
            })
    }

    var manifest: Manifest {
        let spec: Manifest = .object([
            ("type", type == .clusterIP ? nil : .string(type.rawValue)), ("clusterIP", headless ? .string("None") : nil),
            ("publishNotReadyAddresses", publishNotReadyAddresses.map(Manifest.bool)),
            ("selector", .sorted(selector)), ("ports", Self.portsManifest(ports)),
        ])
        return .object([("apiVersion", .string("v1")), ("kind", .string("Service")), ("metadata", metadata.manifest), ("spec", spec)])
    }
}

/// A ConfigMap or a Secret holding text data.
public struct DataObject: Equatable, Sendable {
    public enum Kind: String, Sendable {
        case configMap = "ConfigMap"
        case secret = "Secret"
    }
    public var kind: Kind
    public var metadata: ObjectMeta
    public var data: [String: String]
    /// The values as the compose files wrote them, by key, where they hold variables.
    public var templates: [String: Template] = [:]
    /// Keys whose value came from the converting shell's environment: a chart asks for them
    /// rather than writing them into a values file.
    public var shellKeys: Set<String> = []

    var manifest: Manifest {
        .object([
            ("apiVersion", .string("v1")), ("kind", .string(kind.rawValue)), ("metadata", metadata.manifest),
            ("type", kind == .secret ? .string("Opaque") : nil),
            (kind == .secret ? "stringData" : "data", .sorted(data)),
        ])
    }
}

/// A PersistentVolumeClaim for one named volume.
public struct ClaimObject: Equatable, Sendable {
    public var metadata: ObjectMeta
    public var accessMode: AccessMode = .readWriteOnce
    public var size: String
    public var storageClass: String?

    var manifest: Manifest {
        .object([
            ("apiVersion", .string("v1")), ("kind", .string("PersistentVolumeClaim")), ("metadata", metadata.manifest), ("spec", spec),
        ])
    }

    /// The claim as a StatefulSet's `volumeClaimTemplates` entry.
    var templateManifest: Manifest {
        .object([("metadata", .object([("name", .string(metadata.name))])), ("spec", spec)])
    }

    private var spec: Manifest {
        .object([
            ("accessModes", .strings([accessMode.rawValue])), ("storageClassName", storageClass.map(Manifest.string)),
            ("resources", .object([("requests", .object([("storage", .string(size))]))])),
        ])
    }
}

/// Any other object, written as given (RBAC, PDB, HPA, Namespace, NetworkPolicy).
public struct GenericObject: Equatable, Sendable {
    public var apiVersion: String
    public var kind: String
    public var metadata: ObjectMeta
    public var body: [(String, Manifest)]

    public static func == (lhs: GenericObject, rhs: GenericObject) -> Bool { lhs.manifest == rhs.manifest }

    var manifest: Manifest {
        .object(
            [("apiVersion", .string(apiVersion)), ("kind", .string(kind)), ("metadata", metadata.manifest)]
                + body.map { ($0.0, Optional($0.1)) })
    }
}
