import Converter
import Foundation
import Testing

@testable import Emitters

/// Every output form of small projects, compared with what was written down
/// (`Tests/fixtures/golden/<case>/expected/`), so `swift test` alone catches a change in the
/// manifests, the chart, the kustomization or the guide. `RECORD=1 swift test` writes them again.
@Suite struct GoldenOutputTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures/golden")

    static var cases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    /// Every file the four outputs make, by path under `expected/`.
    static func outputs(of folder: URL) throws -> [String: String] {
        let loaded = try ProjectLoader().load(ProjectOptions(workingDirectory: folder.path, environment: [:]))
        let result = try ComposeConverter().convert(loaded.project)
        var files = ["manifests.yaml": ManifestsEmitter.stream(result.objects)]
        for file in try HelmEmitter.files(result) { files["helm/\(file.path)"] = file.contents }
        for file in KustomizeEmitter.files(result, namespace: nil) { files["kustomize/\(file.path)"] = file.contents }
        files["MIGRATION.md"] = try TutorialEmitter.markdown(
            result, diagnostics: loaded.diagnostics + result.diagnostics, options: TutorialOptions())
        return files
    }

    static func written(in folder: URL) -> [String: String] {
        let paths = (FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String]) ?? []
        var files: [String: String] = [:]
        for path in paths {
            var isDirectory: ObjCBool = false
            let url = folder.appendingPathComponent(path)
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            files[path] = try? String(contentsOf: url, encoding: .utf8)
        }
        return files
    }

    @Test func thereAreCases() {
        #expect(Self.cases.count >= 2)
    }

    @Test(arguments: cases)
    func outputsAreAsWrittenDown(name: String) throws {
        let folder = Self.root.appendingPathComponent(name)
        let expected = folder.appendingPathComponent("expected")
        let outputs = try Self.outputs(of: folder)
        if ProcessInfo.processInfo.environment["RECORD"] == "1" {
            try? FileManager.default.removeItem(at: expected)
            for (path, contents) in outputs {
                let url = expected.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try contents.write(to: url, atomically: true, encoding: .utf8)
            }
            // So that nobody records by accident: a recording run never passes.
            Issue.record("recorded \(outputs.count) files into \(name)/expected; run again without RECORD=1")
            return
        }
        let written = Self.written(in: expected)
        #expect(Set(written.keys) == Set(outputs.keys), "files added or gone (RECORD=1 swift test to accept)")
        for path in outputs.keys.sorted() {
            guard let golden = written[path], let output = outputs[path], golden != output else { continue }
            Issue.record(
                "\(name)/expected/\(path) differs (RECORD=1 swift test to accept):\n\(LineDiff.text(expected: golden, actual: output))")
        }
        #expect(!outputs.values.contains { $0.contains(folder.path) }, "no output depends on where the project lives")
    }
}
