import Testing

@testable import Converter

@Suite struct SecurityRuleTests {
    @Test func securityKeysBecomeSecurityContext() throws {
        let api = service("api") {
            $0.security = SecuritySettings(
                user: "1000:2000", privileged: false, readOnly: true, capAdd: ["CAP_NET_ADMIN"], capDrop: ["ALL"],
                securityOpt: ["no-new-privileges:true", "seccomp:unconfined"], groupAdd: ["44", "video"],
                sysctls: ["net.core.somaxconn": "1024", "net.ipv4.ip_unprivileged_port_start": "0"])
        }
        let result = try convert(project([api]))
        let workload = try #require(result.workload("api"))
        let context = try #require(workload.container?.securityContext)
        #expect(context.runAsUser == 1000 && context.runAsGroup == 2000 && context.readOnlyRootFilesystem == true)
        #expect(
            context.capabilitiesAdd == ["NET_ADMIN"] && context.capabilitiesDrop == ["ALL"] && context.allowPrivilegeEscalation == false)
        #expect(workload.pod.supplementalGroups == [44])
        #expect(workload.pod.sysctls.map(\.0) == ["net.ipv4.ip_unprivileged_port_start"], "only the kubelet's safe set")
        #expect(
            result.warnings(about: "services.api.sysctls.net.core.somaxconn").first?.contains(
                "--allowed-unsafe-sysctls=net.core.somaxconn") == true)
        #expect(result.warnings(about: "services.api.security_opt[1]").count == 1)
        #expect(result.warnings(about: "services.api.group_add[1]").count == 1)
    }

    @Test func aUserWithAGroupOwnsItsVolumesThroughFSGroup() throws {
        let airflow = service("airflow") {
            $0.security.user = "50000:0"
            $0.volumes = [VolumeMount(type: .volume, source: "logs", target: "/opt/airflow/logs")]
        }
        let plain = service("plain") { $0.security.user = "1000:1000" }
        let result = try convert(project([airflow, plain], volumes: ["logs"]))
        #expect(result.workload("airflow")?.pod.fsGroup == 0)
        #expect(result.workload("plain")?.pod.fsGroup == nil, "no volume, nothing to own")
    }

    @Test func nonNumericUserIsReported() throws {
        let api = service("api") { $0.security.user = "www-data" }
        let result = try convert(project([api]))
        #expect(result.workload("api")?.container?.securityContext == nil)
        #expect(result.warnings(about: "services.api.user").first?.contains("not numeric") == true)
    }

    /// `root` is uid 0, as Compose reads it; root gets no fsGroup (it writes every volume anyway,
    /// and fsGroup would chown them all at each mount) and a warning about restricted namespaces.
    @Test func rootRunsAsUserZeroWithoutFSGroup() throws {
        let mounts = [VolumeMount(type: .volume, source: "data", target: "/data")]
        let zookeeper = service("zookeeper") {
            $0.security.user = "root"
            $0.volumes = mounts
        }
        let sandbox = service("sandbox") {
            $0.security.user = "0:root"
            $0.volumes = mounts
        }
        let result = try convert(project([sandbox, zookeeper], volumes: ["data"]))
        let context = try #require(result.workload("zookeeper")?.container?.securityContext)
        #expect(context.runAsUser == 0 && context.runAsGroup == nil)
        #expect(result.workload("sandbox")?.container?.securityContext?.runAsGroup == 0)
        #expect(result.workload("zookeeper")?.pod.fsGroup == nil && result.workload("sandbox")?.pod.fsGroup == nil)
        #expect(result.warnings(about: "services.zookeeper.user").first?.contains("restricted Pod Security") == true)
    }
}
