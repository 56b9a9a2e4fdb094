import Testing

@testable import Converter

@Suite struct IngressRuleTests {
    @Test func exposeLabelRoutesEachHostToTheFirstPort() throws {
        let web = service("web") {
            $0.ports = [Port(target: 5000, published: "5000")]
            $0.labels = [
                "kompose.service.expose": "shop.example.com/api, admin.example.com", "kompose.service.expose.tls-secret": "shop-tls",
            ]
        }
        let result = try convert(project([web]))
        guard case .ingress(let ingress)? = result.object("Ingress", "web") else {
            Issue.record("no Ingress")
            return
        }
        #expect(ingress.routes.map(\.host) == ["shop.example.com", "admin.example.com"])
        #expect(ingress.routes.first?.path == "/api")
        #expect(ingress.port == 5000)
        #expect(ingress.tlsSecret == "shop-tls")
        let spec = ingress.manifest["spec"]
        #expect(spec?["rules"]?.items?.first?["http"]?["paths"]?.items?.first?["backend"]?["service"]?["port"]?["number"] == .int(5000))
        #expect(spec?["tls"]?.items?.first?["secretName"] == .string("shop-tls"))
    }

    @Test func ingressWithoutPortsIsReported() throws {
        let worker = service("worker") { $0.labels = ["kompose.service.expose": "true"] }
        let result = try convert(project([worker]))
        #expect(result.object("Ingress", "worker") == nil)
        #expect(result.diagnostics.contains { $0.message.contains("an Ingress needs a port") })
    }
}
