import Converter
import Testing

@testable import Emitters

@Suite struct KustomizeEmitterTests {
    @Test(
        arguments: [
            ("nginx", "nginx", nil), ("nginx:1.27", "nginx", "1.27"), ("registry:5000/team/app:2", "registry:5000/team/app", "2"),
            ("registry:5000/team/app", "registry:5000/team/app", nil), ("app@sha256:abc", "app@sha256:abc", nil),
        ] as [(String, String, String?)])
    func splitsImageReferences(image: String, name: String, tag: String?) {
        let (splitName, splitTag) = KustomizeEmitter.splitImage(image)
        #expect(splitName == name && splitTag == tag)
    }
}

@Suite struct HelmTemplateTextTests {
    @Test func placeholdersBecomeExpressionsAndLinesAndLiteralBracesAreEscaped() {
        var text = HelmTemplateText()
        let manifest: Manifest = .map([
            (
                "spec",
                .map([
                    ("replicas", text.inline("{{ $svc.replicas }}")),
                    (
                        "nodeSelector",
                        text.lines(["{{- with $svc.nodeSelector }}", "nodeSelector:", "  {{- toYaml . | nindent %J }}", "{{- end }}"])
                    ),
                    ("args", .strings(["echo {{ not a template }}"])),
                ])
            )
        ])
        #expect(
            text.render(manifest, prefix: ["{{- $svc := .Values.x }}"]) == """
                {{- $svc := .Values.x }}
                spec:
                  replicas: {{ $svc.replicas }}
                  {{- with $svc.nodeSelector }}
                  nodeSelector:
                    {{- toYaml . | nindent 4 }}
                  {{- end }}
                  args:
                  - echo {{ "{{" }} not a template }}

                """)
    }

    @Test func settingValuesByPath() {
        let manifest: Manifest = .map([("a", .list([.map([("b", .int(1))])]))])
        #expect(manifest.setting(["a", "0", "b"], to: .int(2)).value(at: ["a", "0", "b"]) == .int(2))
        #expect(manifest.setting(["a", "0", "c"], to: .string("x")).value(at: ["a", "0", "c"]) == .string("x"))
        #expect(manifest.setting(["a", "0", "b"], to: nil).value(at: ["a", "0"]) == .map([]))
    }
}
