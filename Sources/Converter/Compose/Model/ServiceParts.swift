/// `build:` of a service.
public struct Build: Equatable, Sendable {
    public var context: String
    public var dockerfile: String = "Dockerfile"
    public var dockerfileInline: String?
    public var target: String?
    public var args: [String: String?] = [:]
    /// Other build keys (cache_from, secrets, platforms, …) as written.
    public var options: [String: JSONValue] = [:]
}

/// A port, in long syntax; ranges were expanded.
public struct Port: Equatable, Sendable {
    public enum TransportProtocol: String, Sendable { case tcp, udp, sctp }
    public var target: Int
    /// Host port or port range (`"8080"`, `"8000-8010"`); nil when not published.
    public var published: String?
    public var hostIP: String?
    public var proto: TransportProtocol = .tcp
    public var mode: String = "ingress"
    public var name: String?
    public var appProtocol: String?
}

extension Port {
    /// Whether the port is published on an address other hosts reach: not only on a loopback
    /// address (`127.0.0.1:5432:5432` keeps a database local on purpose).
    public var isPublishedBeyondLoopback: Bool {
        guard published != nil else { return false }
        guard let hostIP else { return true }
        return !(hostIP.hasPrefix("127.") || ["::1", "[::1]", "localhost"].contains(hostIP))
    }
}

/// A mount of a service, in long syntax.
public struct VolumeMount: Equatable, Sendable {
    public enum Kind: String, Sendable { case bind, volume, tmpfs, npipe, cluster, image }
    public var type: Kind
    /// Absolute host path for binds; volume name for volumes; nil for anonymous volumes and tmpfs.
    public var source: String?
    public var target: String
    public var readOnly = false
    public var createHostPath: Bool?
    public var selinux: String?
    public var propagation: String?
    public var noCopy: Bool?
    public var subpath: String?
    public var tmpfsSize: Int64?
    public var tmpfsMode: Int?
    /// Whether the bind was written in short syntax (Compose then creates a missing host path).
    public var isShortSyntax = false
}

/// `depends_on` entry.
public struct Dependency: Equatable, Sendable {
    public enum Condition: String, Sendable {
        case started = "service_started"
        case healthy = "service_healthy"
        case completedSuccessfully = "service_completed_successfully"
    }
    public var service: String
    public var condition: Condition = .started
    public var required = true
    public var restart: Bool?
}

/// `healthcheck:`.
public struct Healthcheck: Equatable, Sendable {
    public enum Test: Equatable, Sendable {
        /// `NONE` or `disable: true`: the image's healthcheck is turned off.
        case none
        /// `CMD`: an argument vector run directly.
        case exec([String])
        /// `CMD-SHELL` or a plain string: run by a shell.
        case shell(String)
    }
    public var test: Test?
    public var interval: Duration?
    public var timeout: Duration?
    public var retries: Int?
    public var startPeriod: Duration?
    public var startInterval: Duration?
    public var disabled = false
}

/// `deploy:`.
public struct Deploy: Equatable, Sendable {
    public var mode: String?
    public var replicas: Int?
    public var limits = ResourceSpec()
    public var reservations = ResourceSpec()
    public var placementConstraints: [String] = []
    public var placementPreferences: [JSONValue] = []
    public var labels: [String: String] = [:]
    public var restartPolicy: RestartPolicy?
    public var endpointMode: String?
    /// update_config, rollback_config and other keys as written.
    public var options: [String: JSONValue] = [:]
}

public struct ResourceSpec: Equatable, Sendable {
    public var cpus: Double?
    public var memory: Int64?
    public var pids: Int?
    public var devices: [DeviceRequest] = []
    public var genericResources: [JSONValue] = []
}

public struct RestartPolicy: Equatable, Sendable {
    public var condition: String?
    public var delay: Duration?
    public var maxAttempts: Int?
    public var window: Duration?
}

/// A device reservation (`deploy.resources.reservations.devices` or `gpus:`).
public struct DeviceRequest: Equatable, Sendable {
    public var driver: String?
    /// Number of devices; -1 means all.
    public var count: Int?
    public var deviceIDs: [String] = []
    public var capabilities: [String] = []
    public var options: [String: String] = [:]

    public var isGPU: Bool {
        capabilities.contains("gpu") || driver == "nvidia"
    }
}

/// `devices:` entry.
public struct Device: Equatable, Sendable {
    public var source: String
    public var target: String
    public var permissions: String?
}

/// A service's use of a network.
public struct ServiceNetwork: Equatable, Sendable {
    public var name: String
    public var aliases: [String] = []
    public var ipv4Address: String?
    public var ipv6Address: String?
    public var options: [String: JSONValue] = [:]
}

/// A service's use of a top-level secret or config.
public struct FileReference: Equatable, Sendable {
    public var source: String
    public var target: String?
    public var uid: String?
    public var gid: String?
    public var mode: Int?
}
