import Testing
import Yams

@testable import Converter

@Suite struct BlockYAMLWriterTests {
    /// Every string must read back (with Yams, a YAML 1.1 reader) as exactly itself.
    @Test(arguments: [
        "plain", "8080", "0.5", "1.4.2", "yes", "No", "on", "null", "~", "", " lead", "trail ", "a: b", "a #b", "#c", "*/5 * * * *",
        "- x", "-c", "--bind", "0.0.0.0:8000", "weather.api:app", "7.4-alpine", "1e3", ".5", ".inf", "2024-01-01", "0x1F", "{{ x }}",
        "[a]", "'q'", "\"dq\"", "tab\there", "bell\u{07}", "bom\u{FEFF}", "line1\nline2\n", "no newline\nat end", "two\n\n",
        "\nleading newline", " indented\nblock", "\n  owner=x\n  if true; then\n    y\n  fi\n", "\n   \n  spaces\n", "   \n",
        "  a\n\n  b", "\n\n    deep\n  shallow\n", "a\n  b\n", "x\n \n", "\tt\n  u", "é ü ✓", "key:", "?x", "@at", "%pct", "`tick`", "!tag",
        "&anchor", "|pipe", ">fold",
    ])
    func stringsRoundTrip(text: String) throws {
        let yaml = BlockYAMLWriter.write(
            .map([("key", .string(text)), ("list", .list([.string(text)])), (text.isEmpty ? "k" : "k-\(text.count)", .int(1))]))
        let loaded = try #require(try Yams.load(yaml: yaml) as? [String: Any])
        #expect(loaded["key"] as? String == text, "\(yaml)")
        #expect((loaded["list"] as? [Any])?.first as? String == text, "\(yaml)")
    }

    /// Random multi-line strings of spaces, tabs, letters and line breaks read back as themselves,
    /// at every nesting depth the manifests use (mapping value, list item, map in a list).
    @Test func multiLineStringsRoundTripAtEveryDepth() throws {
        var generator = SplitMix(seed: 11)
        let alphabet: [Character] = [" ", " ", " ", "\n", "\n", "\t", "a", "b", "#", ":", "-"]
        for _ in 0..<400 {
            let length = Int(generator.next() % 24) + 1
            let text = String((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }) + "\nz"
            let yaml = BlockYAMLWriter.write(
                .map([("a", .map([("b", .string(text)), ("c", .list([.string(text), .map([("d", .string(text))])]))]))]))
            let loaded = try #require(try Yams.load(yaml: yaml) as? [String: Any], "\(yaml)")
            let inner = try #require(loaded["a"] as? [String: Any])
            let list = try #require(inner["c"] as? [Any])
            #expect(inner["b"] as? String == text, "\(yaml)")
            #expect(list.first as? String == text, "\(yaml)")
            #expect((list.last as? [String: Any])?["d"] as? String == text, "\(yaml)")
        }
    }

    @Test func layout() {
        let manifest: Manifest = .map([
            ("apiVersion", .string("v1")),
            ("items", .list([.map([("name", .string("a")), ("ports", .list([.int(80)]))]), .list([.int(1)])])),
            ("empty", .map([])), ("none", .list([])), ("flag", .bool(true)),
        ])
        #expect(
            BlockYAMLWriter.write(manifest) == """
                apiVersion: v1
                items:
                - name: a
                  ports:
                  - 80
                -
                  - 1
                empty: {}
                none: []
                flag: true

                """)
    }
}

/// A small deterministic random source, so a failing case is the same on every run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
