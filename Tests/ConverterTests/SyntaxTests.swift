import Testing

@testable import Converter

@Suite struct PortSyntaxTests {
    typealias P = PortSyntax.Parsed

    @Test func shortForms() throws {
        #expect(try PortSyntax.parse("80") == [P(target: 80, published: nil, hostIP: nil, proto: "tcp")])
        #expect(try PortSyntax.parse("8080:80") == [P(target: 80, published: "8080", hostIP: nil, proto: "tcp")])
        #expect(try PortSyntax.parse("127.0.0.1:8080:80/udp") == [P(target: 80, published: "8080", hostIP: "127.0.0.1", proto: "udp")])
        #expect(try PortSyntax.parse("[::1]:53:53/udp") == [P(target: 53, published: "53", hostIP: "::1", proto: "udp")])
        #expect(try PortSyntax.parse("127.0.0.1::80") == [P(target: 80, published: nil, hostIP: "127.0.0.1", proto: "tcp")])
    }

    @Test func rangesExpand() throws {
        #expect(try PortSyntax.parse("3000-3002").map(\.target) == [3000, 3001, 3002])
        let pairs = try PortSyntax.parse("9090-9091:8080-8081")
        #expect(pairs.map(\.target) == [8080, 8081])
        #expect(pairs.map(\.published) == ["9090", "9091"])
        #expect(try PortSyntax.parse("8000-8010:80") == [P(target: 80, published: "8000-8010", hostIP: nil, proto: "tcp")])
    }

    @Test(arguments: ["80:abc", "abc", "70000", "80/http", "1-2:3-5", "a:b:c:d", "90-80"])
    func rejectsMalformed(spec: String) {
        #expect(throws: PortSyntax.Failure.self) { try PortSyntax.parse(spec) }
    }
}

@Suite struct VolumeSyntaxTests {
    @Test func shortForms() throws {
        let bind = try VolumeSyntax.parse("./data:/data:ro")
        #expect(bind.kind == .bind && bind.source == "./data" && bind.target == "/data" && bind.readOnly)
        let named = try VolumeSyntax.parse("db:/var/lib/mysql")
        #expect(named.kind == .volume && named.source == "db")
        let anonymous = try VolumeSyntax.parse("/cache")
        #expect(anonymous.kind == .volume && anonymous.source == nil && anonymous.target == "/cache")
        let selinux = try VolumeSyntax.parse("~/x:/x:z,rshared")
        #expect(selinux.kind == .bind && selinux.selinux == "z" && selinux.propagation == "rshared")
        let windows = try VolumeSyntax.parse("C:\\data:D:\\config:rw")
        #expect(windows.kind == .bind && windows.source == "C:\\data" && windows.target == "D:\\config")
    }

    @Test func rejectsEmptySectionsAndBadModes() {
        #expect(throws: VolumeSyntax.Failure.self) { try VolumeSyntax.parse(":/media/") }
        #expect(throws: VolumeSyntax.Failure.self) { try VolumeSyntax.parse("./a:/a:bogus") }
    }
}

@Suite struct DurationAndSizeTests {
    @Test(arguments: [
        ("1m30s", Int64(90_000_000_000)), ("500ms", 500_000_000), ("1.5s", 1_500_000_000), ("1h", 3_600_000_000_000), ("0", 0),
    ])
    func parsesDurations(text: String, nanoseconds: Int64) {
        #expect(DurationSyntax.nanoseconds(text) == nanoseconds)
    }

    @Test func formatsLikeGo() {
        #expect(DurationSyntax.format(nanoseconds: 90_000_000_000) == "1m30s")
        #expect(DurationSyntax.format(nanoseconds: 3_600_000_000_000) == "1h0m0s")
        #expect(DurationSyntax.format(nanoseconds: 500_000_000) == "500ms")
        #expect(DurationSyntax.format(nanoseconds: 1_500_000_000) == "1.5s")
    }

    @Test func rejectsNonDurations() {
        #expect(DurationSyntax.nanoseconds("10 parsecs") == nil)
        #expect(DurationSyntax.nanoseconds("s") == nil)
    }

    @Test(arguments: [
        ("512", Int64(512)), ("1k", 1024), ("512M", 536_870_912), ("1g", 1_073_741_824), ("10000Mb", 10_485_760_000),
        ("2GiB", 2_147_483_648),
    ])
    func parsesByteSizes(text: String, bytes: Int64) {
        #expect(ByteSizeSyntax.bytes(text) == bytes)
    }

    @Test func rejectsBadSizes() {
        #expect(ByteSizeSyntax.bytes("12 furlongs") == nil)
        #expect(ByteSizeSyntax.bytes("M") == nil)
    }

    @Test func shellWords() throws {
        #expect(try ShellWords.split(#"echo "a b" 'c d' e\ f"#) == ["echo", "a b", "c d", "e f"])
        #expect(try ShellWords.split("  ") == [])
        #expect(throws: ShellWords.Failure.self) { try ShellWords.split("echo 'open") }
    }

    @Test(arguments: ["plain", "VERSION=1.2", "a b", "it's", "$HOME", "`x`", "", "a\"b'c\\d", "tab\there", "ünï"])
    func quotedWordsSplitBackToThemselves(word: String) throws {
        #expect(try ShellWords.split(ShellQuote.word(word)) == [word])
        #expect(ShellQuote.word("VERSION=1.2") == "VERSION=1.2", "plain words stay as they are")
    }
}

@Suite struct ImageReferenceTests {
    @Test(arguments: [
        ("postgres", nil, "postgres", nil, nil),
        ("docker.io/library/postgres:16@sha256:ab", "docker.io", "postgres", "16", "sha256:ab"),
        ("localhost:5000/team/app:1.2", "localhost:5000", "team/app", "1.2", nil),
        ("registry:5000/app", "registry:5000", "app", nil, nil),
        ("nvcr.io/nim/meta/llama3-8b-instruct:1.0", "nvcr.io", "nim/meta/llama3-8b-instruct", "1.0", nil),
        ("mirror.gcr.io/library/redis", "mirror.gcr.io", "redis", nil, nil),
        ("", nil, "", nil, nil), (":", nil, "", "", nil), ("@", nil, "", nil, ""), ("/", nil, "/", nil, nil),
    ] as [(String, String?, String, String?, String?)])
    func cutsTheReferenceIntoItsParts(image: String, registry: String?, path: String, tag: String?, digest: String?) {
        let reference = ImageReference(image)
        #expect(reference.registry == registry)
        #expect(reference.path == path)
        #expect(reference.tag == tag)
        #expect(reference.digest == digest)
    }

    @Test func theNameIsThePathsLastComponent() {
        #expect(ImageReference("traefik/whoami:v1.10").name == "whoami")
        #expect(ImageReference("traefik:v3").name == "traefik")
        #expect(ImageReference("").name == "")
        #expect(ImageReference("postgres").effectiveTag == "latest")
    }
}
