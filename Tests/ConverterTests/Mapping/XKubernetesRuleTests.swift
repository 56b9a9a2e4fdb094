import Testing

@testable import Converter

@Suite struct XKubernetesRuleTests {
    @Test func resourcesOverrideAndUnknownKeysAreReported() throws {
        let api = service("api") {
            $0.resources.cpus = 2
            $0.extensions["x-kubernetes"] = .object([
                "resources": .object([
                    "requests": .object(["cpu": .string("250m")]), "limits": .object(["cpu": .string("1"), "memory": .string("1Gi")]),
                ]),
                "replica": .int(3),
            ])
        }
        let result = try convert(project([api]))
        let resources = try #require(result.workload("api")?.container?.resources)
        #expect(resources.request("cpu") == "250m" && resources.limit("cpu") == "1" && resources.limit("memory") == "1Gi")
        #expect(
            result.warnings(about: "services.api.x-kubernetes.replica") == [
                #"unknown x-kubernetes key "replica" is ignored, did you mean "replicas"?"#
            ])
    }
}
