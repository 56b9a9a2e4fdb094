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

    func projectOptions() -> ProjectOptions {
        ProjectOptions(
            files: files + positionalFiles,
            workingDirectory: FileManager.default.currentDirectoryPath,
            projectName: projectName,
            profiles: profiles,
            envFiles: envFiles,
            environment: ProcessInfo.processInfo.environment
        )
    }

    /// Loads the project, printing its diagnostics; fails with exit code 1 on errors.
    func load() throws -> LoadedProject {
        do {
            let loaded = try ProjectLoader().load(projectOptions())
            DiagnosticPrinter.print(loaded.diagnostics)
            return loaded
        } catch let error as DiagnosticError {
            DiagnosticPrinter.print(error.diagnostics)
            throw ExitCode.failure
        }
    }
}

/// Writes diagnostics to standard error, one per line, then a summary line.
enum DiagnosticPrinter {
    static func print(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        var text = diagnostics.map(\.description).joined(separator: "\n") + "\n"
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        text += "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\n"
        FileHandle.standardError.write(Data(text.utf8))
    }
}
