import ArgumentParser
import Converter
import Emitters
import Foundation

extension Compose2Kube {
    /// `compose2kube convert`: the compose project as Kubernetes objects.
    struct Convert: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Convert a compose project to Kubernetes manifests.")

        enum Format: String, ExpressibleByArgument, CaseIterable { case manifests, kustomize, helm }
        enum Report: String, ExpressibleByArgument, CaseIterable { case json }

        @OptionGroup var project: ProjectOptionsGroup

        @Option(help: "Output form.") var format: Format = .manifests
        @Option(name: [.short, .customLong("output")], help: "Output folder.") var output: String?
        @Flag(help: "Write one YAML stream in apply order to standard output.") var stdout = false
        @Flag(help: "Write into a non-empty output folder (other files there are kept).") var force = false
        @Option(help: "Namespace for every object (a Namespace object is added).") var namespace: String?
        @Option(help: "How published ports are exposed.") var expose: ConversionOptions.Exposure = .nodeport
        @Flag(help: "Services holding named volumes become StatefulSets.") var stateful = false
        @Option(help: "Size of generated PersistentVolumeClaims.") var pvcSize = "1Gi"
        @Option(help: "Extra regular expression for environment keys that are secret.") var secretKeys: String?
        @Option(help: "Bind mounts as ConfigMaps/PVCs (copy) or hostPath volumes (hostpath, single-node clusters).")
        var bindMounts: ConversionOptions.BindMountMode = .copy
        @Flag(help: "One NetworkPolicy per compose network, isolating it as compose does.") var networkPolicies = false
        @Flag(help: "A ResourceQuota summing the project's requests and limits.") var quota = false
        @Flag(help: "Give every published port a fixed nodePort (kind needs them for its port mappings).") var pinNodePorts = false
        @Flag(help: "Also write MIGRATION.md, a migration guide, beside the output folder.") var tutorial = false
        @Option(help: "The cluster MIGRATION.md is written for (with --tutorial).") var cluster: TutorialOptions.Cluster = .generic
        @Flag(help: "Fail when there is any warning.") var strict = false
        @Option(help: "Also print a machine-readable report on standard error.") var report: Report?

        func validate() throws {
            if stdout == (output != nil) { throw ValidationError("give exactly one of -o DIR or --stdout") }
            if stdout, format != .manifests {
                throw ValidationError("--stdout writes manifests only; give -o DIR for --format \(format.rawValue)")
            }
            if stdout, tutorial { throw ValidationError("--tutorial writes MIGRATION.md beside -o DIR") }
        }

        func run() throws {
            let loaded = try project.load()
            var options = ConversionOptions()
            options.namespace = namespace.map { KubernetesName.dns1123($0) }
            options.expose = expose
            options.stateful = stateful
            options.pvcSize = pvcSize
            options.secretKeyPattern = secretKeys
            options.bindMounts = bindMounts
            options.networkPolicies = networkPolicies
            options.quota = quota
            options.pinNodePorts = pinNodePorts || (tutorial && cluster == .kind)
            options.reportsCoverage = report == .json
            let result: ConversionResult
            do {
                result = try ComposeConverter(options: options).convert(loaded.project)
            } catch let error as DiagnosticError {
                DiagnosticPrinter.print(error.diagnostics)
                throw ExitCode.failure
            }
            ConversionSummary.print(result, json: report == .json)
            if strict, !(loaded.diagnostics + result.diagnostics).isEmpty {
                FileHandle.standardError.write(Data("--strict: failing because of the warnings above; nothing was written\n".utf8))
                throw ExitCode.failure
            }
            try write(result, project: loaded.project, namespace: options.namespace)
            if tutorial, let output { try writeTutorial(result, loaded: loaded, output: output, namespace: options.namespace) }
            exitWithoutTeardown()
        }

        /// MIGRATION.md beside the output folder, describing exactly this conversion.
        private func writeTutorial(_ result: ConversionResult, loaded: LoadedProject, output: String, namespace: String?) throws {
            let folder = URL(fileURLWithPath: output).standardizedFileURL
            let guide = TutorialOptions(
                cluster: cluster, format: TutorialOptions.Format(rawValue: format.rawValue) ?? .manifests,
                outputFolder: folder.lastPathComponent, namespace: namespace)
            let text = try TutorialEmitter.markdown(
                result, project: loaded.project, diagnostics: loaded.diagnostics + result.diagnostics, options: guide)
            let path = folder.deletingLastPathComponent().appendingPathComponent("MIGRATION.md")
            try Data(text.utf8).write(to: path, options: .atomic)
            FileHandle.standardError.write(Data("wrote \(path.path)\n".utf8))
        }

        private func files(_ result: ConversionResult, project: ComposeProject, namespace: String?) throws -> [GeneratedFile] {
            switch format {
            case .manifests: return ManifestsEmitter.files(result.objects)
            case .kustomize: return KustomizeEmitter.files(result, project: project, namespace: namespace)
            case .helm: return try HelmEmitter.files(result, project: project)
            }
        }

        private func write(_ result: ConversionResult, project: ComposeProject, namespace: String?) throws {
            if stdout {
                FileHandle.standardOutput.write(Data(ManifestsEmitter.stream(result.objects).utf8))
                return
            }
            let directory = URL(fileURLWithPath: output ?? ".", relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
                .standardizedFileURL
            do {
                let kept = try OutputWriter(directory: directory, force: force).write(files(result, project: project, namespace: namespace))
                if !kept.isEmpty {
                    FileHandle.standardError.write(
                        Data(("kept files compose2kube did not generate:\n" + kept.map { "  \($0)\n" }.joined()).utf8))
                }
            } catch let refusal as OutputWriter.Refusal {
                FileHandle.standardError.write(Data("error: \(refusal.description)\n".utf8))
                throw ExitCode.failure
            }
        }
    }
}

extension ConversionOptions.Exposure: ExpressibleByArgument {}
extension ConversionOptions.BindMountMode: ExpressibleByArgument {}
