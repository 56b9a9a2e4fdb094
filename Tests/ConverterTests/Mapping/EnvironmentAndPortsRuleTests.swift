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

@Suite struct PortsRuleTests {
    @Test func publishedPortsMakeANodePortNamedAfterTheService() throws {
        let web = service("web") {
            $0.ports = [Port(target: 80, published: "8080"), Port(target: 443, published: "30443"), Port(target: 53, proto: .udp)]
            $0.expose = ["9000", "80"]
        }
        let result = try convert(project([web]))
        guard case .service(let object)? = result.object("Service", "web") else {
            Issue.record("no Service")
            return
        }
        #expect(object.type == .nodePort)
        #expect(object.ports.map(\.name) == ["tcp-80", "tcp-443", "udp-53", "tcp-9000"])
        #expect(object.ports.map(\.port) == [80, 443, 53, 9000])
        #expect(object.ports.map(\.nodePort) == [nil, 30443, nil, nil])
        #expect(result.workload("web")?.container?.ports.map(\.containerPort) == [80, 443, 53, 9000])
    }

    @Test func exposeOnlyIsClusterIPAndExposeFlagWins() throws {
        let db = service("db") { $0.expose = ["3306"] }
        let web = service("web") { $0.ports = [Port(target: 80, published: "80")] }
        var options = ConversionOptions()
        options.expose = .loadbalancer
        let result = try convert(project([db, web]), options: options)
        guard case .service(let database)? = result.object("Service", "db"), case .service(let front)? = result.object("Service", "web")
        else {
            Issue.record("missing Services")
            return
        }
        #expect(database.type == .clusterIP)
        #expect(front.type == .loadBalancer)
    }

    @Test func aliasesBecomeExtraServices() throws {
        let db = service("db") {
            $0.expose = ["5432"]
            $0.networks = [ServiceNetwork(name: "back", aliases: ["database"])]
        }
        let api = service("api") { $0.links = ["db:pg"] }
        let result = try convert(project([api, db]))
        #expect(result.object("Service", "database") != nil)
        #expect(result.object("Service", "pg") != nil)
    }

    @Test func portsPublishedOnlyOnLoopbackStayClusterIP() throws {
        let db = service("db") { $0.ports = [Port(target: 5432, published: "5432", hostIP: "127.0.0.1")] }
        let web = service("web") { $0.ports = [Port(target: 80, published: "8080", hostIP: "10.0.0.5")] }
        let result = try convert(project([db, web]))
        #expect(result.warnings(about: "services.db.ports[0]").first?.contains("published only on 127.0.0.1") == true)
        #expect(result.warnings(about: "services.web.ports[0]").first?.contains("host IP 10.0.0.5") == true)
        guard case .service(let database)? = result.object("Service", "db"), case .service(let front)? = result.object("Service", "web")
        else { return #expect(Bool(false)) }
        #expect(database.type == .clusterIP && database.ports.allSatisfy { $0.nodePort == nil })
        #expect(front.type == .nodePort)
    }
}
