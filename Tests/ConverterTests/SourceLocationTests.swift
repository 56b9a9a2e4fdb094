import Testing

@testable import Converter

@Suite struct SourceLocationTests {
    @Test func aLocationKeepsItsFileWhateverOrderFilesAreNumberedIn() {
        let first = SourceLocation(file: "/p/compose.yaml", line: 3, column: 5)
        let other = SourceLocation(file: "/p/compose.override.yaml", line: 3, column: 5)
        var moved = first
        moved.file = "/p/other.yaml"
        #expect(first.file == "/p/compose.yaml" && other.file == "/p/compose.override.yaml" && moved.file == "/p/other.yaml")
        #expect(first == SourceLocation(file: "/p/compose.yaml", line: 3, column: 5), "the same path, line and column")
        #expect(first != other, "another file at the same line and column")
        #expect(Set([first, other, moved]).count == 3)
        #expect(first.description == "/p/compose.yaml:3:5" && SourceLocation.file("/p/.env").description == "/p/.env")
    }

    @Test func theParsersLocationsNameTheFileTheyWereParsedFrom() throws {
        let root = try YAMLDocumentLoader.load("services:\n  api:\n    image: nginx\n", file: "/p/parsed.yaml")
        let api = try #require(root.entry("services")?.value.entry("api"))
        #expect(api.keyLocation == SourceLocation(file: "/p/parsed.yaml", line: 2, column: 3))
        #expect(api.keyLocation.file == "/p/parsed.yaml")
    }
}
