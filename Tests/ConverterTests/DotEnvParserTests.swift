import Testing

@testable import Converter

@Suite struct DotEnvParserTests {
    func parse(_ text: String, environment: [String: String] = [:]) throws -> [String: String] {
        Dictionary(try DotEnvParser.parse(text) { environment[$0] }.map { ($0.key, $0.value) }, uniquingKeysWith: { $1 })
    }

    @Test func readsTheForms() throws {
        let text = """
            # comment
            PLAIN=value
            export EXPORTED=yes
            SPACED = trimmed # a comment
            SINGLE='$PLAIN stays'
            DOUBLE="line\\nbreak ${PLAIN}"
            EMPTY=
            REF=${PLAIN}-x
            FROM_ENV
            MISSING
            """
        let values = try parse(text, environment: ["FROM_ENV": "env"])
        #expect(values["PLAIN"] == "value")
        #expect(values["EXPORTED"] == "yes")
        #expect(values["SPACED"] == "trimmed")
        #expect(values["SINGLE"] == "$PLAIN stays")
        #expect(values["DOUBLE"] == "line\nbreak value")
        #expect(values["EMPTY"] == "")
        #expect(values["REF"] == "value-x")
        #expect(values["FROM_ENV"] == "env")
        #expect(values["MISSING"] == nil)
    }

    @Test func multilineDoubleQuotes() throws {
        #expect(try parse("KEY=\"a\nb\"\nNEXT=1") == ["KEY": "a\nb", "NEXT": "1"])
    }

    @Test func unterminatedQuoteNamesItsLine() {
        #expect(throws: DotEnvParser.Failure(line: 2, message: "unterminated quoted value")) {
            try DotEnvParser.parse("A=1\nB=\"open")
        }
    }
}
