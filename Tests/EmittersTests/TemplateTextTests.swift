import EmitterTemplates
import Foundation
import Testing

@Suite struct TemplateTextTests {
    @Test func templatesAreShippedAndFilled() throws {
        let helpers = try TemplateText.named("helm/_helpers.tpl")
        let filled = TemplateText.fill(helpers, ["chart": "shop", "project": "shop", "projectSecret": "shop-secrets"])
        #expect(filled.contains(#"{{- define "shop.selectorLabels" -}}"#))
        #expect(!filled.contains("{{{"))
        #expect(throws: TemplateText.Missing.self) { try TemplateText.named("helm/absent.txt") }
    }

    /// Every file of `Templates/helm` and `Templates/tutorial` is compiled in under its path, with
    /// its exact bytes: a new template missing from the table, or two sharing a base name (SwiftPM
    /// would embed one under both), fails here.
    @Test func everyTemplateFileIsCompiledInWithItsContent() throws {
        let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Templates")
            .standardizedFileURL
        var onDisk: [String] = []
        for folder in ["helm", "tutorial"] {
            let root = templates.appendingPathComponent(folder)
            let walker = try #require(FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]))
            for case let url as URL in walker where try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true {
                onDisk.append(String(url.standardizedFileURL.path.dropFirst(templates.path.count + 1)))
            }
        }
        #expect(onDisk.sorted() == TemplateText.paths)
        #expect(Set(onDisk.map { ($0 as NSString).lastPathComponent }).count == onDisk.count, "two templates share a base name")
        for path in onDisk {
            let bytes = try String(contentsOf: templates.appendingPathComponent(path), encoding: .utf8)
            #expect(try TemplateText.named(path) == bytes, "\(path) differs from what was compiled in")
        }
    }

    @Test(arguments: [
        ("a {{{x}}} b", "a 1 b"), ("{{{x}}}{{{y}}}", "12"), ("{{{unknown}}} {{{x}}}", "{{{unknown}}} 1"), ("{{{{x}}}", "{1"),
        ("{{ helm }} {{{x}}}", "{{ helm }} 1"), ("tail {{{x", "tail {{{x"), ("{{{x}}", "{{{x}}"), ("", ""), ("{", "{"),
        ("é{{{y}}}ü", "é2ü"), ("{{{x}}}}", "1}"),
    ])
    func placeholdersAreFilledAndEverythingElseKept(template: String, expected: String) {
        #expect(TemplateText.fill(template, ["x": "1", "y": "2"]) == expected)
    }
}
