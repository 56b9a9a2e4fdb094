/// `build:` of a service.
package struct Build: Equatable, Sendable {
    package var context: String
    package var dockerfile: String = "Dockerfile"
    package var dockerfileInline: String?
    package var target: String?
    package var args: [String: String?] = [:]
    /// Other build keys (cache_from, secrets, platforms, …) as written.
    package var options: [String: JSONValue] = [:]
}

/// A port, in long syntax; ranges were expanded.
package struct Port: Equatable, Sendable {
    package enum TransportProtocol: String, Sendable { case tcp, udp, sctp }
    package var target: Int
    /// Host port or port range (`"8080"`, `"8000-8010"`); nil when not published.
    package var published: String?
    package var hostIP: String?
    package var proto: TransportProtocol = .tcp
    package var mode: String = "ingress"
    package var name: String?
    package var appProtocol: String?
}

extension Port {
    /// Whether the port is published on an address other hosts reach: not only on a loopback
    /// address (`127.0.0.1:5432:5432` keeps a database local on purpose).
    package var isPublishedBeyondLoopback: Bool {
        guard published != nil else { return false }
        guard let hostIP else { return true }
        return !(hostIP.hasPrefix("127.") || ["::1", "[::1]", "localhost"].contains(hostIP))
    }
}

/// A mount of a service, in long syntax.
package struct VolumeMount: Equatable, Sendable {
    package enum Kind: String, Sendable { case bind, volume, tmpfs, npipe, cluster, image }
    package var type: Kind
    /// Absolute host path for binds; volume name for volumes; nil for anonymous volumes and tmpfs.
    package var source: String?
    package var target: String
    package var readOnly = false
    package var createHostPath: Bool?
    package var selinux: String?
    package var propagation: String?
    package var noCopy: Bool?
    package var subpath: String?
    package var tmpfsSize: Int64?
    package var tmpfsMode: Int?
    /// Whether the bind was written in short syntax (Compose then creates a missing host path).
    package var isShortSyntax = false
}

/// `depends_on` entry.
package struct Dependency: Equatable, Sendable {
    package enum Condition: String, Sendable {
        case started = "service_started"
        case healthy = "service_healthy"
        case completedSuccessfully = "service_completed_successfully"
    }
    package var service: String
    package var condition: Condition = .started
    package var required = true
    package var restart: Bool?
}

/// `healthcheck:`.
package struct Healthcheck: Equatable, Sendable {
    package enum Test: Equatable, Sendable {
        /// `NONE` or `disable: true`: the image's healthcheck is turned off.
        case none
        /// `CMD`: an argument vector run directly.
        case exec([String])
        /// `CMD-SHELL` or a plain string: run by a shell.
        case shell(String)
    }
    package var test: Test?
    package var interval: Duration?
    package var timeout: Duration?
    package var retries: Int?
    package var startPeriod: Duration?
    package var startInterval: Duration?
    package var disabled = false
}

/// `deploy:`.
package struct Deploy: Equatable, Sendable {
    package var mode: String?
    package var replicas: Int?
    package var limits = ResourceSpec()
    package var reservations = ResourceSpec()
    package var placementConstraints: [String] = []
    package var placementPreferences: [JSONValue] = []
    package var labels: [String: String] = [:]
    package var restartPolicy: RestartPolicy?
    package var endpointMode: String?
    /// update_config, rollback_config and other keys as written.
    package var options: [String: JSONValue] = [:]
}

package struct ResourceSpec: Equatable, Sendable {
    package var cpus: Double?
    package var memory: Int64?
    package var pids: Int?
    package var devices: [DeviceRequest] = []
    package var genericResources: [JSONValue] = []
}

package struct RestartPolicy: Equatable, Sendable {
    package var condition: String?
    package var delay: Duration?
    package var maxAttempts: Int?
    package var window: Duration?
}

/// A device reservation (`deploy.resources.reservations.devices` or `gpus:`).
package struct DeviceRequest: Equatable, Sendable {
    package var driver: String?
    /// Number of devices; -1 means all.
    package var count: Int?
    package var deviceIDs: [String] = []
    package var capabilities: [String] = []
    package var options: [String: String] = [:]

    package var isGPU: Bool {
        capabilities.contains("gpu") || driver == "nvidia"
    }
}

/// `devices:` entry.
package struct Device: Equatable, Sendable {
    package var source: String
    package var target: String
    package var permissions: String?
}

/// A service's use of a network.
package struct ServiceNetwork: Equatable, Sendable {
    package var name: String
    package var aliases: [String] = []
    package var ipv4Address: String?
    package var ipv6Address: String?
    package var options: [String: JSONValue] = [:]
}

/// A service's use of a top-level secret or config.
package struct FileReference: Equatable, Sendable {
    package var source: String
    package var target: String?
    package var uid: String?
    package var gid: String?
    package var mode: Int?
}
