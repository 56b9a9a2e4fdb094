import Testing

@testable import Converter

@Suite struct AutoscaleRuleTests {
    @Test func xKubernetesAutoscaleMakesAnHPAAndRequestsFromLimits() throws {
        let api = service("api") {
            $0.resources.cpus = 1
            $0.extensions["x-kubernetes"] = .object(["autoscale": .object(["min": .int(2), "max": .int(6), "cpu": .int(70)])])
        }
        let result = try convert(project([api]))
        guard case .generic(let hpa)? = result.object("HorizontalPodAutoscaler", "api") else {
            Issue.record("no HPA")
            return
        }
        let spec = try #require(hpa.body.first { $0.0 == "spec" }?.1)
        #expect(spec["minReplicas"] == .int(2) && spec["maxReplicas"] == .int(6))
        #expect(spec["metrics"]?.items?.first?["resource"]?["target"]?["averageUtilization"] == .int(70))
        #expect(result.workload("api")?.container?.resources.request("cpu") == "1")
    }

    @Test func komposeLabelsAndMissingRequestsAreReported() throws {
        let web = service("web") { $0.labels = ["kompose.hpa.replicas.max": "5", "kompose.hpa.cpu": "50"] }
        let result = try convert(project([web]))
        #expect(AutoscaleRule.settings(for: web) == AutoscaleRule.Settings(min: 1, max: 5, cpu: 50, memory: nil))
        #expect(result.object("HorizontalPodAutoscaler", "web") != nil)
        #expect(result.diagnostics.contains { $0.message.contains("needs a cpu request") })
        #expect(!result.diagnostics.contains { $0.message.contains("kompose label kompose.hpa") })
    }
}
