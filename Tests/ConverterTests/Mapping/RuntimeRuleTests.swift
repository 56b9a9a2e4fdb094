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
