import Testing

@testable import Converter

/// References are read by the scanner; every expectation here is written by hand.
@Suite struct ServiceReferencesTests {
    private func references(_ services: [Service], files: [String: String] = [:]) -> Set<String> {
        let scanned = ServiceReferences.scan(project(services), files: InMemoryFileSource(files))
        return Set(scanned.references.map { "\($0.from)→\($0.to):\($0.port.map(String.init) ?? "-")" })
    }

    @Test func hostPortsURLsSchemesAndBareNames() {
        let names = ["db", "redis", "kafka", "search", "broker", "ollama"].map { service($0) }
        let api = service("api") {
            $0.environment = [
                "DATABASE_URL": "postgres+asyncpg://user:p4ss@db/app", "CACHE": "redis://redis:6380/0",
                "BROKERS": "kafka:9092,broker:29092",
                "SEARCH_HOST": "search", "IMAGE": "redis:7", "VERSIONED": "db:16.2", "PATH_LIKE": "/data/redis", "KEY": "ollama=1",
                "OLLAMA": "http://OLLAMA:11434", "VOTERS": "1@broker:29093",
            ]
        }
        #expect(
            references(names + [api]) == [
                "api→db:5432", "api→redis:6380", "api→kafka:9092", "api→broker:29092", "api→search:-", "api→ollama:11434",
                "api→broker:29093",
            ])
    }

    @Test func namesComeFromContainerNamesAliasesAndLinksAndFilesInsideTheProject() {
        let db = service("db") {
            $0.runtime.containerName = "postgres_main"
            $0.networks = [ServiceNetwork(name: "default", aliases: ["database"])]
        }
        let web = service("web") {
            $0.links = ["db:pg"]
            $0.command = ["--db", "postgres_main:5433", "--replica", "pg:5434"]
            $0.volumes = [VolumeMount(type: .bind, source: "/p/nginx.conf", target: "/etc/nginx/nginx.conf")]
        }
        let files = ["/p/nginx.conf": "upstream app { server database:8080; }\nproxy_pass http://web;"]
        #expect(references([db, web], files: files) == ["web→db:5433", "web→db:5434", "web→db:8080", "web→web:80"])
    }

    @Test func aHealthcheckOnLocalhostIsTheServicesOwnPort() {
        let vector = service("vector") { $0.healthcheck = Healthcheck(test: .shell("wget -q http://localhost:8686/health")) }
        #expect(references([vector]) == ["vector→vector:8686"])
    }

    @Test func peersAreServicesOfOneImageInACycle() {
        let nodes = ["es01", "es02", "es03"].map { name in
            service(name, image: "elasticsearch:8") { $0.environment = ["SEEDS": "es01,es02,es03"] }
        }
        let kibana = service("kibana", image: "kibana:8") { $0.environment = ["ES": "https://es01:9200"] }
        let app = service("app", image: "app") { $0.environment = ["K": "kibana:5601"] }
        let back = service("es04", image: "other") { $0.environment = ["A": "app:1234"] }
        let scanned = ServiceReferences.scan(project(nodes + [kibana, app, back]), files: InMemoryFileSource([:]))
        let images = Dictionary(uniqueKeysWithValues: (nodes + [kibana, app, back]).map { ($0.name, $0.image ?? "") })
        #expect(scanned.peerGroups(images: images) == [["es01", "es02", "es03"]])
    }

    @Test func everyPortOfAHostIsReadAndMinIOsEllipsisNamesEachHost() {
        let zoo = ["zoo1", "zoo2"].map { name in
            service(name, image: "zookeeper:3.9") { $0.environment = ["ZOO_SERVERS": "server.1=zoo1:2888:3888;2181 server.2=zoo2:2888:3888;2181"] }
        }
        #expect(
            references(zoo) == [
                "zoo1→zoo1:2888", "zoo1→zoo1:3888", "zoo1→zoo1:2181", "zoo1→zoo2:2888", "zoo1→zoo2:3888", "zoo1→zoo2:2181",
                "zoo2→zoo1:2888", "zoo2→zoo1:3888", "zoo2→zoo1:2181", "zoo2→zoo2:2888", "zoo2→zoo2:3888", "zoo2→zoo2:2181",
            ])
        // Without a port, a MinIO endpoint uses the server's own port, not the scheme's 80.
        let minio = ["minio1", "minio2", "minio3"].map { name in
            service(name, image: "minio") { $0.command = ["server", "http://minio{1...3}/data{1...2}", "http://other:9000/x"] }
        }
        let found = references(minio)
        #expect(found.contains("minio1→minio3:-") && found.contains("minio3→minio1:-") && found.contains("minio2→minio2:-"))
        #expect(!found.contains { $0.hasSuffix(":80") })
        #expect(MentionScanner.expandingEllipses("http://m{01...03}/d{1...2}") == "http://m01/d1 http://m01/d2 http://m02/d1 http://m02/d2 http://m03/d1 http://m03/d2")
        #expect(MentionScanner.expandingEllipses("wait... {3...1} {1...999}") == "wait... {3...1} {1...999}", "a reversed or huge range is left")
    }

    @Test func aProxyBypassListMakesNoOneAPeer() {
        let models = ["tei-embed", "tei-rerank"].map { name in
            service(name, image: "tei:1.5") { $0.environment = ["no_proxy": "tei-embed,tei-rerank", "NO_PROXY": "tei-embed,tei-rerank"] }
        }
        let scanned = ServiceReferences.scan(project(models), files: InMemoryFileSource([:]))
        #expect(scanned.peerGroups(images: ["tei-embed": "tei:1.5", "tei-rerank": "tei:1.5"]).isEmpty)
        let minio = ["minio1", "minio2"].map { name in service(name, image: "minio") { $0.command = ["server", "http://minio{1...2}/data"] } }
        let peers = ServiceReferences.scan(project(minio), files: InMemoryFileSource([:]))
        #expect(peers.peerGroups(images: ["minio1": "minio", "minio2": "minio"]) == [["minio1", "minio2"]])
    }
}

