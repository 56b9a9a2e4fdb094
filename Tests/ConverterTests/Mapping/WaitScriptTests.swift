import Testing

@testable import Converter

/// The verification stage reads back what a wait script waits on; it must find exactly what
/// the script was written for.
@Suite struct WaitScriptTests {
    @Test func a_tcp_wait_names_its_host_and_port() {
        let found = WaitScript.awaitedService(in: WaitScript.tcp(host: "db-primary", port: 5432, timeout: 60))
        #expect(found?.host == "db-primary")
        #expect(found?.port == 5432)
    }

    @Test func a_dns_wait_names_its_host_without_a_port() {
        let found = WaitScript.awaitedService(in: WaitScript.dns(host: "broker", timeout: 60))
        #expect(found?.host == "broker")
        #expect(found?.port == nil)
    }

    @Test func a_script_that_waits_on_nothing_names_nothing() {
        #expect(WaitScript.awaitedService(in: "sleep 5") == nil)
    }

    @Test func kubelet_literals_double_only_the_dollars_the_kubelet_would_expand() {
        #expect(KubeletText.literal("echo $HOME $$ $(date) é$") == "echo $HOME $$$ $$(date) é$")
        #expect(KubeletText.literal("no dollars") == "no dollars")
    }

    @Test func an_image_is_known_by_its_last_path_component_without_tag_or_digest() {
        #expect(WellKnownPorts.ports(ofImage: "postgres:16") == [5432])
        #expect(WellKnownPorts.ports(ofImage: "registry.example.com:5000/library/Redis:7@sha256:abc") == [6379])
        #expect(WellKnownPorts.ports(ofImage: "docker.io/bitnami/rabbitmq-management") == [5672, 15672])
        #expect(WellKnownPorts.ports(ofImage: "example.com/team/app:1.0").isEmpty)
        #expect(WellKnownPorts.ports(ofImage: "").isEmpty)
    }
}
