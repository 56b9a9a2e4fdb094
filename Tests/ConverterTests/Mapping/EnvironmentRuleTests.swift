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
        guard case .data(let config)? = result.object("ConfigMap", "api-env"), case .data(let secret)? = result.object("Secret", "api-env")
        else {
            Issue.record("expected a ConfigMap and a Secret")
            return
        }
        #expect(
            config.data == ["LOG_LEVEL": "debug", "MYSQL_ROOT_PASSWORD_FILE": "/run/secrets/db", "PUBLIC_URL": "https://example.com/x"])
        #expect(secret.data == ["DB_PASSWORD": "hunter2", "API_TOKEN": "t", "DATABASE_URL": "postgres://app:pw@db/app"])
        #expect(
            result.workload("api")?.container?.envFrom == [
                EnvFromSource(kind: .configMap, name: "api-env"), EnvFromSource(kind: .secret, name: "api-env"),
            ])
        #expect(result.warnings(about: "services.api.environment.FROM_HOST").count == 1)
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

    @Test func tokensAndKeysAreSecretByTheirValueToo() {
        let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiYW5vbiJ9.dGhpc2lzbm90YXNpZ25hdHVyZQ"
        #expect(EnvironmentRule.isSensitive(key: "ANON", value: jwt))
        #expect(EnvironmentRule.isSensitive(key: "CERT_BODY", value: "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----"))
        #expect(!EnvironmentRule.isSensitive(key: "GREETING", value: "eyJust.kidding.here"))
    }
}
