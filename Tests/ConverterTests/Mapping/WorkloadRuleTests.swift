import Testing

@testable import Converter

@Suite struct WorkloadRuleTests {
    @Test func longRunningServiceIsADeploymentWithItsContainer() throws {
        let api = service("api_server", image: "api:1") {
            $0.entrypoint = ["/bin/app"]
            $0.command = ["--port", "$PORT", "${MODE}", "$$5", "cost$", "$(date)", "if [[ $(warning_resources) == true ]]"]
            $0.runtime.workingDir = "/srv"
            $0.labels = ["team": "core", "kompose.service.type": "nodeport"]
        }
        let result = try convert(project([api]))
        let workload = try #require(result.workload("api-server"))
        #expect(workload.kind == .deployment)
        let container = try #require(workload.container)
        #expect(container.image == "api:1" && container.command == ["/bin/app"])
        // Never rewritten to `$(VAR)`; every `$` before `$` or `(` doubled, so the kubelet hands the
        // program exactly these strings.
        #expect(container.args == ["--port", "$PORT", "${MODE}", "$$$5", "cost$", "$$(date)", "if [[ $$(warning_resources) == true ]]"])
        #expect(container.workingDir == "/srv")
        #expect(workload.podAnnotations == ["team": "core"])
        #expect(workload.selector == ["app.kubernetes.io/name": "api-server", "app.kubernetes.io/part-of": "demo"])
    }

