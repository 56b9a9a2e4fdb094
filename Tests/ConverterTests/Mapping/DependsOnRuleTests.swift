import Testing

@testable import Converter

@Suite struct DependsOnRuleTests {
    @Test func startedAndHealthyWaitOnTheServiceAndOnlyJobCompletionUsesTheAPI() throws {
        let db = service("db") {
            $0.expose = ["3306", "33060"]
            $0.healthcheck = Healthcheck(test: .shell("mysqladmin ping -h 127.0.0.1 --port 33060"))
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
        let scripts = pod.initContainers.map { $0.command.last ?? "" }
        #expect(scripts[0].contains("until nc -z -w 2 cache 6379; do"))
        #expect(scripts[1].contains("until nc -z -w 2 db 33060; do"), "the healthcheck's port, not the first")
        #expect(scripts[2].contains("/apis/batch/v1/namespaces/$$(cat $sa/namespace)/jobs/$JOB?pretty=false"))
        let job = try #require(result.workload("migrate"))
        #expect(job.metadata.name.hasPrefix("migrate-") && job.metadata.name.count == "migrate-".count + JobNames.hashWidth)
        #expect(pod.initContainers[2].env.map(\.name) == ["JOB"] && pod.initContainers[2].env[0].value == job.metadata.name)
        #expect(scripts.allSatisfy { $0.contains("-ge 1800 ]") && !$0.contains("kubectl wait") && !$0.contains("kubectl get") })
        #expect(pod.initContainers.allSatisfy { $0.image == HelperImages.wait && $0.securityContext?.runAsNonRoot == true })
        #expect(pod.serviceAccountName == "demo-job-waiter" && pod.automountServiceAccountToken == false)
        #expect(pod.initContainers[2].volumeMounts.map(\.mountPath) == ["/var/run/secrets/kubernetes.io/serviceaccount"])
        #expect(pod.initContainers[0].volumeMounts.isEmpty && pod.containers[0].volumeMounts.isEmpty)
        let role = try #require(result.object("Role", "demo-job-waiter"))
        #expect(BlockYAMLWriter.write(role.manifest).contains("resourceNames:\n  - \(job.metadata.name)\n  verbs:\n  - get\n"))
        #expect(result.object("ServiceAccount", "demo-job-waiter") != nil && result.object("RoleBinding", "demo-job-waiter") != nil)
        #expect(result.workload("cache")?.pod.serviceAccountName == nil)
    }

    @Test func aDependencyWithoutATCPPortIsAwaitedByDNSAndStartedJobsNotAtAll() throws {
        let worker = service("worker")
        let dns = service("dns") { $0.ports = [Port(target: 53, proto: .udp)] }
        let seed = service("seed") { $0.extensions = ["x-kubernetes": .object(["kind": .string("Job")])] }
        let extra = service("extra") { $0.expose = ["1"] }
        let api = service("api") {
            $0.dependsOn = [
                Dependency(service: "worker"), Dependency(service: "dns"), Dependency(service: "seed"),
                Dependency(service: "extra", required: false),
            ]
        }
        let result = try convert(project([api, dns, extra, seed, worker]))
        let waits = try #require(result.workload("api")?.pod.initContainers)
        #expect(waits.map(\.name) == ["wait-for-worker", "wait-for-dns"])
        #expect(waits[0].command.last?.contains("nslookup \"worker.$domain\"") == true)
        #expect(waits[0].command.last?.contains("domain=$$(awk '/^search/ {print $2; exit}' /etc/resolv.conf)") == true)
        #expect(waits[1].command.last?.contains("nslookup \"dns.$domain\"") == true)
        #expect(result.warnings(about: "services.api.depends_on.extra").first?.contains("required: false") == true)
        #expect(result.object("ServiceAccount", "demo-job-waiter") == nil)
        #expect(result.workload("api")?.pod.serviceAccountName == nil)
    }

    @Test func waitingForHealthWithoutAHealthcheckSaysWhatReadyMeans() throws {
        let cache = service("cache") { $0.expose = ["6379"] }
        let api = service("api") { $0.dependsOn = [Dependency(service: "cache", condition: .healthy)] }
        let result = try convert(project([api, cache]))
        #expect(result.warnings(about: "services.api.depends_on.cache").first?.contains("has no healthcheck") == true)
        #expect(result.workload("api")?.pod.initContainers.map(\.name) == ["wait-for-cache"])
    }

    @Test func kubeletEscapingDoublesOnlyDollarsBeforeParenthesesOrDollars() {
        #expect(KubeletText.literal("a=$(cat x) $b ${c} $((1+2)) $$ $") == "a=$$(cat x) $b ${c} $$((1+2)) $$$ $")
    }
}
