import Testing

@testable import Converter

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