    @Test func buildWithoutImageGetsComposesImageName() throws {
        let web = service("web", image: nil) { $0.build = Build(context: "/p/web") }
        let result = try convert(project([web]))
        let container = try #require(result.workload("web")?.container)
        #expect(
            result.warnings(about: "services.web.build").first?.contains("build it as demo-web:latest and load it into the cluster") == true
        )
        #expect(container.image == "demo-web:latest")
        #expect(container.imagePullPolicy == .ifNotPresent)
    }

    @Test func onlyAwaitedOneShotsAndServicesThatNeverRestartBecomeJobs() throws {
        let migrate = service("migrate") {
            $0.restart = "on-failure:3"
            $0.dependsOn = [Dependency(service: "db", condition: .healthy)]
        }
        let report = service("report") { $0.restart = "no" }
        let db = service("db") {
            $0.restart = "no"
            $0.deploy = Deploy(restartPolicy: RestartPolicy(condition: "on-failure", maxAttempts: 2))
        }
        let worker = service("worker") { $0.deploy = Deploy(restartPolicy: RestartPolicy(condition: "on-failure", maxAttempts: 2)) }
        let pull = service("pull") { $0.command = ["sh", "-c", "sleep 3; ollama pull llama3"] }
        let api = service("api") {
            $0.dependsOn = [
                Dependency(service: "migrate", condition: .completedSuccessfully), Dependency(service: "db", condition: .healthy),
            ]
        }
        let result = try convert(project([api, db, migrate, pull, report, worker]))
        let job = try #require(result.workload("migrate"))
        #expect(job.kind == .job && job.pod.restartPolicy == .never && job.backoffLimit == 3)
        #expect(result.workload("report")?.kind == .job && result.workload("report")?.backoffLimit == 0)
        #expect(result.workload("db")?.kind == .deployment, "a dependant waits for it to be healthy: it runs on")
        #expect(result.workload("worker")?.kind == .deployment, "on-failure keeps a long-running service")
        // Under Compose it runs once (no restart policy) and nothing reaches it: the heuristic makes a Job, and says so.
        #expect(result.workload("pull")?.kind == .job)
        #expect(result.warnings(about: "services.pull.command").first?.contains("becomes a Job") == true)
        #expect(result.warnings(about: "services.pull.command").first?.contains("x-kubernetes: {kind: Deployment}") == true)
        #expect(result.workload("api")?.kind == .deployment)
        let yaml = BlockYAMLWriter.write(job.manifest)
        #expect(
            yaml.contains("podFailurePolicy:\n    rules:\n    - action: Ignore\n      onPodConditions:\n      - type: DisruptionTarget"))
        #expect(yaml.contains("containerName: wait-for-db\n        operator: In\n        values:\n        - 75"))
    }

    @Test func globalModeIsADaemonSetAndStatefulOptionMakesStatefulSets() throws {
        let agent = service("agent") { $0.deploy = Deploy(mode: "global") }
        let db = service("db") { $0.volumes = [VolumeMount(type: .volume, source: "data", target: "/var/lib/db")] }
        var options = ConversionOptions()
        options.stateful = true
        let result = try convert(project([agent, db], volumes: ["data"]), options: options)
        #expect(result.workload("agent")?.kind == .daemonSet)
        let stateful = try #require(result.workload("db"))
        #expect(stateful.kind == .statefulSet)
        #expect(stateful.volumeClaimTemplates.map(\.metadata.name) == ["data"])
        #expect(stateful.container?.volumeMounts == [VolumeMountSpec(name: "data", mountPath: "/var/lib/db")])
        #expect(stateful.pod.volumes.isEmpty)
        #expect(stateful.serviceName == "db-headless")
        guard case .service(let headless)? = result.object("Service", "db-headless") else {
            Issue.record("no headless Service")
            return
        }
        #expect(headless.headless)
        #expect(result.object("PersistentVolumeClaim", "data") == nil)
    }

    @Test func dependencyCycleIsAnErrorNamingTheCycle() {
        let a = service("a") { $0.dependsOn = [Dependency(service: "b")] }
        let b = service("b") { $0.dependsOn = [Dependency(service: "a")] }
        #expect(throws: DiagnosticError.self) { try convert(project([a, b])) }
        do {
            _ = try convert(project([a, b]))
        } catch let error as DiagnosticError {
            #expect(error.diagnostics.first?.message == "dependency cycle: a → b → a")
        } catch {}
    }

    @Test func objectsComeInApplyOrderAndWorkloadsInDependencyOrder() throws {
        let db = service("db") {
            $0.ports = [Port(target: 5432)]
            $0.environment = ["POSTGRES_PASSWORD": "x"]
        }
        let api = service("api") {
            $0.dependsOn = [Dependency(service: "db")]
            $0.ports = [Port(target: 80, published: "8080")]
        }
        let result = try convert(project([api, db]))
        #expect(result.kindsAndNames == ["Secret/demo-secrets", "Service/db", "Service/api", "Deployment/db", "Deployment/api"])
    }

    /// The one-shot heuristic: stops under Compose when done (no restart, or only on failure),
    /// nothing reaches it, no healthcheck, and a task's words in its command or name.
    @Test func servicesThatStopWhenDoneAndReadLikeTasksBecomeJobs() throws {
        let migrator = service("migrator") {
            $0.restart = "on-failure"
            $0.command = ["./manage.py", "migrate", "--noinput"]
        }
        let bucket = service("minio-init") { $0.entrypoint = ["sh", "-c", "mc alias set local http://minio:9000 a b && mc mb local/x"] }
        let listening = service("admin") {
            $0.restart = "on-failure"
            $0.command = ["sh", "-c", "./manage.py migrate && gunicorn app"]
            $0.ports = [Port(target: 8000, published: "8000")]
        }
        let reachedTask = service("setup") { $0.restart = "on-failure" }
        let client = service("client") { $0.environment = ["SETUP_URL": "http://setup:8080"] }
        let looping = service("seed") { $0.restart = "always" }
        let checked = service("init-watch") { $0.healthcheck = Healthcheck(test: .exec(["true"])) }
        let result = try convert(project([listening, bucket, checked, client, looping, migrator, reachedTask]))
        #expect(result.workload("migrator")?.kind == .job && result.workload("minio-init")?.kind == .job)
        #expect(result.warnings(about: "services.minio-init").first?.contains("its name minio-init") == true)
        #expect(result.workload("admin")?.kind == .deployment)
        #expect(result.warnings(about: "services.admin.command").first?.contains("stays a Deployment") == true)
        #expect(result.workload("setup")?.kind == .deployment, "client reaches it: it listens")
        #expect(result.workload("seed")?.kind == .deployment, "restart: always runs on under Compose too")
        #expect(result.workload("init-watch")?.kind == .deployment, "a healthcheck says it runs on")
    }
}
