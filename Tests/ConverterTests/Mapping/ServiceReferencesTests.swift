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
