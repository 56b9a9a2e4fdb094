import Testing

@testable import Converter

@Suite struct NetworkPolicyRuleTests {
    @Test func oneIsolatingPolicyPerNetworkAndOpenPublishedPorts() throws {
        let web = service("web") {
            $0.networks = [ServiceNetwork(name: "front")]
            $0.ports = [Port(target: 80, published: "8080")]
        }
        let api = service("api") { $0.networks = [ServiceNetwork(name: "front"), ServiceNetwork(name: "back")] }
        let db = service("db") { $0.networks = [ServiceNetwork(name: "back")] }
        var options = ConversionOptions()
        options.networkPolicies = true
        let result = try convert(project([api, db, web]), options: options)
        #expect(result.objects.filter { $0.kind == "NetworkPolicy" }.map(\.name) == ["web-published", "network-back", "network-front"])
        #expect(result.workload("api")?.metadata.labels["network.compose2kube.io/back"] == "true")
        #expect(result.workload("db")?.metadata.labels["network.compose2kube.io/front"] == nil)
        #expect(result.workload("db")?.selector["network.compose2kube.io/back"] == nil)
        guard case .generic(let back)? = result.object("NetworkPolicy", "network-back") else { return }
        let spec = try #require(back.body.first?.1)
        #expect(spec["podSelector"]?["matchLabels"]?["network.compose2kube.io/back"] == .string("true"))
        #expect(spec["ingress"]?.items?.first?["from"]?.items?.first?["podSelector"] == spec["podSelector"])
    }

    @Test func withoutTheFlagNetworksAreReportedNotConverted() throws {
        var project = project([service("db") { $0.networks = [ServiceNetwork(name: "back")] }])
        project.networks["back"] = Network(name: "demo_back")
        let result = try convert(project)
        #expect(result.objects.allSatisfy { $0.kind != "NetworkPolicy" })
        #expect(result.warnings(about: "networks.back").count == 1)
    }
}
