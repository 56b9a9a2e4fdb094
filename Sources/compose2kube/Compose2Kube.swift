import ArgumentParser
import Foundation

@main
struct Compose2Kube: ParsableCommand {
    /// The release this binary is; `--version` and `compose2kube version` print it.
    static let version = "0.4.0"

    static let configuration = CommandConfiguration(
        commandName: "compose2kube",
        abstract: "Migrate a Docker Compose project to Kubernetes.",
        version: version,
        subcommands: [Convert.self, Diff.self, Tutorial.self, Config.self, Version.self]
    )

    /// `compose2kube version`.
    struct Version: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the version.")
        func run() { print(Compose2Kube.version) }
    }

    static func main() {
        do {
            var command = try parseAsRoot(nil)
            try command.run()
        } catch {
            exit(withUsageErrorsAsTwo: error)
        }
    }

    /// Exits as ArgumentParser does, except that usage errors exit 2 (as the help says and as
    /// most command-line tools do) instead of `EX_USAGE` (64).
    private static func exit(withUsageErrorsAsTwo error: Error) -> Never {
        let code = exitCode(for: error)
        guard code == .validationFailure else { self.exit(withError: error) }
        let message = fullMessage(for: error)
        if !message.isEmpty { StandardError.line(message) }
        Foundation.exit(2)
    }
}
