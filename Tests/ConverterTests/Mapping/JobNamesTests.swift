import Testing

@testable import Converter

/// A Job's name ends in a hash of what it runs, so applying a changed conversion creates a new
/// Job instead of being refused for the old one's immutable template.
@Suite struct JobNamesTests {
    /// `migrate` (a one-shot), `seed` waiting for it, and `api` waiting for `seed`.
    func chain(migrateCommand: String = "migrate up", seedEnvironment: String = "small", apiImage: String = "api:1") -> ConversionResult? {
        let migrate = service("migrate") {
            $0.restart = "no"
            $0.command = ["sh", "-c", migrateCommand]
        }
        let seed = service("seed") {
            $0.restart = "no"
            $0.environment = ["SIZE": seedEnvironment]
            $0.dependsOn = [Dependency(service: "migrate", condition: .completedSuccessfully)]
        }
        let api = service("api", image: apiImage) {
            $0.ports = [Port(target: 80)]
            $0.dependsOn = [Dependency(service: "seed", condition: .completedSuccessfully)]
        }
        return try? convert(project([api, migrate, seed]))
    }

    func names(_ result: ConversionResult?) -> (migrate: String, seed: String) {
        (result?.workload("migrate")?.metadata.name ?? "", result?.workload("seed")?.metadata.name ?? "")
    }

    func awaited(by component: String, in result: ConversionResult?) -> [String] {
        (result?.workload(component)?.pod.initContainers ?? []).compactMap(WaitScript.awaitedJob(by:))
    }

    @Test func aJobIsNamedAfterItsComponentAndAHashThatEveryWaiterAndTheRoleUse() throws {
        let result = try #require(chain())
        let (migrate, seed) = names(result)
        #expect(migrate.wholeMatch(of: /migrate-[0-9a-f]{10}/) != nil && seed.wholeMatch(of: /seed-[0-9a-f]{10}/) != nil)
        #expect(awaited(by: "seed", in: result) == [migrate] && awaited(by: "api", in: result) == [seed])
        let role = BlockYAMLWriter.write(try #require(result.object("Role", "demo-job-waiter")).manifest)
        #expect(role.contains("resourceNames:\n  - \(migrate)\n  - \(seed)\n"))
        #expect(result.report["migrate"]?.contains("Job/\(migrate)") == true)
        #expect(result.objects.first { $0.kind == "Job" && $0.name == migrate }?.fileName == "migrate-job.yaml")
        #expect(names(chain()) == names(result), "the same input gives the same names")
    }

    @Test func aChangedJobGetsANewNameAndSoDoJobsThatWaitForIt() {
        let before = names(chain())
        let changed = names(chain(migrateCommand: "migrate up --all"))
        #expect(changed.migrate != before.migrate, "the migrate Job runs something else")
        #expect(changed.seed != before.seed, "seed waits for the new migrate Job, so its template changed too")
        let seedOnly = names(chain(seedEnvironment: "large"))
        #expect(seedOnly.migrate == before.migrate && seedOnly.seed != before.seed, "an environment ConfigMap is part of the content")
        #expect(names(chain(apiImage: "api:2")) == before, "a change elsewhere leaves the Jobs alone")
    }

    @Test func diffPairsAJobWithTheFolderJobOfTheSameComponent() {
        func job(_ name: String, image: String) -> JSONValue {
            .object([
                "apiVersion": .string("batch/v1"), "kind": .string("Job"),
                "metadata": .object(["name": .string(name), "labels": .object(["app.kubernetes.io/name": .string("migrate")])]),
                "spec": .object([
                    "template": .object([
                        "spec": .object(["containers": .array([.object(["name": .string("migrate"), "image": .string(image)])])])
                    ])
                ]),
            ])
        }
        let diff = ManifestDiff.compare(
            conversion: [job("migrate-0123456789", image: "m:2")],
            folder: [ManifestFolderLoader.Loaded(value: job("migrate", image: "m:1"), file: "migrate-job.yaml")],
            normalizer: DiffNormalizer())
        #expect(diff.onlyInConversion.isEmpty && diff.onlyInFolder.isEmpty)
        #expect(diff.changed.map(\.file) == ["migrate-job.yaml"])
        #expect(
            Set(diff.changed.flatMap(\.differences).map(\.path)) == ["metadata.name", "spec.template.spec.containers[name=migrate].image"])
    }
}
