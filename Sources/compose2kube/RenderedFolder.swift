import Converter
import Foundation

/// A Helm chart's templates and a kustomization's patches are not the objects a cluster gets:
/// `diff --against` renders such a folder first, with `kubectl kustomize` or `helm template`
/// when that tool is on PATH, or says the command that renders it (values-secrets.yaml
/// included, which a chart of secret values needs).
enum RenderedFolder {
    /// What to compare with: the folder's objects, or its render.
    enum Source {
        case folder(String)
        /// Objects rendered from the folder, and what rendered them (for a message).
        case rendered(text: String, command: String)
    }

    static func source(for folder: String) throws -> Source {
        let manager = FileManager.default
        let root = URL(fileURLWithPath: folder).standardizedFileURL.path
        let files = (try? manager.subpathsOfDirectory(atPath: root)) ?? []
        if let chart = files.first(where: { $0 == "Chart.yaml" || $0.hasSuffix("/Chart.yaml") }) {
            let chartFolder = Paths.directory(of: root + "/" + chart)
            let values = ["values.yaml", "values-secrets.yaml"].filter { manager.fileExists(atPath: chartFolder + "/" + $0) }
            let arguments = ["template", "compose2kube", chartFolder] + values.flatMap { ["-f", chartFolder + "/" + $0] }
            return try render("helm", arguments, folder: chartFolder, what: "a Helm chart")
        }
        let isKustomization = { (path: String) in
            ["kustomization.yaml", "kustomization.yml", "Kustomization"].contains { manager.fileExists(atPath: path + "/" + $0) }
        }
        // compose2kube's layout: the base is what `diff --format kustomize` compares.
        if !isKustomization(root), isKustomization(root + "/base") {
            return try render("kubectl", ["kustomize", root + "/base"], folder: root + "/base", what: "a kustomization")
        }
        if isKustomization(root) { return try render("kubectl", ["kustomize", root], folder: root, what: "a kustomization") }
        if files.contains(where: { ["kustomization.yaml", "kustomization.yml"].contains(URL(fileURLWithPath: $0).lastPathComponent) }) {
            throw DiagnosticError(
                .error("\(root) holds kustomizations: give --against the one you apply (overlays/local, say)", at: .file(root), path: ""))
        }
        return .folder(folder)
    }

    /// The tool's output, or an error with the command to run by hand when the tool is missing or fails.
    private static func render(_ tool: String, _ arguments: [String], folder: String, what: String) throws -> Source {
        let command = ([tool] + arguments).map(shellWord).joined(separator: " ")
        let byHand = "mkdir -p rendered && \(command) > rendered/all.yaml && compose2kube diff --against rendered"
        guard let executable = executable(tool) else {
            throw DiagnosticError(.error("\(folder) is \(what): render it first and compare the result: \(byHand)", at: .file(folder), path: ""))
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let text = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let said = String(decoding: message, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw DiagnosticError(.error("\(command) failed: \(said)", at: .file(folder), path: ""))
        }
        return .rendered(text: String(decoding: text, as: UTF8.self), command: command)
    }

    private static func executable(_ tool: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        return path.split(separator: ":").map { "\($0)/\(tool)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    private static func shellWord(_ word: String) -> String {
        word.allSatisfy({ $0.isLetter || $0.isNumber || "-_./=:@".contains($0) }) ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
