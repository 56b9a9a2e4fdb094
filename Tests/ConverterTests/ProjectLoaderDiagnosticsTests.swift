import Testing

@testable import Converter

/// Bad input gets one clear, located diagnostic; these pin the exact text users see.
@Suite struct ProjectLoaderDiagnosticsTests {
    @Test func invalidYAMLIsLocated() {
        let errors = loadErrors(["compose.yaml": "services:\n  api:\n    image: [unclosed\n"])
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("/p/compose.yaml:4:1: error: invalid YAML:") == true)
    }

    @Test func wrongPortType() {
        let errors = loadErrors(["compose.yaml": "services:\n  api:\n    image: api\n    ports:\n      - 8080:80\n      - 80:abc\n"])
        #expect(
            errors == [
                #"/p/compose.yaml:6:9: error: invalid port "abc" in "80:abc": expected a number from 0 to 65535 or a range [services.api.ports[1]]"#
            ])
    }

    @Test func wrongScalarType() {
        let errors = loadErrors(["compose.yaml": "services:\n  api:\n    image: api\n    deploy:\n      replicas: many\n"])
        #expect(errors == [#"/p/compose.yaml:5:17: error: expected an integer, found a string "many" [services.api.deploy.replicas]"#])
    }

    @Test func unknownDependency() {
        let errors = loadErrors(["compose.yaml": "services:\n  api:\n    image: api\n    depends_on: [db]\n"])
        #expect(
            errors == [#"/p/compose.yaml:4:18: error: service "api" depends on an undefined service "db" [services.api.depends_on.db]"#])
    }

    @Test func missingRequiredVariable() {
        let errors = loadErrors(["compose.yaml": "services:\n  api:\n    image: \"api:${TAG:?set TAG}\"\n"])
        #expect(errors == [#"/p/compose.yaml:3:12: error: required variable "TAG" is missing a value: set TAG [services.api.image]"#])
    }

    @Test func anEnvironmentThatIsNoMappingIsRefusedAsComposeRefusesIt() {
        let errors = loadErrors(["compose.yaml": "services:\n  api:\n    image: a\n    environment: 5\n"])
        #expect(errors == [#"/p/compose.yaml:4:18: error: expected a mapping or a list of KEY=VALUE, found a number "5" [services.api.environment]"#])
    }

    @Test func duplicateKey() {
        let errors = loadErrors(["compose.yaml": "services:\n  api:\n    image: a\n    image: b\n"])
        #expect(errors == [#"/p/compose.yaml:4:5: error: invalid YAML: duplicate key "image" (first at line 3)"#])
        // Written once plain and once quoted: one key to Compose, which compares keys by their text.
        let quoted = loadErrors(["compose.yaml": "services:\n  api:\n    image: a\n    environment:\n      A: 1\n      \"A\": 2\n"])
        #expect(quoted == [#"/p/compose.yaml:6:7: error: invalid YAML: duplicate key "A" (first at line 5)"#])
        // In a flow mapping, the second is not searched for: the error names the first.
        let flow = loadErrors(["compose.yaml": "services:\n  api: {image: a, image: b}\n"])
        #expect(flow == [#"/p/compose.yaml:2:9: error: invalid YAML: duplicate key "image" (written again later in the same mapping)"#])
    }

    @Test func aliasesThatNestPastTheLimitAreAnErrorNotACrash() {
        // Each alias adds a level to a value already near the limit: libyaml sees no deep nesting.
        var lines = ["x-a0: &a0 " + String(repeating: "[", count: 990) + String(repeating: "]", count: 990)]
        for index in 1..<40 { lines.append("x-a\(index): &a\(index) [*a\(index - 1)]") }
        lines.append("services:\n  api:\n    image: api\n")
        let errors = loadErrors(["compose.yaml": lines.joined(separator: "\n")])
        #expect(errors.count == 1)
        #expect(errors.first?.contains("error: invalid YAML: collections nest deeper than 1000 levels") == true)
    }

    @Test func nestingBeyondTheLimitIsAnErrorNotACrash() {
        let depth = YAMLDocumentLoader.depthLimit + 1
        let text =
            "services:\n  api:\n    image: api\n    labels: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let errors = loadErrors(["compose.yaml": text + "\n"])
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("/p/compose.yaml:4:1010: error: invalid YAML: collections nest deeper than 1000 levels") == true)
    }

    @Test func selfAliasingAnchorIsUndefined() {
        let errors = loadErrors(["compose.yaml": "services:\n  api: &a\n    image: api\n    labels: *a\n"])
        #expect(errors == ["/p/compose.yaml:4:13: error: invalid YAML: found undefined alias"])
    }

    @Test func unknownKeyIsAnErrorWithSuggestionAsInCompose() {
        let errors = loadErrors(["compose.yaml": "services:\n  api:\n    image: api\n    enviroment: {A: 1}\n"])
        #expect(
            errors == [
                #"/p/compose.yaml:4:5: error: unknown service key "enviroment", did you mean "environment"? [services.api.enviroment]"#
            ])
    }

    @Test func notAMappingAndV1Format() {
        #expect(
            loadErrors(["compose.yaml": "- a\n- b\n"]) == ["/p/compose.yaml:1:1: error: a compose file must be a mapping, found a list"])
        let v1 = loadErrors(["compose.yaml": "web:\n  image: nginx\n"])
        #expect(v1.first?.contains("Compose file format v1") == true)
    }

    @Test func missingFileAndMissingImage() {
        #expect(loadErrors([:], compose: ["absent.yaml"]) == ["/p/absent.yaml: error: compose file not found"])
        #expect(
            loadErrors(["compose.yaml": "services:\n  api:\n    restart: always\n"])
                == [#"/p/compose.yaml:2:3: error: service "api" has neither an image nor a build context [services.api]"#])
    }

    @Test func aliasBombIsStopped() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...8 {
            let previous = "*a\(level - 1)"
            text += "a\(level): &a\(level) [\(Array(repeating: previous, count: 10).joined(separator: ", "))]\n"
        }
        text += "services:\n  s: {image: s}\n"
        let errors = loadErrors(["compose.yaml": text])
        #expect(errors.first?.contains("more than 2000000 nodes") == true)
    }
}

