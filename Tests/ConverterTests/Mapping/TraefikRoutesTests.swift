import Testing

@testable import Converter

@Suite struct TraefikRoutesTests {
    typealias Matcher = TraefikRuleSyntax.Matcher

    @Test func rulesBecomeAlternativesOfMatchersThatAllHold() throws {
        let host = Matcher(name: "Host", values: ["a.com"])
        let api = Matcher(name: "PathPrefix", values: ["/api"])
        let root = Matcher(name: "Path", values: ["/"])
        #expect(try TraefikRuleSyntax.parse("Host(`a.com`) && (PathPrefix(`/api`) || Path(`/`))") == [[host, api], [host, root]])
        // && binds tighter than ||, as in Traefik.
        #expect(try TraefikRuleSyntax.parse("Host(`a.com`) && PathPrefix(`/api`) || Path(`/`)") == [[host, api], [root]])
        #expect(try TraefikRuleSyntax.parse("Host(\"a.com\", 'b.com')") == [[Matcher(name: "Host", values: ["a.com", "b.com"])]])
        #expect(try TraefikRuleSyntax.parse("!Path(`/`)") == [[Matcher(name: "Path", values: ["/"], negated: true)]])
        #expect(throws: TraefikRuleSyntax.Failure.self) { try TraefikRuleSyntax.parse("Host(`a.com`) ||") }
    }

    @Test(arguments: [
        ("{sub:[a-z]+}.example.com", 2, "*.example.com"), ("^[a-z]+\\.example\\.com$", 3, "*.example.com"),
        ("^api-[0-9]+\\.example\\.com$", 3, nil), ("{sub:[a-z]+}.example.com", 3, nil),
    ] as [(String, Int, String?)])
    func simpleHostRegexpsBecomeWildcards(pattern: String, syntax: Int, expected: String?) {
        #expect(TraefikRoutes.wildcard(pattern, syntax: syntax) == expected)
    }

    @Test(arguments: [("traefik:v2.11", 2), ("traefik:2.6", 2), ("traefik", 3), ("docker.io/library/traefik:v3.1@sha256:ab", 3)] as [(String, Int)])
    func theVersionComesFromTheImagesTag(image: String, major: Int) {
        #expect(TraefikStaticConfig.traefikMajor(image) == major)
    }

    @Test func whoamiIsNoTraefik() {
        #expect(TraefikStaticConfig.traefikMajor("traefik/whoami:v1.10") == nil)
        #expect(TraefikStaticConfig.traefikMajor("") == nil)  // an empty image once trapped here (fuzz seed 292)
    }

    @Test func aBareDoubleDashIsNoOption() throws {
        let loaded = try loadProject(["compose.yaml": "services:\n  proxy:\n    image: traefik:v3\n    command: [\"--\", \"--=x\"]\n"])
        #expect(TraefikStaticConfig.read(loaded.project.services[0])?.majorVersion == 3)
    }

    @Test func aConfigurationFileSpellsTheSameOptions() {
        let options = TraefikStaticConfig.fileOptions(
            "entryPoints:\n  web:\n    address: \":80\"\n  websecure:\n    http:\n      tls: {}\nproviders:\n  docker:\n")
        #expect(options == ["entrypoints.web.address": ":80", "entrypoints.websecure.http.tls": "true", "providers.docker": "true"])
        #expect(TraefikStaticConfig.fileOptions("[entryPoints.web]\naddress = \":80\"") == nil)  // TOML
    }
}
