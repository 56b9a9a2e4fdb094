import ArgumentParser
import Converter
import Foundation

/// The compose-style flags every subcommand shares: files, project name, profiles, env files.
struct ProjectOptionsGroup: ParsableArguments {
    @Option(name: [.short, .customLong("file")], help: "A compose file; repeat to merge several (default: compose.yaml and friends).")
    var files: [String] = []

    @Argument(help: "Compose files, as an alternative to -f.")
    var positionalFiles: [String] = []

    @Option(name: [.short, .customLong("project-name")], help: "The project name (default: `name:` or the folder's name).")
    var projectName: String?

    @Option(name: .customLong("profile"), help: "Activate a profile; repeat for several (default: COMPOSE_PROFILES).")
    var profiles: [String] = []

    @Option(name: .customLong("env-file"), help: "Read variables from this file instead of .env; repeatable.")
    var envFiles: [String] = []

    @Option(help: "Where relative paths and .env are read (default: the first compose file's folder), as in Compose.")
    var projectDirectory: String?

    @Option(
        name: .customLong("allow-read"),
        help: "Also read project files below this folder (the project folder and its repository are read already); repeatable.")
    var readableFolders: [String] = []

    func projectOptions() -> ProjectOptions {
        var options = ProjectOptions(
            files: files + positionalFiles,
            workingDirectory: FileManager.default.currentDirectoryPath,
            projectName: projectName,
            profiles: profiles,
            envFiles: envFiles,
            environment: ProcessInfo.processInfo.environment
        )
        options.projectDirectory = projectDirectory
        options.readableFolders = readableFolders
        return options
    }

    /// The inputs as given on the command line, for a command that reproduces this conversion.
    var inputArguments: [String] {
        positionalFiles + files.flatMap { ["-f", $0] } + selectionArguments + readableFolders.flatMap { ["--allow-read", $0] }
    }

    /// The inputs as `docker compose` takes them: it reads files from `-f` only.
    var composeArguments: [String] {
        (positionalFiles + files).flatMap { ["-f", $0] } + selectionArguments
    }

    /// The project folder, name, profiles and env files, written alike for both.
    private var selectionArguments: [String] {
        (projectDirectory.map { ["--project-directory", $0] } ?? []) + (projectName.map { ["-p", $0] } ?? [])
            + profiles.flatMap { ["--profile", $0] } + envFiles.flatMap { ["--env-file", $0] }
    }

    /// The project with every profile active, printing nothing: a chart offers each profile's
    /// services behind a value. Nil when Compose could not run them all together.
    func loadEveryProfile() -> LoadedProject? {
        var options = projectOptions()
        options.profiles = ["*"]
        return try? ProjectLoader().load(options)
    }

    /// Loads the project, printing its diagnostics (with a summary line unless the command
    /// prints one at its end); fails with exit code 1 on errors.
    func load(summary: Bool = true) throws -> LoadedProject {
        do {
            let loaded = try ProjectLoader().load(projectOptions())
            DiagnosticPrinter.print(loaded.diagnostics, summary: summary)
            return loaded
        } catch let error as DiagnosticError {
            DiagnosticPrinter.print(error.diagnostics)
            throw ExitCode.failure
        }
    }
}
