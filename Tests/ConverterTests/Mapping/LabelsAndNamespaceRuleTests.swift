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

@Suite struct NamespaceRuleTests {
    @Test func aNamespaceComesFirstAndEveryNamespacedObjectIsInIt() throws {
        var options = ConversionOptions()
        options.namespace = "shop"
        let result = try convert(project([service("api") { $0.ports = [Port(target: 80)] }]), options: options)
        #expect(result.objects.first?.kind == "Namespace" && result.objects.first?.name == "shop")
        #expect(result.objects.dropFirst().allSatisfy { $0.metadata.namespace == "shop" })
        #expect(try convert(project([service("api")])).objects.allSatisfy { $0.kind != "Namespace" && $0.metadata.namespace == nil })
    }
}
