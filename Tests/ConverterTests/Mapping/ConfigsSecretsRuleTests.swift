import Testing

@testable import Converter

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
