/// One compose service, normalized.
package struct Service: Sendable {
    package var name: String
    package var image: String?
    package var build: Build?
    package var pullPolicy: String?
    package var platform: String?
    /// Argument lists; shell-form strings were split into words.
    package var command: [String]?
    package var entrypoint: [String]?
    /// Variables in name order; nil means "declared without a value" (`- KEY` with `KEY` unset).
    package var environment: [String: String?] = [:]
    package var ports: [Port] = []
    package var expose: [String] = []
    package var volumes: [VolumeMount] = []
    package var tmpfs: [String] = []
    package var dependsOn: [Dependency] = []
    package var healthcheck: Healthcheck?
    package var deploy: Deploy?
    package var labels: [String: String] = [:]
    package var annotations: [String: String] = [:]
    package var networks: [ServiceNetwork] = []
    package var networkMode: String?
    package var secrets: [FileReference] = []
    package var configs: [FileReference] = []
    package var restart: String?
    package var profiles: [String] = []
    package var gpus: [DeviceRequest] = []
    package var devices: [Device] = []
    package var resources = ServiceResources()
    package var security = SecuritySettings()
    package var runtime = RuntimeSettings()
    package var links: [String] = []
    package var externalLinks: [String] = []
    package var volumesFrom: [String] = []
    package var ulimits: [String: JSONValue] = [:]
    package var logging: JSONValue?
    package var scale: Int?
    /// Compose keys this model does not type (blkio_config, cpu_shares, …), kept as written so
    /// `config` shows them and the converter can report them.
    package var otherKeys: [String: JSONValue] = [:]
    /// `x-*` extension fields of the service (such as `x-kubernetes`).
    package var extensions: [String: JSONValue] = [:]

    package init(name: String) {
        self.name = name
    }
}

/// Memory and CPU set outside `deploy` (`mem_limit`, `cpus`, `shm_size`, …).
package struct ServiceResources: Equatable, Sendable {
    package var cpus: Double?
    package var memLimit: Int64?
    package var memReservation: Int64?
    package var shmSize: Int64?
}

/// Keys that become a pod or container securityContext.
package struct SecuritySettings: Equatable, Sendable {
    package var user: String?
    package var privileged: Bool?
    package var readOnly: Bool?
    package var capAdd: [String] = []
    package var capDrop: [String] = []
    package var securityOpt: [String] = []
    package var groupAdd: [String] = []
    package var sysctls: [String: String] = [:]
}

/// Keys about how the container runs: names, DNS, terminal, stop behaviour, host namespaces.
package struct RuntimeSettings: Equatable, Sendable {
    package var containerName: String?
    package var hostname: String?
    package var domainname: String?
    package var workingDir: String?
    package var extraHosts: [String: [String]] = [:]
    package var dns: [String] = []
    package var dnsSearch: [String] = []
    package var dnsOpt: [String] = []
    package var tty: Bool?
    package var stdinOpen: Bool?
    package var stopGracePeriod: Duration?
    package var stopSignal: String?
    package var pid: String?
    package var ipc: String?
    package var initProcess: Bool?
}

/// A duration kept in nanoseconds, printed the way Docker Compose prints it.
package struct Duration: Equatable, Hashable, Sendable, CustomStringConvertible {
    package var nanoseconds: Int64

    package init(nanoseconds: Int64) {
        self.nanoseconds = nanoseconds
    }

    package var seconds: Double { Double(nanoseconds) / 1e9 }
    package var description: String { DurationSyntax.format(nanoseconds: nanoseconds) }
}