@Suite struct ProjectLoaderTypeDiagnosticsTests {
    @Test func badDurationAndCondition() {
        let text = """
            services:
              api:
                image: api
                healthcheck: {test: ["CMD", "true"], interval: soon}
                depends_on:
                  db: {condition: service_ready}
              db: {image: db}
            """
        #expect(
            loadErrors(["compose.yaml": text]) == [
                #"/p/compose.yaml:4:52: error: expected a duration such as 1m30s or 500ms, found a string "soon" [services.api.healthcheck.interval]"#,
                #"/p/compose.yaml:6:23: error: invalid condition "service_ready": expected service_started, service_healthy or service_completed_successfully [services.api.depends_on.db.condition]"#,
            ])
    }

    @Test func healthcheckTestMustStartWithAKnownWord() {
        let text = "services:\n  api:\n    image: api\n    healthcheck: {test: [curl, localhost]}\n"
        #expect(
            loadErrors(["compose.yaml": text]) == [
                #"/p/compose.yaml:4:25: error: healthcheck test list must start with CMD, CMD-SHELL or NONE, found "curl" [services.api.healthcheck.test]"#
            ])
    }
}

@Suite struct OddInputTests {
    /// Each of these crashed or could crash a careless reader; a result or a located error is fine.
    @Test(arguments: [
        "services:\n  a: {image: a, sysctls: [''], links: [''], volumes_from: ['']}\n",
        "services:\n  a: {image: a, ports: [''], expose: [[1]]}\n",
        "services:\n  a: {image: a, environment: [[x]], labels: 3}\n",
        "services:\n  a: {image: a, devices: [''], extra_hosts: ['nohost']}\n",
        "services:\n  a: null\n",
        "services: []\n",
        "",
        "x: &x [*x]\n",
    ])
    func doesNotCrash(text: String) {
        do {
            _ = try loadProject(["compose.yaml": text])
        } catch let error as DiagnosticError {
            #expect(error.diagnostics.allSatisfy { $0.location != nil })
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
