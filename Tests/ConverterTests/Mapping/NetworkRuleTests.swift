import Testing

@testable import Converter

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
        // Not in a host position (no port, no scheme, no host variable): left as written, and said so.
        #expect(
            result.warnings(about: "services.ollama.networks.default.aliases").first?.contains(
                "ui uses ollama's name \"xmpp.meet.example\" where it may not be a host name, left as written (services.ui.environment.XMPP)")
                == true)
        // A URL's host: rewritten to the Service, and reported once.
        #expect(
            result.warnings(about: "services.ui.environment.S3").first
                == "\"object_store\" cannot be a Service name, so the references to it now use the Service object-store: services.ui.environment.S3")
        #expect(result.warnings(about: "services.object_store.image").isEmpty)
        guard case .data(let environment)? = result.object("ConfigMap", "ui-env") else { return #expect(Bool(false)) }
        #expect(environment.data["S3"] == "http://object-store:9000" && environment.data["XMPP"] == "xmpp.meet.example")
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
