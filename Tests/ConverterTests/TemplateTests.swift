import Testing

@testable import Converter

/// `Template` keeps a value as written, `${…}` and all, and resolves it exactly as the
/// interpolator does.
@Suite struct TemplateTests {
    static let variables = ["SET": "value", "EMPTY": "", "PORT": "8080", "TAG": "1.10", "NESTED": "${SET}"]

    @Test(arguments: [
        "plain text", "$SET", "${SET}", "pre-${SET}-post", "${UNSET:-fallback}", "${EMPTY:-fallback}", "${EMPTY-fallback}",
        "${UNSET-fallback}", "${SET:+alt}", "${EMPTY:+alt}", "${EMPTY+alt}", "${UNSET+alt}", "$$SET", "$$", "cost: 5$", "$ 1",
        "${UNSET:-${SET:-x}}", "${UNSET:-${ALSO_UNSET:-deep}}", "${UNSET:-{braces}}", "postgres://u:${PASS:-secret}@db:${PORT}/x",
        "${SET:?must be set}", "a$SET.b", "$SET_suffix", "${TAG}", "${UNSET}", "$UNSET", "${NESTED}", "{$SET}", "${UNSET:-a}b}",
    ])
    func resolvesAsTheInterpolator(text: String) throws {
        let interpolator = Interpolator(variables: Self.variables)
        let template = try Template.parse(text)
        #expect(try template.evaluate { Self.variables[$0] } == interpolator.interpolate(text))
        #expect(try Template.parse(template.text) == template, "written back as Compose syntax, it parses the same")
    }

    @Test(arguments: ["${", "${SET", "${1BAD}", "${SET!x}", "${UNSET:-unclosed"])
    func rejectsWhatTheInterpolatorRejects(text: String) {
        #expect(throws: Interpolator.Failure.self) { try Template.parse(text) }
        #expect(throws: Interpolator.Failure.self) { try Interpolator(variables: Self.variables).interpolate(text) }
    }

    @Test func requiredVariablesFailWithTheirMessage() throws {
        let template = try Template.parse("${DB_PASSWORD:?set DB_PASSWORD in .env}")
        #expect(throws: Interpolator.Failure.requiredVariable(name: "DB_PASSWORD", message: "set DB_PASSWORD in .env")) {
            try template.evaluate { _ in nil }
        }
        #expect(try template.evaluate { $0 == "DB_PASSWORD" ? "s3cret" : nil } == "s3cret")
    }

    @Test func partsOperatorsAndNestingAreKept() throws {
        let template = try Template.parse("postgres://${USER:-app}:${PASS:?no password}@db/${DB:-${USER:-app}}")
        #expect(template.variables == ["USER", "PASS", "DB"])
        #expect(
            template.parts == [
                .literal("postgres://"), .variable(name: "USER", operation: .init(.defaultIfEmpty, Template(parts: [.literal("app")]))),
                .literal(":"), .variable(name: "PASS", operation: .init(.requiredNonEmpty, Template(parts: [.literal("no password")]))),
                .literal("@db/"),
                .variable(
                    name: "DB",
                    operation: .init(
                        .defaultIfEmpty,
                        Template(parts: [.variable(name: "USER", operation: .init(.defaultIfEmpty, Template(parts: [.literal("app")])))])
                    )),
            ])
        #expect(try Template.parse("no variables, $$5").isLiteral)
        #expect(try Template.parse("$$").parts == [.literal("$")])
        #expect(Template.Operator.allCases.map(\.rawValue) == [":-", "-", ":?", "?", ":+", "+"])
    }
}

/// The variables a value was written with stay beside the value through loading, merging and
/// conversion, into the objects' images and environment values.
@Suite struct WrittenValueTests {
    static let files = [
        ".env": "TAG=1.10\nDB_PASSWORD=s3cret\n",
        "compose.yaml": """
        services:
          api:
            image: shop/api:${TAG:-latest}
            ports: ["${WEB_PORT:-8080}:8000", "127.0.0.1:${ADMIN_PORT:-9000}:9000", "7000:7000"]
            environment:
              DATABASE_URL: postgres://app:${DB_PASSWORD:?set it}@db/shop
              LOG_LEVEL: info
          worker:
            image: shop/worker:${TAG}
            environment: ["QUEUE=${QUEUE:-jobs}", "PLAIN=yes"]
        """,
        "compose.override.yaml": """
        services:
          api:
            environment:
              LOG_LEVEL: ${LOG_LEVEL:-debug}
        """,
    ]

    @Test func theProjectKeepsWhatInterpolationStartedFrom() throws {
        let project = try loadProject(Self.files, compose: []).project
        #expect(project.written["services.api.image"] == "shop/api:${TAG:-latest}")
        #expect(project.template(at: "services.api.image")?.variables == ["TAG"])
        #expect(project.written["services.api.environment.LOG_LEVEL"] == "${LOG_LEVEL:-debug}", "the override file's, as merged")
        #expect(project.written["services.worker.environment.QUEUE"] == "${QUEUE:-jobs}", "list form: the value's part")
        #expect(project.written["services.worker.environment.PLAIN"] == nil && project.written["services.api.environment.LOG_LEVEL"] != nil)
    }

    @Test func imagesAndEnvironmentValuesCarryTheirTemplates() throws {
        let loaded = try loadProject(Self.files, compose: [])
        let result = try ComposeConverter(options: ConversionOptions(), files: InMemoryFileSource([:])).convert(loaded.project)
        let api = try #require(result.workload("api")?.container)
        #expect(api.image == "shop/api:1.10" && api.imageTemplate?.text == "shop/api:${TAG:-latest}")
        guard case .data(let secret)? = result.object("Secret", "p-secrets"),
            case .data(let config)? = result.object("ConfigMap", "api-env")
        else {
            Issue.record("no environment objects")
            return
        }
        // DATABASE_URL is composed by the kubelet from the one DB_PASSWORD key.
        #expect(secret.data["DB_PASSWORD"] == "s3cret" && secret.data["DATABASE_URL"] == nil)
        #expect(api.env.contains { $0.name == "DATABASE_URL" && $0.value?.contains("$(C2K_SECRET_DB_PASSWORD)") == true })
        #expect(config.templates.keys.sorted() == ["LOG_LEVEL"] && config.data["LOG_LEVEL"] == "debug")
        #expect(result.workload("worker")?.container?.imageTemplate?.variables == ["TAG"])
        let ports = result.project.services["api"]?.publishedPorts ?? []
        #expect(ports.map(\.hostPort) == [8080, 9000, 7000])
        #expect(ports.map { $0.hostPortTemplate?.text } == ["${WEB_PORT:-8080}", "${ADMIN_PORT:-9000}", nil])
    }

    @Test func aTemplateSplitsOnlyInItsLiteralText() throws {
        let pieces = try Template.parse("${HOST:-0.0.0.0}:${PORT:-80}:80").split(separator: ":")
        #expect(pieces.map(\.text) == ["${HOST:-0.0.0.0}", "${PORT:-80}", "80"])
        #expect(try Template.parse("a:b").split(separator: ":").map(\.text) == ["a", "b"])
    }
}
