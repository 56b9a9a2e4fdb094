import Testing

@testable import Converter

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
