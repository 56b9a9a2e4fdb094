/// What the user asked for: the `-f` files, `-p`, `--profile`, `--env-file`, and the environment.
public struct ProjectOptions: Sendable {
    /// Compose files as given; empty means "discover them like Compose does".
    public var files: [String]
    /// The folder the command runs in; relative paths given by the user resolve against it.
    public var workingDirectory: String
    public var projectName: String?
    public var profiles: [String]
    public var envFiles: [String]
    /// The process environment; it wins over `.env`.
    public var environment: [String: String]

    public init(
        files: [String] = [], workingDirectory: String, projectName: String? = nil, profiles: [String] = [],
        envFiles: [String] = [], environment: [String: String] = [:]
    ) {
        self.files = files
        self.workingDirectory = workingDirectory
        self.projectName = projectName
        self.profiles = profiles
        self.envFiles = envFiles
        self.environment = environment
    }
}

/// A loaded project and the warnings found on the way.
public struct LoadedProject: Sendable {
    public var project: ComposeProject
    public var diagnostics: [Diagnostic]
}
