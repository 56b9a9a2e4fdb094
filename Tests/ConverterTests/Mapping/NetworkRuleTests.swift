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
}

@Suite struct NetworkRuleTests {
    @Test func everyServiceGetsAServiceWithTheUnionOfItsPorts() throws {
        let db = service("db", image: "postgres:16") { $0.expose = ["9187"] }
        let cache = service("cache", image: "example/cache:1") {
            $0.healthcheck = Healthcheck(test: .exec(["nc", "-z", "127.0.0.1", "7000"]))
        }
        let worker = service("worker")
        let api = service("api") { $0.environment = ["DB": "postgres://db:6432/app", "CACHE": "cache:7001", "W": "worker"] }
        let result = try convert(project([api, cache, db, worker]))
        func ports(_ name: String) -> [Int]? {
            guard case .service(let object)? = result.object("Service", name) else { return nil }
            return object.ports.map(\.port)
        }
        #expect(ports("db") == [9187, 6432, 5432])
        #expect(ports("cache") == [7000, 7001])
        #expect(ports("worker") == [])
        guard case .service(let headless)? = result.object("Service", "worker") else { return #expect(Bool(false)) }
        #expect(headless.headless && BlockYAMLWriter.write(headless.manifest).contains("clusterIP: None"))
        #expect(!BlockYAMLWriter.write(headless.manifest).contains("ports:"))
    }

    @Test func otherNamesGetServicesOfExactlyThatNameAndInvalidOnesAreReported() throws {
        let ollama = service("ollama") {
            $0.runtime.containerName = "Ollama"
            $0.networks = [ServiceNetwork(name: "default", aliases: ["llm", "xmpp.meet.example"])]
        }
        let store = service("object_store")
        let ui = service("ui") {
            $0.environment = ["OLLAMA_HOST": "ollama:11434", "XMPP": "xmpp.meet.example", "S3": "http://object_store:9000"]
        }
        let result = try convert(project([ollama, store, ui]))
        #expect(result.object("Service", "llm") != nil)
        #expect(result.object("Service", "xmpp-meet-example") == nil, "never a silent rename")
        #expect(
            result.warnings(about: "services.ollama.networks.default.aliases").first?.contains(
                "ui reaches ollama as \"xmpp.meet.example\", which cannot be a Service name") == true)
        #expect(
            result.warnings(about: "services.object_store.image").first?.contains("ui reaches object_store as \"object_store\"") == true)
        #expect(result.object("Service", "object-store") != nil)
        #expect(!result.diagnostics.contains { $0.message.contains("container_name has no Kubernetes equivalent") })
    }

    @Test func twoServicesAnsweringToOneNameAreAnError() throws {
        let a = service("a") { $0.runtime.containerName = "shared" }
        let b = service("b") { $0.networks = [ServiceNetwork(name: "default", aliases: ["shared"])] }
        let error = try #require(throws: DiagnosticError.self) { try convert(project([a, b])) }
        #expect(error.diagnostics.contains { $0.message == "b and a both answer to \"shared\": rename one" })
        let lower = service("web_app")
        let upper = service("web-app")
        let clash = try #require(throws: DiagnosticError.self) { try convert(project([lower, upper])) }
        #expect(clash.diagnostics.contains { $0.message.contains("both become the Service web-app") })
        let own = service("db") { $0.runtime.containerName = "DB" }
        #expect(throws: Never.self) { try convert(project([own])) }
    }

    @Test func podsDoNotGetServiceLinksOrTokensAndAnswerToTheirOwnName() throws {
        let broker = service("broker") { $0.environment = ["LISTENERS": "PLAINTEXT://broker:29092"] }
        let named = service("named") { $0.runtime.hostname = "custom" }
        let result = try convert(project([broker, named]))
        let pod = try #require(result.workload("broker")?.pod)
        #expect(pod.enableServiceLinks == false && pod.automountServiceAccountToken == false)
        #expect(pod.hostname == "broker")
        #expect(result.workload("named")?.pod.hostname == "custom")
        #expect(BlockYAMLWriter.write(pod.manifest).contains("automountServiceAccountToken: false\nenableServiceLinks: false\n"))
    }

    @Test func peerClustersResolveNotReadyPeersWithANote() throws {
        let nodes = ["es01", "es02"].map { name in service(name, image: "es:8") { $0.environment = ["SEEDS": "es01,es02"] } }
        let result = try convert(project(nodes))
        guard case .service(let first)? = result.object("Service", "es01") else { return #expect(Bool(false)) }
        #expect(first.publishNotReadyAddresses == true)
        #expect(result.diagnostics.contains { $0.message.hasPrefix("es01, es02 reach each other (a peer cluster)") })
    }
}
