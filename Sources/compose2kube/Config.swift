import ArgumentParser
import Converter
import Foundation

extension Compose2Kube {
    /// `compose2kube config`: print the normalized project, like `docker compose config`.
    struct Config: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the compose project as compose2kube reads it (normalized, merged, interpolated)."
        )

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case json, yaml
        }

        @OptionGroup var project: ProjectOptionsGroup

        @Option(help: "Output format.")
        var format: Format = .yaml

        func run() throws {
            let loaded = try project.load()
            let value = loaded.project.configJSON()
            if format == .json, let number = value.nonFiniteNumber {
                // JSON has no NaN or infinity: docker compose config fails the same way (Go's encoding/json).
                StandardError.line("error: json: unsupported value: \(number.isNaN ? "NaN" : number < 0 ? "-Inf" : "+Inf")")
                throw ExitCode.failure
            }
            let text = format == .json ? JSONWriter.write(value) : YAMLWriter.write(value)
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}
