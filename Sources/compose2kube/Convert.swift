import ArgumentParser
import Converter
import Emitters
import Foundation

extension Compose2Kube {
    /// `compose2kube convert`: the compose project as Kubernetes objects.
    struct Convert: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Convert a compose project to Kubernetes manifests.")

        enum Report: String, ExpressibleByArgument, CaseIterable { case json }

        @OptionGroup var project: ProjectOptionsGroup

        @Option(help: "Output form.") var format: OutputFormat = .manifests
        @Option(
            name: [.short, .customLong("output")],
            help: "Output folder (one file per object), a new .yaml/.yml file (one stream), or - for standard output (the default).")
        var output: String?
        @Flag(help: "Write one YAML stream in apply order to standard output (the default; same as -o -).") var stdout = false
        @Flag(
            help:
                "Write into a non-empty output folder, or replace generated files edited by hand (files compose2kube did not write are never replaced)."
        )
        var force = false
        @OptionGroup var conversion: ConversionOptionsGroup
        @Flag(help: "Also write MIGRATION.md, a migration guide, beside the output folder.") var tutorial = false
        @Option(help: "The cluster MIGRATION.md is written for (with --tutorial).") var cluster: TutorialOptions.Cluster = .generic
        @Flag(help: "Fail when there is any warning.") var strict = false
        @Option(help: "Also print a machine-readable report on standard error.") var report: Report?

        /// Where the output goes.
        enum Destination: Equatable {
            case standardOutput
            /// One YAML stream in a file (`-o k8s.yaml`).
            case stream(String)
            case folder(String)
        }

