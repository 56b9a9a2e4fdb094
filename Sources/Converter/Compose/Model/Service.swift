/// One compose service, normalized.
public struct Service: Sendable {
    public var name: String
    public var image: String?
    public var build: Build?
    public var pullPolicy: String?
    public var platform: String?
    /// Argument lists; shell-form strings were split into words.
    public var command: [String]?
    public var entrypoint: [String]?
    /// Variables in name order; nil means "declared without a value" (`- KEY` with `KEY` unset).
    public var environment: [String: String?] = [:]
    public var ports: [Port] = []
    public var expose: [String] = []
    public var volumes: [VolumeMount] = []
    public var tmpfs: [String] = []
    public var dependsOn: [Dependency] = []
    public var healthcheck: Healthcheck?
    public var deploy: Deploy?
    public var labels: [String: String] = [:]
    public var annotations: [String: String] = [:]
    public var networks: [ServiceNetwork] = []
    public var networkMode: String?
    public var secrets: [FileReference] = []
    public var configs: [FileReference] = []
    public var restart: String?
    public var profiles: [String] = []
    public var gpus: [DeviceRequest] = []
    public var devices: [Device] = []
    public var resources = ServiceResources()
    public var security = SecuritySettings()
    public var runtime = RuntimeSettings()
    public var links: [String] = []
    public var externalLinks: [String] = []
    public var volumesFrom: [String] = []
    public var ulimits: [String: JSONValue] = [:]
    public var logging: JSONValue?
    public var scale: Int?
    /// Compose keys this model does not type (blkio_config, cpu_shares, …), kept as written so
    /// `config` shows them and the converter can report them.
    public var otherKeys: [String: JSONValue] = [:]
    /// `x-*` extension fields of the service (such as `x-kubernetes`).
    public var extensions: [String: JSONValue] = [:]

    public init(name: String) {
        self.name = name
    }
}

/// Memory and CPU set outside `deploy` (`mem_limit`, `cpus`, `shm_size`, …).
public struct ServiceResources: Equatable, Sendable {
    public var cpus: Double?
    public var memLimit: Int64?
    public var memReservation: Int64?
    public var shmSize: Int64?
}

/// Keys that become a pod or container securityContext.
public struct SecuritySettings: Equatable, Sendable {
    public var user: String?
    public var privileged: Bool?
    public var readOnly: Bool?
    public var capAdd: [String] = []
    public var capDrop: [String] = []
    public var securityOpt: [String] = []
    public var groupAdd: [String] = []
    public var sysctls: [String: String] = [:]
}

/// Keys about how the container runs: names, DNS, terminal, stop behaviour, host namespaces.
public struct RuntimeSettings: Equatable, Sendable {
    public var containerName: String?
    public var hostname: String?
    public var domainname: String?
    public var workingDir: String?
    public var extraHosts: [String: [String]] = [:]
    public var dns: [String] = []
    public var dnsSearch: [String] = []
    public var dnsOpt: [String] = []
    public var tty: Bool?
    public var stdinOpen: Bool?
    public var stopGracePeriod: Duration?
    public var stopSignal: String?
    public var pid: String?
    public var ipc: String?
    public var initProcess: Bool?
}

/// A duration kept in nanoseconds, printed the way Docker Compose prints it.
public struct Duration: Equatable, Hashable, Sendable, CustomStringConvertible {
    public var nanoseconds: Int64

    public init(nanoseconds: Int64) {
        self.nanoseconds = nanoseconds
    }

    public var seconds: Double { Double(nanoseconds) / 1e9 }
    public var description: String { DurationSyntax.format(nanoseconds: nanoseconds) }
}
