import Testing

@testable import Converter

@Suite struct UnconvertedKeysTests {
    @Test func keysWithoutARuleAreReportedAtTheirLocation() throws {
        var project = project([
            service("api") {
                $0.ulimits = ["nofile": .int(1024)]
                $0.logging = .object(["driver": .string("syslog")])
            }
        ])
        let at = SourceLocation(file: "/p/compose.yaml", line: 7, column: 5)
        project.locations = ["services.api.ulimits": at, "services.api.logging": at, "services.api.image": at]
        let result = try convert(project)
        #expect(
            result.warnings(about: "services.api.ulimits") == [
                "ulimits is not converted: ulimits are set by the container runtime on each node, not per pod"
            ], "the reason its owner gives")
        #expect(result.warnings(about: "services.api.logging").count == 1)
        #expect(result.warnings(about: "services.api.image").isEmpty)
        #expect(result.diagnostics.first { $0.path == "services.api.ulimits" }?.location == at)
    }

    /// A rule that used a whole subtree (`networks`, `deploy.restart_policy`, `build`, a volume)
    /// used only the keys it owns: the others in it are reported, each with its reason.
    @Test func keysBelowAUsedKeyThatNoRuleOwnsAreReported() throws {
        var project = project([
            service("api") {
                $0.networks = [ServiceNetwork(name: "front")]
                $0.build = Build(context: ".")
                var deploy = Deploy()
                deploy.restartPolicy = RestartPolicy(condition: "on-failure", delay: nil, maxAttempts: nil, window: nil)
                $0.deploy = deploy
                $0.extensions = ["x-kubernetes": .object(["kind": .string("Job")])]  // a Job: its restart policy is mapped
            }
        ])
        let at = SourceLocation(file: "/p/compose.yaml", line: 3, column: 5)
        for key in [
            "image", "networks.front", "networks.front.aliases[0]", "networks.front.mac_address", "build.context", "build.cache_from",
            "deploy.restart_policy.condition", "deploy.restart_policy.delay",
        ] {
            project.locations["services.api.\(key)"] = at
        }
        let result = try convert(project)
        let reported = Set(result.diagnostics.map(\.path))
        for key in ["networks.front.mac_address", "build.cache_from", "deploy.restart_policy.delay"] {
            #expect(reported.contains("services.api.\(key)"), "\(key) is not mapped by any rule")
        }
        for key in ["image", "networks.front", "networks.front.aliases[0]", "build.context", "deploy.restart_policy.condition"] {
            #expect(!reported.contains("services.api.\(key)"), "\(key) is mapped")
        }
        #expect(result.warnings(about: "services.api.build.cache_from").first?.contains("does not build images") == true)
        #expect(result.coverage["services.api.networks.front.mac_address"] == "reported")
        #expect(result.coverage["services.api.build.context"] == "used")
    }

    @Test func jobsInAMountedIniFileAreReportedEachOne() throws {
        let scheduler = service("scheduler", image: "mcuadros/ofelia:0.3.13") {
            $0.volumes = [VolumeMount(type: .bind, source: "/p/ofelia.ini", target: "/etc/ofelia/config.ini")]
        }
        let ini =
            "[global]\nsave-folder = /logs\n\n[job-exec \"backup\"]\nschedule = @daily\ncontainer = db\n[job-run \"report\"]\nimage = r:1\n"
        let result = try convert(project([scheduler]), files: ["/p/ofelia.ini": ini])
        let warnings = result.warnings(about: "services.scheduler.volumes[0]")
        #expect(warnings.count == 2)
        #expect(warnings.first?.contains("Ofelia job-exec \"backup\" in ofelia.ini is not converted") == true)
        #expect(warnings.last?.contains("Ofelia job-run \"report\"") == true)
    }

    @Test func aCronJobFromAStatefulSetLeavesItsPerPodClaims() throws {
        let db = service("db") {
            $0.volumes = [VolumeMount(type: .volume, source: "data", target: "/var/lib/db")]
            $0.labels = [
                "ofelia.enabled": "true", "ofelia.job-exec.vacuum.schedule": "@daily", "ofelia.job-exec.vacuum.command": "vacuumdb -a",
            ]
        }
        let scheduler = service("ofelia", image: "mcuadros/ofelia:0.3.13")
        var options = ConversionOptions()
        options.stateful = true
        let result = try convert(project([db, scheduler], volumes: ["data"]), options: options)
        let cron = try #require(result.workload("db-vacuum"))
        #expect(cron.container?.volumeMounts.isEmpty == true && cron.volumeClaimTemplates.isEmpty)
        #expect(result.warnings(about: "services.db.labels.ofelia.job-exec.vacuum").first?.contains("runs without data") == true)
    }
}