        var destination: Destination {
            guard let output, output != "-", !stdout else { return .standardOutput }
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory)
            if exists ? !isDirectory.boolValue : (output.hasSuffix(".yaml") || output.hasSuffix(".yml")) { return .stream(output) }
            return .folder(output)
        }

        func validate() throws {
            if stdout, output != nil { throw ValidationError("give either -o or --stdout, not both") }
            switch destination {
            case .standardOutput where format != .manifests:
                throw ValidationError("--format \(format.rawValue) writes a folder: give -o DIR")
            case .standardOutput where tutorial, .stream where tutorial:
                throw ValidationError("--tutorial writes MIGRATION.md beside the output folder: give -o DIR")
            case .stream(let path) where format != .manifests:
                throw ValidationError("--format \(format.rawValue) writes a folder, and \(path) is a file: give -o DIR")
            default: break
            }
        }

        func run() throws {
            let loaded = try project.load(summary: false)
            var options = try conversion.options()
            options.pinNodePorts = options.pinNodePorts || (tutorial && cluster == .kind)
            options.reportsCoverage = report == .json
            var result: ConversionResult
            let output: Output
            do {
                result = try ComposeConverter(options: options).convert(loaded.project)
                if format == .helm { result = withEveryProfile(result, loaded: loaded, options: options) }
                output = try self.output(result, namespace: options.namespace)
            } catch let error as DiagnosticError {
                DiagnosticPrinter.print(error.diagnostics, summary: false)
                StandardError.line(DiagnosticPrinter.summaryLine(loaded.diagnostics + error.diagnostics))
                throw ExitCode.failure
            }
            ConversionSummary.print(result, json: report == .json)
            let all = loaded.diagnostics + result.diagnostics
            if strict, !all.isEmpty {
                let line = DiagnosticPrinter.summaryLine(all, wrote: "--strict: failing because of the warnings above; nothing was written")
                StandardError.line(line)
                throw ExitCode.failure
            }
            if case .files(_, let frozen) = output { noteFrozenVariables(frozen) }
            var wrote = [try write(output, objects: result.objects.count, project: loaded.project, namespace: options.namespace)]
            if tutorial, case .folder(let output) = destination {
                wrote.append(try writeTutorial(result, loaded: loaded, output: output, namespace: options.namespace))
            }
            if report != .json {
                let written = wrote.compactMap { $0 }.joined(separator: ", ")
                StandardError.line(DiagnosticPrinter.summaryLine(all, wrote: written.isEmpty ? nil : written))
            }
        }

        /// A chart carries the services of every profile, each behind `profiles.<name>`; a project
        /// whose profiles cannot all run together (Compose refuses it) keeps its selection.
        private func withEveryProfile(_ result: ConversionResult, loaded: LoadedProject, options: ConversionOptions) -> ConversionResult {
            guard !loaded.project.disabledServices.isEmpty || !loaded.project.activeProfiles.isEmpty else { return result }
            var everyProfile = options
            everyProfile.profilesAreSwitched = true
            guard let everything = project.loadEveryProfile(),
                let all = try? ComposeConverter(options: everyProfile).convert(everything.project)
            else {
                StandardError.line(
                    "note: the chart holds only the selected profiles' services: with every profile active, the project does not convert")
                return result
            }
            let converted = Set(all.graph.nodes.map(\.name))
            let active =
                loaded.project.activeProfiles.contains("*")
                ? Set(everything.project.services.filter { converted.contains($0.name) }.flatMap(\.profiles))
                : loaded.project.activeProfiles
            if !loaded.project.disabledServices.isEmpty {
                StandardError.line(
                    "note: the chart also carries \(loaded.project.disabledServices.sorted().joined(separator: ", ")), off until their profile is turned on (profiles.<name> in values.yaml)"
                )
            }
            return result.addingProfileServices(from: all, active: active, locations: everything.project.locations)
        }

        /// MIGRATION.md beside the output folder, describing exactly this conversion.
        /// - Returns: what was written, for the summary line.
        private func writeTutorial(_ result: ConversionResult, loaded: LoadedProject, output: String, namespace: String?) throws -> String {
            let folder = URL(fileURLWithPath: output).standardizedFileURL
            var guide = TutorialOptions(
                cluster: cluster, format: format, outputFolder: folder.lastPathComponent, namespace: namespace)
            guide.inputArguments = project.inputArguments + conversion.arguments
            guide.composeArguments = project.composeArguments
            guide.helperImage = conversion.helperImage
            let text = try TutorialEmitter.markdown(
                result, diagnostics: loaded.diagnostics + result.diagnostics, options: guide)
            let path = folder.deletingLastPathComponent().appendingPathComponent("MIGRATION.md").path
            try GeneratedFileGuard.write(guide: text, to: path, force: force)
            return "wrote \(path)"
        }

        /// What convert writes: one YAML stream, or the files of a folder (with, for a chart, the
        /// variables its values do not reach).
        private enum Output {
            case stream(String)
            case files([GeneratedFile], frozen: [(variable: String, paths: [String])])
        }

        private func output(_ result: ConversionResult, namespace: String?) throws -> Output {
            guard case .folder(let output) = destination else { return .stream(ManifestsEmitter.stream(result.objects)) }
            switch format {
            case .manifests: return .files(ManifestsEmitter.files(result.objects), frozen: [])
            case .kustomize: return .files(KustomizeEmitter.files(result, namespace: namespace), frozen: [])
            case .helm:
                let chart = try HelmEmitter.chart(result, folder: output.hasSuffix("/") ? String(output.dropLast()) : output)
                return .files(chart.files, frozen: chart.frozenVariables)
            }
        }

        /// Names the variables a chart's values do not reach: changing those needs a new conversion.
        private func noteFrozenVariables(_ frozen: [(variable: String, paths: [String])]) {
            guard !frozen.isEmpty, report != .json else { return }
            let shown = frozen.prefix(5).map {
                "\($0.variable) (\($0.paths.prefix(2).joined(separator: ", "))\($0.paths.count > 2 ? ", …" : ""))"
            }
            let more = frozen.count > 5 ? " and \(frozen.count - 5) more" : ""
            StandardError.line(
                "note: kept as converted in the chart, so a change needs a new conversion: \(shown.joined(separator: "; "))\(more) (the chart's README.md lists them)"
            )
        }

        /// - Returns: what was written, for the summary line (nil for standard output).
        private func write(_ output: Output, objects: Int, project: ComposeProject, namespace: String?) throws -> String? {
            do {
                switch (destination, output) {
                case (.standardOutput, .stream(let text)):
                    FileHandle.standardOutput.write(Data(text.utf8))
                    return nil
                case (.stream(let path), .stream(let text)):
                    try GeneratedFileGuard(style: .yaml, force: force).write(text, to: path)
                    return "wrote \(objects) objects to \(path)"
                case (.folder(let output), .files(let files, _)):
                    return try writeFolder(files, project: project, output: output, namespace: namespace)
                default:
                    preconditionFailure("the output was made for another destination")
                }
            } catch let refusal as GeneratedFileGuard.Refusal {
                StandardError.line("error: \(refusal.description)")
                throw ExitCode.failure
            } catch let refusal as OutputWriter.Refusal {
                StandardError.line("error: \(refusal.description)")
                throw ExitCode.failure
            }
        }

        private func writeFolder(_ files: [GeneratedFile], project: ComposeProject, output: String, namespace: String?) throws -> String {
            let directory = URL(fileURLWithPath: output, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
                .standardizedFileURL
            let outcome = try OutputWriter(directory: directory, force: force).write(files)
            var text = ""
            if !outcome.kept.isEmpty {
                text += "kept files compose2kube did not generate:\n" + outcome.kept.map { "  \($0)\n" }.joined()
            }
            if !outcome.removed.isEmpty {
                text += "removed files this conversion no longer generates:\n" + outcome.removed.map { "  \($0)\n" }.joined()
                text += removedObjectsAdvice(project: project, output: output, namespace: namespace)
            }
            StandardError.write(text)
            return "wrote \(files.count) files to \(output)"
        }

        /// How to remove the objects of the files a re-run removed, keeping the claims (the data).
        private func removedObjectsAdvice(project: ComposeProject, output: String, namespace: String?) -> String {
            let name = KubernetesName.dns1123(project.name)
            let folder = output.hasSuffix("/") ? String(output.dropLast()) : output
            switch format {
            case .helm:
                return "  (helm upgrade removes their objects from the cluster; claims the chart made stay, as it marks them helm.sh/resource-policy: keep)\n"
            case .manifests, .kustomize:
                let source = format == .manifests ? "-f \(folder)/" : "-k \(folder)/overlays/local"
                return "  (removing a file does not remove its object from a cluster; this removes them and keeps every claim and namespace:\n"
                    + "   \(PruneAdvice.applyCommand(project: name, namespace: namespace, source: source))\n"
                    + "   and this keeps the claims' volumes even if a claim is deleted:\n"
                    + "   \(PruneAdvice.retainCommand(project: name, namespace: namespace)))\n"
            }
        }
    }
}
