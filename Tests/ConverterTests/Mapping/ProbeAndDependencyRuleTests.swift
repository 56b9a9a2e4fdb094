import Testing

@testable import Converter

@Suite struct HealthcheckRuleTests {
    func seconds(_ value: Int64) -> Duration { Duration(nanoseconds: value * 1_000_000_000) }

    @Test func shellTestRunsThroughShWithTimings() throws {
        let db = service("db") {
            $0.healthcheck = Healthcheck(
                test: .shell("mysqladmin ping -h localhost || exit 1"), interval: seconds(10), timeout: seconds(5), retries: 4,
                startPeriod: seconds(30))
        }
        let container = try #require(try convert(project([db])).workload("db")?.container)
        let expected = Probe(
            action: .exec(["sh", "-c", "mysqladmin ping -h localhost || exit 1"]), periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 4
        )
        #expect(container.readinessProbe == expected)
        #expect(container.livenessProbe == expected)
        #expect(container.startupProbe?.periodSeconds == 5)
        #expect(container.startupProbe?.failureThreshold == 10)
    }

    @Test func simpleCurlBecomesHTTPAndExecStaysArgv() {
        #expect(HealthcheckRule.action(for: .shell("curl -f http://localhost:8080/health")) == .httpGet(path: "/health", port: 8080))
        #expect(HealthcheckRule.action(for: .exec(["wget", "--spider", "-q", "http://127.0.0.1/"])) == .httpGet(path: "/", port: 80))
        #expect(HealthcheckRule.action(for: .shell("curl -f http://example.com/")) == .exec(["sh", "-c", "curl -f http://example.com/"]))
        #expect(HealthcheckRule.action(for: .shell("curl http://localhost/")) == .exec(["sh", "-c", "curl http://localhost/"]))
        #expect(HealthcheckRule.action(for: .exec(["pg_isready"])) == .exec(["pg_isready"]))
    }

    @Test func disabledHealthcheckGivesNoProbe() throws {
        let db = service("db") { $0.healthcheck = Healthcheck(test: Healthcheck.Test.none, disabled: true) }
        #expect(try convert(project([db])).workload("db")?.container?.readinessProbe == nil)
    }
}

@Suite struct DependsOnRuleTests {
    @Test func eachConditionWaitsItsOwnWay() throws {
        let db = service("db") {
            $0.expose = ["3306"]
            $0.healthcheck = Healthcheck(test: .exec(["true"]))
        }
        let cache = service("cache") { $0.ports = [Port(target: 6379)] }
        let migrate = service("migrate") { $0.restart = "no" }
        let api = service("api") {
            $0.dependsOn = [
                Dependency(service: "cache"), Dependency(service: "db", condition: .healthy),
                Dependency(service: "migrate", condition: .completedSuccessfully),
            ]
        }
        let result = try convert(project([api, cache, db, migrate]))
        let pod = try #require(result.workload("api")?.pod)
        #expect(pod.initContainers.map(\.name) == ["wait-for-cache", "wait-for-db", "wait-for-migrate"])
        #expect(pod.initContainers[0].command.last == "until nc -z cache 6379; do echo waiting for cache:6379; sleep 2; done")
        #expect(
            pod.initContainers[1].command.last?.contains(
                "kubectl wait --for=condition=Ready pod -l app.kubernetes.io/name=db,app.kubernetes.io/part-of=demo") == true)
        #expect(pod.initContainers[2].command.last?.contains("kubectl wait --for=condition=complete job/migrate") == true)
        #expect(pod.initContainers.allSatisfy { !$0.image.hasSuffix(":latest") && $0.image.contains(":") })
        #expect(pod.serviceAccountName == "compose2kube-waiter")
        #expect(
            result.kindsAndNames.filter { $0.hasSuffix("/compose2kube-waiter") } == [
                "ServiceAccount/compose2kube-waiter", "Role/compose2kube-waiter", "RoleBinding/compose2kube-waiter",
            ])
    }

    @Test func startedWaitNeedsAPortAndOptionalDependenciesDoNotWait() throws {
        let worker = service("worker")
        let extra = service("extra") { $0.expose = ["1"] }
        let api = service("api") { $0.dependsOn = [Dependency(service: "worker"), Dependency(service: "extra", required: false)] }
        let result = try convert(project([api, extra, worker]))
        #expect(result.workload("api")?.pod.initContainers.isEmpty == true)
        #expect(result.warnings(about: "services.api.depends_on.worker").first?.contains("no port to wait for") == true)
        #expect(result.warnings(about: "services.api.depends_on.extra").first?.contains("required: false") == true)
        #expect(result.object("ServiceAccount", "compose2kube-waiter") == nil)
    }
}
