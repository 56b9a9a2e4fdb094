import Testing

@testable import Converter

@Suite struct VolumeRuleTests {
    @Test func oneClaimPerNamedVolumeSharedOnOneNodeByDefault() throws {
        let a = service("a") { $0.volumes = [VolumeMount(type: .volume, source: "shared", target: "/data")] }
        let b = service("b") { $0.volumes = [VolumeMount(type: .volume, source: "shared", target: "/in", readOnly: true)] }
        let c = service("c") { $0.volumes = [VolumeMount(type: .volume, source: "own", target: "/own")] }
        let d = service("d") {
            $0.volumes = [VolumeMount(type: .volume, source: "cache", target: "/cache")]
            $0.deploy = Deploy(replicas: 2)
        }
        let result = try convert(project([a, b, c, d], volumes: ["shared", "own", "cache"]))
        guard case .claim(let shared)? = result.object("PersistentVolumeClaim", "shared") else { return #expect(Bool(false)) }
        #expect(shared.accessMode == .readWriteOnce, "kind's and minikube's default storage classes refuse ReadWriteMany")
        for name in ["a", "b"] {
            let workload = try #require(result.workload(name))
            #expect(workload.pod.sharedClaims == ["shared"] && workload.metadata.labels["claim.compose2kube.io/shared"] == "shared")
            let yaml = BlockYAMLWriter.write(workload.pod.manifest)
            #expect(
                yaml.contains(
                    "podAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n    - labelSelector:\n        matchLabels:\n          claim.compose2kube.io/shared: shared\n      topologyKey: kubernetes.io/hostname"
                ))
        }
        #expect(result.workload("c")?.pod.sharedClaims == [])
        #expect(result.workload("d")?.pod.sharedClaims == ["cache"], "replicas of one claim stay on one node too")
        #expect(result.warnings(about: "services.d.volumes[0]").first?.contains("replicas of d all run on one node") == true)
        var options = ConversionOptions()
        options.sharedVolumes = .rwx
        let spread = try convert(project([a, b, c], volumes: ["shared", "own"]), options: options)
        guard case .claim(let many)? = spread.object("PersistentVolumeClaim", "shared") else { return #expect(Bool(false)) }
        #expect(many.accessMode == .readWriteMany && spread.workload("a")?.pod.sharedClaims == [])
    }

    @Test func oneClaimPerNamedVolumeReadWriteOnceForOneUser() throws {
        let a = service("a") { $0.volumes = [VolumeMount(type: .volume, source: "shared", target: "/data")] }
        let b = service("b") { $0.volumes = [VolumeMount(type: .volume, source: "shared", target: "/in", readOnly: true)] }
        let c = service("c") { $0.volumes = [VolumeMount(type: .volume, source: "own", target: "/own")] }
        var options = ConversionOptions()
        options.sharedVolumes = .rwx
        let result = try convert(project([a, b, c], volumes: ["shared", "own"]), options: options)
        #expect(result.objects.filter { $0.kind == "PersistentVolumeClaim" }.map(\.name) == ["own", "shared"])
        guard case .claim(let shared)? = result.object("PersistentVolumeClaim", "shared"),
            case .claim(let own)? = result.object("PersistentVolumeClaim", "own")
        else {
            Issue.record("missing claims")
            return
        }
        #expect(shared.accessMode == .readWriteMany && own.accessMode == .readWriteOnce)
        #expect(result.workload("c")?.recreateOnUpdate == true)
        #expect(result.workload("a")?.recreateOnUpdate == false)
        #expect(result.workload("b")?.container?.volumeMounts == [VolumeMountSpec(name: "shared", mountPath: "/in", readOnly: true)])
    }

    @Test func boundFilesBecomeConfigMapsOrSecretsWithSubPath() throws {
        let api = service("api") {
            $0.volumes = [
                VolumeMount(type: .bind, source: "/p/config.yaml", target: "/etc/app/config.yaml", readOnly: true),
                VolumeMount(type: .bind, source: "/p/tls/server.key", target: "/etc/tls/server.key"),
            ]
        }
        let worker = service("worker") { $0.volumes = [VolumeMount(type: .bind, source: "/p/config.yaml", target: "/cfg.yaml")] }
        let result = try convert(project([api, worker]), files: ["/p/config.yaml": "level: debug\n", "/p/tls/server.key": "KEY"])
        #expect(
            result.kindsAndNames.filter { $0.hasPrefix("ConfigMap/") || $0.hasPrefix("Secret/") } == [
                "ConfigMap/config-yaml", "Secret/tls-server-key",
            ])
        guard case .data(let config)? = result.object("ConfigMap", "config-yaml"),
            case .data(let key)? = result.object("Secret", "tls-server-key")
        else {
            Issue.record("expected ConfigMap config-yaml and Secret tls-server-key, got \(result.kindsAndNames)")
            return
        }
        #expect(config.data == ["config.yaml": "level: debug\n"])
        #expect(key.data == ["server.key": "KEY"])
        let mounts = result.workload("api")?.container?.volumeMounts ?? []
        #expect(
            mounts.contains(
                VolumeMountSpec(name: "config-yaml", mountPath: "/etc/app/config.yaml", subPath: "config.yaml", readOnly: true)))
    }

    @Test func missingOrLargeHostDataBecomesAClaimWithAWarning() throws {
        let api = service("api") {
            $0.volumes = [
                VolumeMount(type: .bind, source: "/p/mlruns", target: "/mlruns"),
                VolumeMount(type: .bind, source: "/var/run/docker.sock", target: "/var/run/docker.sock"),
            ]
        }
        let big = String(repeating: "x", count: (1 << 20) + 1)
        let result = try convert(project([api]), files: ["/p/mlruns/model.bin": big])
        #expect(result.object("PersistentVolumeClaim", "host-mlruns") != nil)
        #expect(result.warnings(about: "services.api.volumes[0]").first?.contains("the host data is not copied") == true)
        #expect(result.warnings(about: "services.api.volumes[1]").first?.contains("Docker socket") == true)
        #expect(result.workload("api")?.container?.volumeMounts.count == 1)
    }

    @Test func oneHostFolderIsOneSharedClaimAndLongPathsKeepDistinctNames() throws {
        let dags = VolumeMount(type: .bind, source: "/p/dags", target: "/opt/airflow/dags")
        let long = "/docker-entrypoint-initdb.d/very-long-initialisation-script-number-"
        let users = ["scheduler", "webserver", "worker"].map { name in service(name) { $0.volumes = [dags] } }
        let db = service("db") {
            $0.volumes = (1...3).map { VolumeMount(type: .bind, source: "/p\(long)\($0).sql", target: "\(long)\($0).sql") }
        }
        let result = try convert(project(users + [db]))
        let claims = result.kindsAndNames.filter { $0.hasPrefix("PersistentVolumeClaim/host-dags") }
        #expect(claims == ["PersistentVolumeClaim/host-dags"])
        guard case .claim(let claim)? = result.object("PersistentVolumeClaim", "host-dags") else { return #expect(Bool(false)) }
        #expect(claim.accessMode == .readWriteOnce && result.workload("worker")?.pod.sharedClaims == ["host-dags"])
        for name in ["scheduler", "webserver", "worker"] {
            #expect(result.workload(name)?.pod.volumes.map(\.source) == [.persistentVolumeClaim("host-dags")])
        }
        let names = try #require(result.workload("db")?.pod.volumes.map(\.name))
        #expect(Set(names).count == 3 && names.allSatisfy { $0.utf8.count <= 63 })
        #expect(
            KubernetesName.unique(String(repeating: "a", count: 70) + "1") != KubernetesName.unique(String(repeating: "a", count: 70) + "2")
        )
        #expect(KubernetesName.unique("config/app.yaml") == "config-app-yaml")
    }

    @Test func hostPathsOutsideTheProjectAreNeverRead() throws {
        let api = service("api") {
            $0.volumes = [
                VolumeMount(type: .bind, source: "/etc/localtime", target: "/etc/localtime", readOnly: true),
                VolumeMount(type: .bind, source: "/etc/hostname", target: "/etc/hostname.conf"),
                VolumeMount(type: .bind, source: "/srv/uploads", target: "/uploads"),
            ]
        }
        // The files exist on "this machine": none of them may reach the output.
        let files = ["/etc/localtime": "TZif-secret", "/etc/hostname.conf": "laptop", "/srv/uploads/a.txt": "private"]
        let result = try convert(project([api]), files: files)
        #expect(!result.objects.contains { $0.kind == "ConfigMap" || $0.kind == "Secret" || $0.kind == "PersistentVolumeClaim" })
        let pod = try #require(result.workload("api")?.pod)
        #expect(pod.volumes.map(\.source) == [.emptyDir(memory: false, sizeLimit: nil)])
        #expect(pod.containers[0].volumeMounts.map(\.mountPath) == ["/uploads"])
        #expect(result.warnings(about: "services.api.volumes[0]").first?.contains("TZ environment variable") == true)
        #expect(result.warnings(about: "services.api.volumes[1]").first?.contains("is left out") == true)
        #expect(result.warnings(about: "services.api.volumes[2]").first?.contains("empty folder (emptyDir)") == true)
    }

    @Test func tmpfsAndShmAreMemoryEmptyDirs() throws {
        let api = service("api") {
            $0.tmpfs = ["/run"]
            $0.resources.shmSize = 268_435_456
        }
        let pod = try #require(try convert(project([api])).workload("api")?.pod)
        #expect(pod.volumes.map(\.source) == [.emptyDir(memory: true, sizeLimit: nil), .emptyDir(memory: true, sizeLimit: "256Mi")])
        #expect(pod.containers.first?.volumeMounts.map(\.mountPath) == ["/run", "/dev/shm"])
    }
}

@Suite struct VolumeDriverTests {
    @Test func theLocalDriverIsTheClaimsOwnAndAnyOtherIsReported() throws {
        let files = [
            "compose.yaml": """
            services:
              db:
                image: postgres:16
                volumes: [data:/var/lib/postgresql/data, shared:/shared]
            volumes:
              data: {driver: local}
              shared: {driver: rexray/ebs, driver_opts: {size: "10"}}
            """
        ]
        let loaded = try loadProject(files)
        let result = try ComposeConverter(options: ConversionOptions(), files: InMemoryFileSource([:])).convert(loaded.project)
        #expect(result.warnings(about: "volumes.data.driver").isEmpty, "local is what a claim is")
        #expect(result.warnings(about: "volumes.shared.driver").first?.contains("rexray/ebs") == true)
        #expect(result.warnings(about: "volumes.shared.driver_opts").first?.contains("StorageClass") == true)
    }
}
