import Testing

@testable import Converter

@Suite struct RuntimeRuleTests {
    @Test func emptySearchDomainsAndRefusedAnnotationKeysAreLeftOutWithAWarning() throws {
        let longKey = "traefik.http.services." + String(repeating: "s", count: 60) + ".loadbalancer.server.port"
        let api = service("api") {
            $0.runtime.dnsSearch = ["", "corp.example"]
            $0.labels = [longKey: "8080", "com.example.team": "data"]
        }
        let result = try convert(project([api]))
        let workload = try #require(result.workload("api"))
        #expect(workload.pod.dnsSearches == ["corp.example"])
        #expect(result.warnings(about: "services.api.dns_search").first?.contains("empty") == true)
        #expect(workload.podAnnotations == ["com.example.team": "data"])
        #expect(result.warnings(about: "services.api.labels.\(longKey)").first?.contains("refuses the key") == true)
    }

    @Test func runtimeKeysBecomePodSettings() throws {
        let api = service("api") {
            $0.runtime.hostname = "API_Host"
            $0.runtime.extraHosts = ["db.local": ["10.0.0.5"], "cache.local": ["10.0.0.5"], "gw": ["host-gateway"]]
            $0.runtime.dns = ["1.1.1.1"]
            $0.runtime.dnsOpt = ["ndots:2"]
            $0.runtime.stopGracePeriod = Duration(nanoseconds: 90_000_000_000)
            $0.runtime.stopSignal = "SIGINT"
            $0.runtime.pid = "host"
            $0.networkMode = "host"
        }
        let result = try convert(project([api]))
        let pod = try #require(result.workload("api")?.pod)
        #expect(pod.hostname == "api-host")
        #expect(pod.hostAliases.map(\.ip) == ["10.0.0.5"] && pod.hostAliases.first?.hostnames == ["cache.local", "db.local"])
        #expect(pod.dnsNameservers == ["1.1.1.1"] && pod.dnsOptions == ["ndots:2"])
        #expect(pod.terminationGracePeriodSeconds == 90 && pod.hostPID == true && pod.hostNetwork == true)
        #expect(result.warnings(about: "services.api.stop_signal").count == 1)
        #expect(result.warnings(about: "services.api.extra_hosts.gw").count == 1)
    }
}

@Suite struct ConfigsSecretsRuleTests {
    @Test func topLevelConfigsAndSecretsAreMountedWhereAsked() throws {
        let api = service("api") {
            $0.configs = [FileReference(source: "app_config", target: "/etc/app.conf", mode: 0o440)]
            $0.secrets = [FileReference(source: "db_password", target: "/run/secrets/db_password")]
        }
        var project = project([api])
        project.configs["app_config"] = FileObject(name: "demo_app_config", source: .content("debug = true\n"))
        project.secrets["db_password"] = FileObject(name: "demo_db_password", source: .file("/p/db_password.txt"))
        let result = try convert(project, files: ["/p/db_password.txt": "s3cret"])
        guard case .data(let config)? = result.object("ConfigMap", "app-config"),
            case .data(let secret)? = result.object("Secret", "db-password")
        else {
            Issue.record("got \(result.kindsAndNames)")
            return
        }
        #expect(config.data == ["app_config": "debug = true\n"] && secret.data == ["db_password": "s3cret"])
        let container = try #require(result.workload("api")?.container)
        #expect(
            container.volumeMounts == [
                VolumeMountSpec(name: "config-app-config", mountPath: "/etc/app.conf", subPath: "app_config", readOnly: true),
                VolumeMountSpec(name: "secret-db-password", mountPath: "/run/secrets/db_password", subPath: "db_password", readOnly: true),
            ])
        #expect(
            result.workload("api")?.pod.volumes.first?.source
                == .configMap(name: "app-config", items: [(key: "app_config", path: "app_config")], defaultMode: 0o440))
    }

    @Test func unreadableSecretFileIsReportedAndEmpty() throws {
        let api = service("api") { $0.secrets = [FileReference(source: "token", target: "/run/secrets/token")] }
        var project = project([api])
        project.secrets["token"] = FileObject(name: "demo_token", source: .file("/p/missing.txt"))
        let result = try convert(project)
        #expect(result.warnings(about: "secrets.token").first?.contains("cannot be read") == true)
    }
}
