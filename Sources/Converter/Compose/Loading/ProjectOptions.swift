/// What the user asked for: the `-f` files, `--project-directory`, `-p`, `--profile`,
/// `--env-file`, `--allow-read`, and the environment.
public struct ProjectOptions: Sendable {
    /// Compose files as given; empty means "discover them like Compose does".
    public var files: [String]
    /// The folder the command runs in; relative paths given by the user resolve against it.
    public var workingDirectory: String
    /// `--project-directory`: where relative paths and `.env` are read, and compose files found
    /// when none is named (as in Compose); nil means the first compose file's folder.
    public var projectDirectory: String?
    /// `--allow-read`: folders outside the project tree whose files may be read too.
    public var readableFolders: [String] = []
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
