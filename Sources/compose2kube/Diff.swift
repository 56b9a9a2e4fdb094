import ArgumentParser
import Converter
import Emitters
import Foundation

extension Compose2Kube {
    /// `compose2kube diff`: what the compose project would change in an existing Kubernetes folder.
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare the compose project's conversion with an existing folder of Kubernetes manifests.",
            discussion: "Exit status: 0 when they are the same, 1 when they differ, 2 on error."
        )

        enum Output: String, ExpressibleByArgument, CaseIterable { case human, json }

        @OptionGroup var project: ProjectOptionsGroup
        @Option(help: "The folder of existing manifests (searched recursively).") var against: String
        @OptionGroup var conversion: ConversionOptionsGroup
        @Option(help: "Which output to compare: kustomize compares its CPU base.") var format: OutputFormat = .manifests
        @Flag(help: "Ignore fields equal to Kubernetes' defaults (protocol TCP, replicas 1, RollingUpdate 25%/25%, …).")
        var ignoreDefaults = false
        @Option(help: "Report format.") var output: Output = .human

        func run() throws {
            do {
                let diff = try compare()
                let text = output == .json ? DiffReport.json(diff) : DiffReport.human(diff, color: DiffReport.wantsColor())
                FileHandle.standardOutput.write(Data(text.utf8))
                if !diff.isEmpty { throw ExitCode(1) }
            } catch let error as DiagnosticError {
                DiagnosticPrinter.print(error.diagnostics)
                throw ExitCode(2)
            } catch let exit as ExitCode {
                throw exit
            } catch {
                StandardError.line("error: \(error)")
                throw ExitCode(2)
            }
        }

        private func compare() throws -> ManifestDiff {
            let loaded: LoadedProject
            do { loaded = try project.load() } catch is ExitCode { throw ExitCode(2) }
            let result = try ComposeConverter(options: try conversion.options()).convert(loaded.project)
            let objects = format == .kustomize ? KustomizeEmitter.baseObjects(result) : result.objects
            let folder: [ManifestFolderLoader.Loaded]
            switch try RenderedFolder.source(for: against) {
            case .folder(let path): folder = try ManifestFolderLoader().load(path)
            case .rendered(let text, let command):
                StandardError.line("note: compared with the render of \(command)")
                folder = try ManifestFolderLoader.documents(text, file: against).flatMap(ManifestFolderLoader.expandLists).map {
                    ManifestFolderLoader.Loaded(value: $0, file: against)
                }
            }
            return ManifestDiff.compare(
                conversion: objects.map(\.data), folder: folder, normalizer: DiffNormalizer(ignoreDefaults: ignoreDefaults),
                namespace: conversion.namespace ?? "default")
        }
    }
}
