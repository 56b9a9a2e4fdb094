/// A compose project as Docker Compose sees it after loading: files merged, variables
/// interpolated, `extends`/`include` applied, profiles chosen, short syntax made long.
/// No Kubernetes types here.
public struct ComposeProject: Sendable {
    package var name: String
    /// The project directory: relative paths were resolved against it.
    package var workingDirectory: String
    /// Services in name order.
    package var services: [Service]
    package var networks: [String: Network]
    package var volumes: [String: Volume]
    package var secrets: [String: FileObject]
    package var configs: [String: FileObject]
    /// Top-level `x-*` extension fields.
    package var extensions: [String: JSONValue]
    /// Services left out because none of their profiles is active.
    package var disabledServices: [String]
    /// The profiles `--profile` or `COMPOSE_PROFILES` activated (`*`: all).
    package var activeProfiles: Set<String> = []
    /// Where each key path of the project was written, such as `services.api.ports[0]`.
    package var locations: KeyLocations
    /// Scalars as written before interpolation, by key path, where it changed them
    /// (`services.api.image` → `shop/api:${TAG:-1.4}`); see `template(at:)`.
    package var written: [String: String] = [:]
    /// The folders whose files may be read into the output (`ProjectTree`): the project folder
    /// unless the loader widened it.
    package var tree: ProjectTree
    /// The variables interpolation saw (`.env`/`--env-file`, then the process environment).
    package var variables: [String: String] = [:]
    /// The names in `variables` whose value came from the converting shell's environment, which
    /// no output may write down (a chart asks for them instead).
    package var shellVariables: Set<String> = []

    package init(name: String, workingDirectory: String) {
        self.name = name
        self.workingDirectory = workingDirectory
        tree = ProjectTree(root: workingDirectory)
        services = []
        networks = [:]
        volumes = [:]
        secrets = [:]
        configs = [:]
        extensions = [:]
        disabledServices = []
        locations = [:]
    }

    package func service(named name: String) -> Service? {
        services.first { $0.name == name }
    }
}

/// A top-level network.
package struct Network: Equatable, Sendable {
    package var name: String
    package var driver: String?
    package var external = false
    package var `internal` = false
    /// Everything else the network declares (ipam, driver_opts, labels, …), kept as written.
    package var options: [String: JSONValue] = [:]
}

/// A top-level named volume.
package struct Volume: Equatable, Sendable {
    package var name: String
    package var driver: String?
    package var external = false
    package var labels: [String: String] = [:]
    package var options: [String: JSONValue] = [:]
}

/// A top-level secret or config: from a file, inline content, an environment variable, or external.
package struct FileObject: Equatable, Sendable {
    package enum Source: Equatable, Sendable {
        case file(String)
        case content(String)
        case environment(String)
        case external
    }

    package var name: String
    package var source: Source
    package var options: [String: JSONValue] = [:]
}

extension ComposeProject {
    /// The project folder with a trailing `/`, the prefix of every path inside it.
    package var folderPrefix: String {
        workingDirectory.hasSuffix("/") ? workingDirectory : workingDirectory + "/"
    }
}

extension ComposeProject {
    /// The value at `path` as written, variables and all; nil when interpolation did not change
    /// it (or the reader made it from shorter syntax, such as a `"${PORT}:80"` port).
    package func template(at path: String) -> Template? {
        written[path].flatMap { try? Template.parse($0) }
    }
}
