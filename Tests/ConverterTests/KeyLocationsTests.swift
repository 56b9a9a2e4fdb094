import Testing

@testable import Converter

@Suite struct KeyLocationsTests {
    private let first = SourceLocation(file: "/p/compose.yaml", line: 3, column: 5)
    private let second = SourceLocation(file: "/p/compose.yaml", line: 9, column: 7)
    private let child = SourceLocation(file: "/p/compose.yaml", line: 4, column: 7)

    @Test func aPathRecordedTwiceKeepsItsFirstLocationWhetherOrNotTheTableWasPrepared() {
        let record = [
            (path: "services.api", location: first), (path: "services.api.image", location: child),
            (path: "services.api", location: second),
        ]
        let waited = KeyLocations(recorded: record)
        let prepared = KeyLocations(recorded: record)
        prepared.prepare()
        for locations in [waited, prepared] {
            #expect(locations["services.api"] == first)
            #expect(locations["services.api.image"] == child)
            #expect(locations["services.web"] == nil)
        }
    }

    @Test func anEditedCopyLeavesTheOriginalAsItWas() {
        let original = KeyLocations(recorded: [(path: "services.api", location: first)])
        var edited = original
        edited["services.api"] = second
        edited["services.api.ports"] = child
        #expect(original["services.api"] == first)
        #expect(original["services.api.ports"] == nil)
        #expect(edited["services.api"] == second)
        #expect(edited["services.api.ports"] == child)
        #expect(Set(edited.recorded.map(\.path)) == ["services.api", "services.api.ports"])
    }

    @Test func keyUseListsEachRecordedPathOnceWithItsAncestorsNumbered() {
        let record = [
            (path: "services.api.environment.A", location: child), (path: "services.api", location: first),
            (path: "services.api.environment", location: child), (path: "services.api.environment.A", location: second),
        ]
        let keyUse = KeyUse(locations: KeyLocations(recorded: record))
        let paths = keyUse.keyPaths.map(\.path)
        #expect(paths == ["services.api.environment.A", "services.api", "services.api.environment"], "each once, in record order")
        keyUse.mark("services.api.environment.A", .used)
        #expect(keyUse.isRelated("services.api", to: .used), "a parent numbered before it was recorded still learns of its child")
        #expect(!keyUse.isRelated("services.web", to: .used))
    }
}
