import Foundation
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

    /// kustomize retags by name alone: a name written with two tags gets no entry, so each
    /// container keeps its own tag; a name written once keeps its entry.
    @Test func aNameWithTwoTagsIsNotRetagged() {
        let images: Set = ["tei:cpu-1.7", "tei:hpu-1.7", "redis:7", "registry:5000/app:2"]
        #expect(KustomizeEmitter.retaggableImages(images) == ["redis:7", "registry:5000/app:2"])
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

    /// Literal braces on a placeholder's own line are escaped, the expression put in is not;
    /// `{{{` escapes its first two braces, as a left-to-right replacement does.
    @Test func bracesBesideAPlaceholderAreEscapedAndTheExpressionIsNot() {
        var text = HelmTemplateText()
        let image = text.inline("{{ $svc.image }}").stringValue ?? ""
        let manifest: Manifest = .map([
            ("command", .string("{{x}} \(image) {{{y")),
            ("plain", .string("a {{{ b")),
        ])
        #expect(
            text.render(manifest) == """
                command: "{{ "{{" }}x}} {{ $svc.image }} {{ "{{" }}{y"
                plain: a {{ "{{" }}{ b

                """)
    }

    /// `%I` and `%J` become the line's indentation and two more; any other `%` stays as written.
    @Test func indentationMarkersAreReplacedAndOtherPercentSignsKept() {
        var text = HelmTemplateText()
        let manifest: Manifest = .map([("spec", .map([("x", text.lines(["a: 100% %%J %I %X %"])), ("z", .int(1))]))])
        #expect(text.render(manifest) == "spec:\n  a: 100% %4 2 %X %\n  z: 1\n")
    }

    @Test func settingValuesByPath() {
        let manifest: Manifest = .map([("a", .list([.map([("b", .int(1))])]))])
        #expect(manifest.setting(["a", "0", "b"], to: .int(2)).value(at: ["a", "0", "b"]) == .int(2))
        #expect(manifest.setting(["a", "0", "c"], to: .string("x")).value(at: ["a", "0", "c"]) == .string("x"))
        #expect(manifest.setting(["a", "0", "b"], to: nil).value(at: ["a", "0"]) == .map([]))
    }
}

@Suite struct HelmSchemaTests {
    /// A service block with the given environment, replicas and service type.
    private static func block(env: [(String, Manifest)], replicas: Manifest, ports: Manifest, tag: Manifest = .string("1")) -> Manifest {
        .map([
            ("image", .map([("repository", .string("app")), ("tag", tag)])), ("replicas", replicas),
            ("env", .map(env)), ("service", .map([("type", .string("ClusterIP")), ("ports", ports)])),
        ])
    }

    /// Blocks that differ only inside open maps and lists share the first one's definition; a
    /// block whose value types differ (at any depth) gets its own; each keeps its checks (replicas, service type).
    /// A claim named like an open map (`data`) is still a claim with its own keys.
    @Test func blocksOfOneSchemaShareADefinitionWhateverTheirValues() throws {
        let values: Manifest = .map([
            (
                "services",
                .map([
                    ("web", Self.block(env: [("A", .string("1"))], replicas: .int(1), ports: .list([.int(80)]))),
                    ("api", Self.block(env: [("B", .string("2")), ("C", .int(3))], replicas: .int(2), ports: .list([]))),
                    ("job", Self.block(env: [], replicas: .string("1"), ports: .list([]))),
                    ("worker", Self.block(env: [], replicas: .int(1), ports: .list([]), tag: .int(2))),
                ])
            ),
            (
                "persistence",
                .map([
                    ("data", .map([("size", .string("2Gi")), ("existingClaim", .string(""))])),
                    ("cache", .map([("size", .string("1Gi")), ("existingClaim", .string(""))])),
                ])
            ),
        ])
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(HelmSchema.json(for: values).utf8)) as? [String: Any])
        let properties = try #require(schema["properties"] as? [String: [String: Any]])
        let services = try #require(properties["services"]?["properties"] as? [String: [String: String]])
        #expect(services["api"]?["$ref"] == "#/definitions/service.api" && services["web"]?["$ref"] == "#/definitions/service.api")
        #expect(services["job"]?["$ref"] == "#/definitions/service.job" && services["worker"]?["$ref"] == "#/definitions/service.worker")
        let claims = try #require(properties["persistence"]?["properties"] as? [String: [String: String]])
        #expect(claims["cache"]?["$ref"] == "#/definitions/claim.cache" && claims["data"]?["$ref"] == "#/definitions/claim.cache")
        let definitions = try #require(schema["definitions"] as? [String: [String: Any]])
        #expect(Set(definitions.keys) == ["service.api", "service.job", "service.worker", "claim.cache"])
        let api = try #require(definitions["service.api"]?["properties"] as? [String: [String: Any]])
        #expect(api["replicas"]?["minimum"] as? Int == 0 && api["env"]?["properties"] == nil)
        let service = try #require(api["service"]?["properties"] as? [String: [String: Any]])
        #expect(service["type"]?["enum"] as? [String] == ["ClusterIP", "NodePort", "LoadBalancer"])
        let claim = try #require(definitions["claim.cache"]?["properties"] as? [String: [String: Any]])
        #expect(claim["size"]?["type"] as? String == "string")
        let job = try #require(definitions["service.job"]?["properties"] as? [String: [String: Any]])
        #expect(job["replicas"]?["type"] as? String == "string")
    }
}

@Suite struct CompactJSONTests {
    @Test(arguments: [
        Manifest.null, .bool(true), .int(-42), .string(""), .string("plain"), .string("quote \" back \\ slash"),
        .string("tab\tline\nreturn\r bell\u{07} nul\u{00}"), .string("ünïcødé 🚀 e\u{301}"), .list([]), .map([]),
        .list([.int(1), .string("a"), .list([.bool(false)]), .map([("z", .null), ("a", .int(2))])]),
        .map([
            ("b", .int(1)), ("a", .string("x")), ("b", .int(3)), ("é", .bool(true)), ("e\u{301}", .int(9)), ("A", .map([("k", .list([]))])),
        ]),
    ])
    func tableValuesAreTheCompactJSONOfTheValue(value: Manifest) {
        var bytes: [UInt8] = []
        JSONWriter.appendCompact(value, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == JSONWriter.compact(JSONValue(manifest: value)))
    }
}

@Suite struct LineDiffTests {
    @Test func aChangedLineIsShownAsRemovedAndAddedWithItsContext() {
        let expected = (1...10).map { "line \($0)" }.joined(separator: "\n")
        let actual = expected.replacingOccurrences(of: "line 5", with: "line five")
        #expect(
            LineDiff.text(expected: expected, actual: actual)
                == ["  line 3", "  line 4", "- line 5", "+ line five", "  line 6", "  line 7"].joined(separator: "\n"))
    }

    @Test func addedAndRemovedLinesAreFoundAcrossAShift() {
        #expect(LineDiff.text(expected: "a\nb\nc", actual: "x\na\nb\nc") == "+ x\n  a\n  b")
        #expect(LineDiff.text(expected: "a\nb\nc", actual: "a\nc") == "  a\n- b\n  c")
        #expect(LineDiff.text(expected: "same", actual: "same") == "")
    }
}
