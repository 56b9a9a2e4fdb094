import EmitterTemplates
import Testing

@Suite struct TemplateTextTests {
    @Test func templatesAreShippedAndFilled() throws {
        let helpers = try TemplateText.named("helm/_helpers.tpl")
        let filled = TemplateText.fill(helpers, ["chart": "shop", "project": "shop", "projectSecret": "shop-secrets"])
        #expect(filled.contains(#"{{- define "shop.selectorLabels" -}}"#))
        #expect(!filled.contains("{{{"))
        #expect(throws: TemplateText.Missing.self) { try TemplateText.named("helm/absent.txt") }
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