/// Names no Service can carry are rewritten where they are hosts, and nowhere else.
@Suite struct HostRewriteTests {
    private let rewrite = HostRewrite(names: ["relational_db": "relational_db", "api_server": "api_server", "db": "db"])

    @Test(arguments: [
        ("postgres://u:p@relational_db:5432/relational_db", false, "postgres://u:p@relational-db:5432/relational_db"),
        ("http://api_server:8080/v1", false, "http://api-server:8080/v1"),
        ("http://api_server/v1", false, "http://api-server/v1"),
        ("relational_db:5432", false, "relational-db:5432"),
        ("relational_db", true, "relational-db"),
        ("relational_db,api_server:80", true, "relational-db,api-server:80"),
        ("relational_db", false, "relational_db"),
        ("api_server says hello", true, "api_server says hello"),
        ("/srv/relational_db:5432", false, "/srv/relational_db:5432"),
        ("$relational_db:1", false, "$relational_db:1"),
        ("pg_isready -h relational_db -d relational_db", false, "pg_isready -h relational-db -d relational_db"),
        ("--host=API_SERVER", false, "--host=api-server"),
        ("relational_dbx:5432 db:5432", false, "relational_dbx:5432 db:5432"),
    ])
    func hostPositionsOnly(text: String, hostValued: Bool, expected: String) {
        #expect(rewrite.rewrite(text, hostValued: hostValued).0 == expected)
    }

    @Test func aTLSURLsHostIsSaidToBeSecure() {
        #expect(rewrite.rewrite("https://u:p@api_server:443/x", hostValued: false).secure)
        #expect(rewrite.rewrite("rediss://relational_db", hostValued: false).secure)
        #expect(!rewrite.rewrite("http://api_server:8080 https://other:443", hostValued: false).secure)
        #expect(!rewrite.rewrite("relational_db:5432", hostValued: false).secure)
    }

