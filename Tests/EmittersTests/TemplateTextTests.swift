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
}
