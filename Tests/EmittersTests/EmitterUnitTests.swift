import Testing

@testable import Converter
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

@Suite struct KustomizeSecretsTests {
    /// Plain `KEY=value` lines for what kustomize's env parser reads back unchanged, a file for
    /// anything else; a value from the converting shell is never written; the example lists every key.
    @Test func valuesGoWhereKustomizeReadsThemBackAsTheyAre() throws {
        var secret = DataObject(
            kind: .secret, metadata: ObjectMeta(name: "shop-secrets", labels: ["app.kubernetes.io/name": "shop-secrets"]),
            data: ["DB_PASSWORD": "s3cret", "TLS_KEY": "-----BEGIN KEY-----\nabc\n-----END KEY-----\n", "PADDED": " x ", "TOKEN": "t0k3n"])
        secret.shellKeys = ["TOKEN"]
        let files = Dictionary(uniqueKeysWithValues: KustomizeSecrets.files([secret], namespace: "prod").map { ($0.path, $0.contents) })
        let env = try #require(files["secrets/shop-secrets.env"])
        #expect(env.contains("DB_PASSWORD=s3cret\n") && env.contains("TOKEN=\n") && !env.contains("t0k3n"))
        #expect(files["secrets/shop-secrets/TLS_KEY"] == secret.data["TLS_KEY"] && files["secrets/shop-secrets/PADDED"] == " x ")
        let example = try #require(files["secrets/shop-secrets.env.example"])
        #expect(["DB_PASSWORD=", "TOKEN=", "TLS_KEY", "PADDED"].allSatisfy(example.contains) && !example.contains("s3cret"))
        let kustomization = try #require(files["secrets/kustomization.yaml"])
        #expect(kustomization.contains("kind: Component") && kustomization.contains("- TLS_KEY=shop-secrets/TLS_KEY"))
        #expect(kustomization.contains("namespace: prod") && kustomization.contains("disableNameSuffixHash: true"))
        #expect(files["secrets/.gitignore"]?.contains("!*.env.example") == true)
        #expect(KustomizeSecrets.files([], namespace: nil).isEmpty)
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

    /// Two inline placeholders on one line, one standing for no lines (its line goes, break and
    /// all), more than ten placeholders (`_1` is not `_10`), one on the last line, and a suffix.
    @Test func everyPlaceholderOfALineIsExpandedAndALineOfNoneDisappears() {
        var text = HelmTemplateText()
        let numbered = (0..<11).map { text.inline("v\($0)") }
        let manifest: Manifest = .map([
            ("first", .list(numbered)),
            ("gone", text.lines([])),
            ("pair", .string("\(text.inline("{{ a }}").stringValue ?? "")-\(text.inline("{{ b }}").stringValue ?? "")")),
            ("last", text.inline("{{ c }}")),
        ])
        let rendered = text.render(manifest, suffix: ["{{- end }}"])
        #expect(rendered.hasPrefix("first:\n- v0\n- v1\n"))
        #expect(rendered.contains("- v10\npair: {{ a }}-{{ b }}\nlast: {{ c }}\n{{- end }}\n"))
        #expect(!rendered.contains("gone") && !rendered.contains("placeholder"))
    }

    @Test func settingValuesByPath() {
        let manifest: Manifest = .map([("a", .list([.map([("b", .int(1))])]))])
        #expect(manifest.setting(["a", "0", "b"], to: .int(2)).value(at: ["a", "0", "b"]) == .int(2))
        #expect(manifest.setting(["a", "0", "c"], to: .string("x")).value(at: ["a", "0", "c"]) == .string("x"))
        #expect(manifest.setting(["a", "0", "b"], to: nil).value(at: ["a", "0"]) == .map([]))
    }
}
