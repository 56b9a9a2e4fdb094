/// A Service selecting a workload's pods.
package struct ServiceObject: Equatable, Sendable {
    package struct Port: Equatable, Sendable {
        package var name: String
        package var port: Int
        package var targetPort: Int
        package var proto: PortProtocol = .tcp
        package var nodePort: Int?
    }
    package var metadata: ObjectMeta
    package var type: ServiceType = .clusterIP
    package var headless = false
    package var selector: [String: String]
    package var ports: [Port]
    /// Resolve pods before they are Ready (peers of a cluster that reach each other to start).
    package var publishNotReadyAddresses: Bool?

    /// The `ports` list of a Service spec.
    package static func portsManifest(_ ports: [Port]) -> Manifest {
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
package struct DataObject: Equatable, Sendable {
    package enum Kind: String, Sendable {
        case configMap = "ConfigMap"
        case secret = "Secret"
    }
    package var kind: Kind
    package var metadata: ObjectMeta
    package var data: [String: String]
    /// The values as the compose files wrote them, by key, where they hold variables.
    package var templates: [String: Template] = [:]
    /// Keys whose value came from the converting shell's environment: a chart asks for them
    /// rather than writing them into a values file.
    package var shellKeys: Set<String> = []

    var manifest: Manifest {
        .object([
            ("apiVersion", .string("v1")), ("kind", .string(kind.rawValue)), ("metadata", metadata.manifest),
            ("type", kind == .secret ? .string("Opaque") : nil),
            (kind == .secret ? "stringData" : "data", .sorted(data)),
        ])
    }
}

/// A PersistentVolumeClaim for one named volume.
package struct ClaimObject: Equatable, Sendable {
    package var metadata: ObjectMeta
    package var accessMode: AccessMode = .readWriteOnce
    package var size: String
    package var storageClass: String?

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
package struct GenericObject: Equatable, Sendable {
    package var apiVersion: String
    package var kind: String
    package var metadata: ObjectMeta
    package var body: [(String, Manifest)]

    package static func == (lhs: GenericObject, rhs: GenericObject) -> Bool { lhs.manifest == rhs.manifest }

    var manifest: Manifest {
        .object(
            [("apiVersion", .string(apiVersion)), ("kind", .string(kind)), ("metadata", metadata.manifest)]
                + body.map { ($0.0, Optional($0.1)) })
    }
}
