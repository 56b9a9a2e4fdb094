/// A compose project as Docker Compose sees it after loading: files merged, variables
/// interpolated, `extends`/`include` applied, profiles chosen, short syntax made long.
/// No Kubernetes types here.
public struct ComposeProject: Sendable {
    public var name: String
    /// The project directory: relative paths were resolved against it.
    public var workingDirectory: String
    /// Services in name order.
    public var services: [Service]
    public var networks: [String: Network]
    public var volumes: [String: Volume]
    public var secrets: [String: FileObject]
    public var configs: [String: FileObject]
    /// Top-level `x-*` extension fields.
    public var extensions: [String: JSONValue]
    /// Services left out because none of their profiles is active.
    public var disabledServices: [String]
    /// The profiles `--profile` or `COMPOSE_PROFILES` activated (`*`: all).
    public var activeProfiles: Set<String> = []
    /// Where each key path of the project was written, such as `services.api.ports[0]`.
    public var locations: KeyLocations
    /// Scalars as written before interpolation, by key path, where it changed them
    /// (`services.api.image` → `shop/api:${TAG:-1.4}`); see `template(at:)`.
    public var written: [String: String] = [:]
    /// The variables interpolation saw (`.env`/`--env-file`, then the process environment).
    public var variables: [String: String] = [:]
    /// The names in `variables` whose value came from the converting shell's environment, which
    /// no output may write down (a chart asks for them instead).
    public var shellVariables: Set<String> = []

    public init(name: String, workingDirectory: String) {
        self.name = name
        self.workingDirectory = workingDirectory
        services = []
        networks = [:]
        volumes = [:]
        secrets = [:]
        configs = [:]
        extensions = [:]
        disabledServices = []
        locations = [:]
    }

    public func service(named name: String) -> Service? {
        services.first { $0.name == name }
    }
}

/// A top-level network.
public struct Network: Equatable, Sendable {
    public var name: String
    public var driver: String?
    public var external = false
    public var `internal` = false
    /// Everything else the network declares (ipam, driver_opts, labels, …), kept as written.
    public var options: [String: JSONValue] = [:]
}

/// A top-level named volume.
public struct Volume: Equatable, Sendable {
    public var name: String
    public var driver: String?
    public var external = false
    public var labels: [String: String] = [:]
    public var options: [String: JSONValue] = [:]
}

/// A top-level secret or config: from a file, inline content, an environment variable, or external.
public struct FileObject: Equatable, Sendable {
    public enum Source: Equatable, Sendable {
        case file(String)
        case content(String)
        case environment(String)
        case external
    }

    public var name: String
    public var source: Source
    public var options: [String: JSONValue] = [:]
}

extension ComposeProject {
    /// The project folder with a trailing `/`, the prefix of every path inside it.
    public var folderPrefix: String {
        workingDirectory.hasSuffix("/") ? workingDirectory : workingDirectory + "/"
    }

    /// The folder whose files may be read into the output (`ProjectTree`).
    public var tree: ProjectTree { ProjectTree(root: workingDirectory) }
}

extension ComposeProject {
    /// The value at `path` as written, variables and all; nil when interpolation did not change
    /// it (or the reader made it from shorter syntax, such as a `"${PORT}:80"` port).
    public func template(at path: String) -> Template? {
        written[path].flatMap { try? Template.parse($0) }
    }
}
