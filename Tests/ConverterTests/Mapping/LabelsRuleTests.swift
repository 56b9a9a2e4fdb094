import Testing

@testable import Converter

@Suite struct LabelsRuleTests {
    @Test func komposeLabelsOtherRulesDoNotUnderstandAreReportedEachOne() throws {
        let api = service("api") {
            $0.labels = [
                "kompose.service.type": "nodeport", "kompose.service.healthcheck.readiness.disable": "true",
                "kompose.volume.type": "configMap", "traefik.enable": "true",
            ]
        }
        let result = try convert(project([api]))
        #expect(result.warnings(about: "services.api.labels.kompose.service.healthcheck.readiness.disable").count == 1)
        #expect(
            result.warnings(about: "services.api.labels.kompose.volume.type") == [
                "kompose label kompose.volume.type is not supported by compose2kube"
            ])
        #expect(result.warnings(about: "services.api.labels.kompose.service.type").isEmpty, "understood: it sets the Service type")
        #expect(result.warnings(about: "services.api.labels.traefik.enable").isEmpty, "not kompose's: copied as a pod annotation")
        #expect(result.workload("api")?.podAnnotations["traefik.enable"] == "true")
    }
}
