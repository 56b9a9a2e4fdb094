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

@Suite struct IngressRuleTests {
    @Test func exposeLabelRoutesEachHostToTheFirstPort() throws {
        let web = service("web") {
            $0.ports = [Port(target: 5000, published: "5000")]
            $0.labels = [
                "kompose.service.expose": "shop.example.com/api, admin.example.com", "kompose.service.expose.tls-secret": "shop-tls",
            ]
        }
        let result = try convert(project([web]))
        guard case .generic(let ingress)? = result.object("Ingress", "web") else {
            Issue.record("no Ingress")
            return
        }
        let spec = try #require(ingress.body.first { $0.0 == "spec" }?.1)
        let rules = spec["rules"]?.items ?? []
        #expect(rules.map { $0["host"]?.stringValue } == ["shop.example.com", "admin.example.com"])
        #expect(rules.first?["http"]?["paths"]?.items?.first?["path"] == .string("/api"))
        #expect(rules.first?["http"]?["paths"]?.items?.first?["backend"]?["service"]?["port"]?["number"] == .int(5000))
        #expect(spec["tls"]?.items?.first?["secretName"] == .string("shop-tls"))
    }

    @Test func ingressWithoutPortsIsReported() throws {
        let worker = service("worker") { $0.labels = ["kompose.service.expose": "true"] }
        let result = try convert(project([worker]))
        #expect(result.object("Ingress", "worker") == nil)
        #expect(result.diagnostics.contains { $0.message.contains("an Ingress needs a port") })
    }
}

@Suite struct ScheduledServiceTests {
    @Test func aServiceWithAScheduleIsACronJob() throws {
        let report = service("report") {
            $0.labels = [
                "kompose.cronjob.schedule": "@every 15m", "kompose.cronjob.concurrency_policy": "Forbid",
                "kompose.image-pull-secret": "regcred",
            ]
        }
        let cron = try #require(try convert(project([report])).workload("report"))
        #expect(cron.kind == .cronJob)
        #expect(cron.schedule == Workload.Schedule(cron: "*/15 * * * *", concurrencyPolicy: "Forbid"))
        #expect(cron.pod.restartPolicy == .never && cron.pod.imagePullSecrets == ["regcred"])
    }

    @Test func anInvalidScheduleIsAnError() {
        let report = service("report") { $0.extensions["x-kubernetes"] = .object(["schedule": .string("sometimes")]) }
        #expect(throws: DiagnosticError.self) { try convert(project([report])) }
    }
}

@Suite struct SharedNetworkAndHostPathTests {
    @Test func networkModeServiceJoinsThePod() throws {
        let vpn = service("vpn") { $0.ports = [Port(target: 8080, published: "8080")] }
        let app = service("app") {
            $0.networkMode = "service:vpn"
            $0.dependsOn = [Dependency(service: "vpn", restart: true)]
        }
        let result = try convert(project([app, vpn]))
        #expect(result.workload("app") == nil)
        let pod = try #require(result.workload("vpn")?.pod)
        #expect(pod.containers.map(\.name) == ["vpn", "app"])
        #expect(pod.initContainers.isEmpty)
    }

    @Test func hostPathMode() throws {
        let app = service("app") { $0.volumes = [VolumeMount(type: .bind, source: "/p/data", target: "/data")] }
        var options = ConversionOptions()
        options.bindMounts = .hostpath
        let result = try convert(project([app]), options: options, files: ["/p/data/a.csv": "x"])
        #expect(
            result.workload("app")?.pod.volumes == [PodVolume(name: "host-data", source: .hostPath(path: "/p/data", type: "Directory"))])
        #expect(result.warnings(about: "services.app.volumes[0]").first?.contains("on the node") == true)
    }
}

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
