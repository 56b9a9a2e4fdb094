import Testing
import Yams

@testable import Converter

@Suite struct BlockYAMLWriterTests {
    /// Every string must read back (with Yams, a YAML 1.1 reader) as exactly itself.
    @Test(arguments: [
        "plain", "8080", "0.5", "1.4.2", "yes", "No", "on", "null", "~", "", " lead", "trail ", "a: b", "a #b", "#c", "*/5 * * * *",
        "- x", "-c", "--bind", "0.0.0.0:8000", "weather.api:app", "7.4-alpine", "1e3", ".5", ".inf", "2024-01-01", "0x1F", "{{ x }}",
        "[a]", "'q'", "\"dq\"", "tab\there", "bell\u{07}", "bom\u{FEFF}", "line1\nline2\n", "no newline\nat end", "two\n\n",
        "\nleading newline", " indented\nblock", "é ü ✓", "key:", "?x", "@at", "%pct", "`tick`", "!tag", "&anchor", "|pipe", ">fold",
    ])
    func stringsRoundTrip(text: String) throws {
        let yaml = BlockYAMLWriter.write(
            .map([("key", .string(text)), ("list", .list([.string(text)])), (text.isEmpty ? "k" : "k-\(text.count)", .int(1))]))
        let loaded = try #require(try Yams.load(yaml: yaml) as? [String: Any])
        #expect(loaded["key"] as? String == text, "\(yaml)")
        #expect((loaded["list"] as? [Any])?.first as? String == text, "\(yaml)")
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
