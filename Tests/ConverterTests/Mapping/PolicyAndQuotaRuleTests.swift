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

@Suite struct QuotaRuleTests {
    @Test func sumsRequestsAndLimitsTimesReplicas() throws {
        let a = service("a") {
            $0.deploy = Deploy(replicas: 3, limits: ResourceSpec(cpus: 0.5, memory: 268_435_456), reservations: ResourceSpec(cpus: 0.25))
        }
        let b = service("b") { $0.resources.cpus = 1.5 }
        let job = service("job") {
            $0.restart = "no"
            $0.resources.cpus = 8
        }
        var options = ConversionOptions()
        options.quota = true
        let result = try convert(project([a, b, job]), options: options)
        guard case .generic(let quota)? = result.object("ResourceQuota", "demo-quota") else {
            Issue.record("no quota")
            return
        }
        #expect(
            quota.body.first?.1["hard"]
                == .map([("limits.cpu", .string("3")), ("limits.memory", .string("768Mi")), ("requests.cpu", .string("750m"))]))
        #expect(result.objects.first?.kind == "ResourceQuota")
    }
}
