import Testing

@testable import Converter

@Suite struct EnvironmentRuleTests {
    @Test func sensitiveValuesGoToASecretOnly() throws {
        let api = service("api") {
            $0.environment = [
                "DB_PASSWORD": "hunter2", "API_TOKEN": "t", "LOG_LEVEL": "debug", "MYSQL_ROOT_PASSWORD_FILE": "/run/secrets/db",
                "DATABASE_URL": "postgres://app:pw@db/app", "PUBLIC_URL": "https://example.com/x", "FROM_HOST": nil,
            ]
        }
        let result = try convert(project([api]))
        guard case .data(let config)? = result.object("ConfigMap", "api-env"),
            case .data(let secret)? = result.object("Secret", "demo-secrets")
        else {
            Issue.record("expected a ConfigMap and the project Secret")
            return
        }
        #expect(
            config.data == ["LOG_LEVEL": "debug", "MYSQL_ROOT_PASSWORD_FILE": "/run/secrets/db", "PUBLIC_URL": "https://example.com/x"])
        #expect(secret.data == ["DB_PASSWORD": "hunter2", "API_TOKEN": "t", "DATABASE_URL": "postgres://app:pw@db/app"])
        let container = result.workload("api")?.container
        #expect(container?.envFrom == [EnvFromSource(kind: .configMap, name: "api-env")], "each container reads only its own keys")
        #expect(
            container?.env == ["API_TOKEN", "DATABASE_URL", "DB_PASSWORD"].map { EnvVar(name: $0, secret: "demo-secrets", key: $0) })
        #expect(result.warnings(about: "services.api.environment.FROM_HOST").count == 1)
    }

    /// One compose variable is one key, however many services read it; a value written out is
    /// keyed by its name, shared while the value is the same; a value composed with a variable is
    /// composed by the kubelet from a reserved variable placed before it.
    @Test func aVariableSharedByServicesIsOneKey() throws {
        let files = [
            "compose.yaml": """
            services:
              db:
                image: postgres:16
                environment:
                  POSTGRES_PASSWORD: ${DB_PASSWORD}
              api:
                image: shop/api:1
                environment:
                  DB_PASSWORD: ${DB_PASSWORD}
                  DATABASE_URL: postgres://app:${DB_PASSWORD}@db/app?q=$$(x)
                  API_TOKEN: one
                  MAIL_PASSWORD: ${MAIL_PASSWORD:-fallback}
              worker:
                image: shop/api:1
                environment:
                  API_TOKEN: two
                  SHELL_TOKEN: ${SHELL_TOKEN}
                  BARE_TOKEN:
            """,
            ".env": "DB_PASSWORD=s3cret\n",
        ]
        let loaded = try loadProject(files, environment: ["SHELL_TOKEN": "from-shell", "BARE_TOKEN": "bare"])
        let result = try ComposeConverter(options: ConversionOptions(), files: InMemoryFileSource([:])).convert(loaded.project)
        guard case .data(let secret)? = result.object("Secret", "p-secrets") else {
            Issue.record("no project Secret")
            return
        }
        #expect(
            secret.data
                == [
                    "DB_PASSWORD": "s3cret", "API_TOKEN": "one", "api-API_TOKEN": nil, "worker-API_TOKEN": "two",
                    "MAIL_PASSWORD": "fallback",
                    "SHELL_TOKEN": "from-shell", "BARE_TOKEN": "bare",
                ].compactMapValues { $0 })
        #expect(secret.shellKeys == ["SHELL_TOKEN", "BARE_TOKEN"], "a bare key takes the shell's value: never written down either")
        #expect(result.workload("db")?.container?.env == [EnvVar(name: "POSTGRES_PASSWORD", secret: "p-secrets", key: "DB_PASSWORD")])
        let api = result.workload("api")?.container?.env ?? []
        #expect(api.first == EnvVar(name: "C2K_SECRET_DB_PASSWORD", secret: "p-secrets", key: "DB_PASSWORD"))
        #expect(api.contains(EnvVar(name: "DATABASE_URL", value: "postgres://app:$(C2K_SECRET_DB_PASSWORD)@db/app?q=$$(x)")))
        #expect(api.contains(EnvVar(name: "MAIL_PASSWORD", secret: "p-secrets", key: "MAIL_PASSWORD")))
        #expect(result.workload("worker")?.container?.env.first == EnvVar(name: "API_TOKEN", secret: "p-secrets", key: "worker-API_TOKEN"))
        #expect(result.objects.filter { $0.kind == "Secret" }.count == 1)
    }

    @Test(arguments: [
        ("REDIS_PASS", true), ("SECRET_KEY_BASE", true), ("WORDPRESS_AUTH_KEY", true), ("PASSENGER_COUNT", false),
        ("TOKENIZER", false), ("USER", false), ("AWS_SECRET_ACCESS_KEY", true), ("GF_SECURITY_ADMIN_PASSWORD", true),
        ("ENCRYPTION_KEY", true), ("APP_KEY", true), ("SERVICE_ROLE_KEY", true), ("BASIC_AUTH", true), ("PASSPHRASE", true),
        ("GOOGLE_CREDENTIALS", true), ("KEY_PREFIX", false), ("AUTH_MODE", false), ("CACHE_KEYS_TTL", false),
    ])
    func sensitiveKeyNames(key: String, sensitive: Bool) {
        #expect(EnvironmentRule.isSensitive(key: key, value: "v") == sensitive)
    }

    @Test func everySensitiveNameHoldsANameHintSoTheShortcutMissesNone() {
        let names =
            EnvironmentRule.sensitiveWords + EnvironmentRule.sensitivePhrases + Array(EnvironmentRule.sensitiveLastWords)
            + ["PASSWORD", "SECRET", "TOKEN"]
        for name in names {
            #expect(EnvironmentRule.nameHints.contains { name.contains($0) }, "\(name) holds no hint")
        }
        #expect(EnvironmentRule.isSensitive(key: "my-db.pass", value: "v"), "lower case and other separators still count")
        #expect(!EnvironmentRule.isSensitive(key: "LOG_LEVEL", value: "info"))
    }

    @Test func tokensAndKeysAreSecretByTheirValueToo() {
        let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiYW5vbiJ9.dGhpc2lzbm90YXNpZ25hdHVyZQ"
        #expect(EnvironmentRule.isSensitive(key: "ANON", value: jwt))
        #expect(EnvironmentRule.isSensitive(key: "CERT_BODY", value: "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----"))
        #expect(!EnvironmentRule.isSensitive(key: "GREETING", value: "eyJust.kidding.here"))
    }
}
