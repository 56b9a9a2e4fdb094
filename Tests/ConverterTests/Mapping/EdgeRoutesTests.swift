import Testing

@testable import Converter

@Suite struct EdgeRoutesTests {
    @Test(arguments: [("1_reverse_proxy", "reverse_proxy"), ("route_0", "route"), ("handle_path", "handle_path"), ("@match", "@match"), ("10_a_2", "a")])
    func orderingPrefixesAndIsolatingSuffixesAreCutOff(key: String, name: String) {
        #expect(CaddyLabels.plainName(key) == name)
    }

    @Test func labelsBelongToTheSiteOfTheirPrefix() {
        #expect(CaddyLabels.site(of: "caddy", prefix: "caddy") == "caddy")
        #expect(CaddyLabels.site(of: "caddy_1.reverse_proxy", prefix: "caddy") == "caddy_1")
        #expect(CaddyLabels.site(of: "caddy_controlled_server", prefix: "caddy") == nil)
        #expect(CaddyLabels.site(of: "caddyfile", prefix: "caddy") == nil)
        #expect(CaddyLabels.site(of: "web.reverse_proxy", prefix: "web") == "web")
    }

    @Test func labelsNestAtEachDot() {
        let sites = CaddyLabels.sites(
            ["caddy": "a.com", "caddy.route": "@m", "caddy.route.1_reverse_proxy": "{{upstreams 80}}", "caddy.@m.path": "/x /x/*", "other": "1"],
            prefix: "caddy")
        typealias Directive = CaddyLabels.Directive
        #expect(
            sites == [
                CaddyLabels.Site(
                    label: "caddy", addresses: "a.com",
                    directives: [
                        Directive(name: "@m", value: "", children: [Directive(name: "path", value: "/x /x/*", children: [])]),
                        Directive(name: "route", value: "@m", children: [Directive(name: "reverse_proxy", value: "{{upstreams 80}}", children: [])]),
                    ])
            ])
    }

    @Test func eachProxyIsKnownByItsImageOrItsMarker() throws {
        let loaded = try loadProject([
            "compose.yaml": """
            services:
              traefik: {image: "traefik:v3", command: ["--providers.docker=true"]}
              files: {image: "traefik:v3", command: ["--providers.file.directory=/etc/traefik"]}
              nginx: {image: "jwilder/nginx-proxy:alpine"}
              web: {image: "nginx:1.27", labels: {com.github.jrcs.letsencrypt_nginx_proxy_companion.nginx_proxy: "true"}}
              caddy: {image: "lucaslorentz/caddy-docker-proxy:2.9", environment: {CADDY_DOCKER_LABEL_PREFIX: edge}}
              custom: {image: "caddy:2", command: ["caddy", "docker-proxy"]}
              plain: {image: "caddy:2"}
            """
        ])
        let proxies = Dictionary(uniqueKeysWithValues: loaded.project.services.compactMap { s in EdgeProxy.detect(s).map { (s.name, $0) } })
        #expect(proxies.mapValues(\.kind) == ["traefik": .traefik, "nginx": .nginxProxy, "web": .nginxProxy, "caddy": .caddy, "custom": .caddy])
        #expect(proxies["caddy"]?.labelPrefix == "edge")
    }
}
