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
        #expect(container.livenessProbe == nil, "Compose never restarts an unhealthy container")
        #expect(container.startupProbe?.periodSeconds == 5)
        #expect(container.startupProbe?.failureThreshold == 10)
    }

    @Test func livenessProbesOnlyWhenAsked() throws {
        let check = Healthcheck(test: .exec(["pg_isready"]))
        let db = service("db") { $0.healthcheck = check }
        let cache = service("cache") {
            $0.healthcheck = check
            $0.extensions = ["x-kubernetes": .object(["liveness": .bool(true)])]
        }
        let plain = try convert(project([cache, db]))
        #expect(plain.workload("db")?.container?.livenessProbe == nil)
        #expect(plain.workload("cache")?.container?.livenessProbe?.action == .exec(["pg_isready"]))
        var options = ConversionOptions()
        options.livenessProbes = true
        #expect(try convert(project([db]), options: options).workload("db")?.container?.livenessProbe?.action == .exec(["pg_isready"]))
    }

    @Test func simpleCurlBecomesHTTPAndExecStaysArgv() {
        #expect(HealthcheckRule.action(for: .shell("curl -f http://localhost:8080/health")) == .httpGet(path: "/health", port: 8080))
        #expect(HealthcheckRule.action(for: .exec(["wget", "--spider", "-q", "http://127.0.0.1/"])) == .httpGet(path: "/", port: 80))
        #expect(HealthcheckRule.action(for: .shell("curl -f http://example.com/")) == .exec(["sh", "-c", "curl -f http://example.com/"]))
        #expect(HealthcheckRule.action(for: .shell("curl http://localhost/")) == .exec(["sh", "-c", "curl http://localhost/"]))
        #expect(HealthcheckRule.action(for: .exec(["pg_isready"])) == .exec(["pg_isready"]))
        #expect(HealthcheckRule.action(for: .shell("curl -fsS 0.0.0.0:9000/ok/é?x=1")) == .httpGet(path: "/ok/é?x=1", port: 9000))
        #expect(HealthcheckRule.action(for: .shell("wget --spider localhost")) == .httpGet(path: "/", port: 80))
        #expect(HealthcheckRule.action(for: .shell("curl -f https://localhost/")) == .exec(["sh", "-c", "curl -f https://localhost/"]))
        #expect(HealthcheckRule.action(for: .shell("curl -f localhost:x/")) == .exec(["sh", "-c", "curl -f localhost:x/"]))
    }

    @Test func disabledHealthcheckGivesNoProbe() throws {
        let db = service("db") { $0.healthcheck = Healthcheck(test: Healthcheck.Test.none, disabled: true) }
        #expect(try convert(project([db])).workload("db")?.container?.readinessProbe == nil)
    }
}