    @Test(arguments: [("POSTGRES_HOST", true), ("KAFKA_BROKERS", true), ("discovery.seed_hosts", true), ("POSTGRES_DB", false), ("HOST_PATH_X", false)])
    func variablesThatHoldHosts(key: String, expected: Bool) {
        #expect(HostRewrite.holdsHosts(key) == expected)
    }

    /// The written template is rewritten alike, so a chart's variables still make the value: a
    /// default (`${DB_HOST:-relational_db}`), a variable whose whole value is the name when it is
    /// used nowhere else, and none when another template uses that variable as a database name.
    @Test func aRewrittenValueKeepsARewrittenTemplateAndTheChangeIsRecorded() throws {
        var api = service("api_server") {
            $0.environment = [
                "DB_HOST": "relational_db", "DB_NAME": "relational_db", "DB_URL": "postgres://relational_db:5432/app",
                "OTHER_HOST": "relational_db",
            ]
        }
        api.command = ["--db", "relational_db:5432"]
        var project = project([service("relational_db"), api])
        project.variables = ["PGHOST": "relational_db", "DB": "relational_db"]
        project.written["services.api_server.environment.DB_HOST"] = "${DB_HOST:-relational_db}"
        project.written["services.api_server.environment.DB_URL"] = "postgres://${PGHOST}:5432/app"
        project.written["services.api_server.environment.OTHER_HOST"] = "${DB}"
        project.written["services.api_server.environment.DB_NAME"] = "${DB}"
        let (rewritten, changes) = rewrite.apply(to: project)
        let result = try #require(rewritten.services.first { $0.name == "api_server" })
        #expect(result.environment["DB_HOST"] == "relational-db" && result.environment["DB_NAME"] == "relational_db")
        #expect(result.command == ["--db", "relational-db:5432"])
        #expect(rewritten.written["services.api_server.environment.DB_HOST"] == "${DB_HOST:-relational-db}")
        #expect(rewritten.services.first { $0.name == "api_server" }?.environment["DB_URL"] == "postgres://relational-db:5432/app")
        #expect(rewritten.written["services.api_server.environment.DB_URL"] == "postgres://${PGHOST}:5432/app")
        #expect(rewritten.variables["PGHOST"] == "relational-db", "used only as a host: the variable is renamed")
        #expect(rewritten.written["services.api_server.environment.OTHER_HOST"] == nil, "DB is also a database's name")
        #expect(rewritten.variables["DB"] == "relational_db")
        #expect(changes.map(\.path).contains("services.api_server.environment.DB_HOST"))
        #expect(changes.map(\.path).last == "services.api_server.command")
    }
}

@Suite struct LoopbackRewriteTests {
    @Test(arguments: [
        ("--to localhost:8080", "--to app:8080"), ("http://127.0.0.1:8080/x", "http://app:8080/x"),
        ("mylocalhost:8080", "mylocalhost:8080"), ("localhost:9999", "localhost:9999"), ("localhost:80801", "localhost:80801"),
        ("a localhost:8080 b 127.0.0.1:8080", "a app:8080 b app:8080"),
    ])
    func onlyAPublishedPortOnTheLoopbackIsRewritten(text: String, expected: String) {
        #expect(LoopbackRewrite.rewrite(text, upstreams: [8080: "app:8080"]).0 == expected)
    }

    @Test func onlyHostNetworkServicesAndNotTheirOwnPorts() throws {
        let app = service("app") { $0.ports = [Port(target: 80, published: "8080")] }
        let proxy = service("proxy") {
            $0.networkMode = "host"
            $0.ports = [Port(target: 9000, published: "9000")]
            $0.command = ["--to", "localhost:8080", "--admin", "localhost:9000"]
        }
        let bridged = service("client") { $0.command = ["curl", "localhost:8080"] }
        let (project, changes) = LoopbackRewrite.apply(to: project([app, bridged, proxy]))
        #expect(project.service(named: "proxy")?.command == ["--to", "app:80", "--admin", "localhost:9000"])
        #expect(project.service(named: "client")?.command == ["curl", "localhost:8080"], "in its own network, localhost is itself")
        #expect(changes.map(\.to) == ["app:80"])
    }
}
