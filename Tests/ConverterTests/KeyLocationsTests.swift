import Testing

@testable import Converter

@Suite struct KeyLocationsTests {
    private let first = SourceLocation(file: "/p/compose.yaml", line: 3, column: 5)
    private let second = SourceLocation(file: "/p/compose.yaml", line: 9, column: 7)
    private let child = SourceLocation(file: "/p/compose.yaml", line: 4, column: 7)

    @Test func aPathRecordedTwiceKeepsItsFirstLocationAndItsFirstPlace() {
        var locations = KeyLocations()
        locations.record("services.api", at: first)
        locations.record("services.api.image", at: child)
        locations.record("services.api", at: second)
        #expect(locations["services.api"] == first)
        #expect(locations["services.api.image"] == child)
        #expect(locations["services.web"] == nil)
        #expect(locations.paths == ["services.api", "services.api.image"])
    }

    @Test func anEditReplacesALocationAndAddsOrRemovesAPath() {
        var locations: KeyLocations = ["services.api": first]
        locations["services.api"] = second
        locations["services.api.ports"] = child
        #expect(locations["services.api"] == second)
        #expect(locations.paths == ["services.api", "services.api.ports"])
        locations["services.api"] = nil
        #expect(locations["services.api"] == nil)
        #expect(locations.paths == ["services.api.ports"])
    }

    @Test func marksReachAParentAddedBeforeItsChildAndNotAStranger() {
        var marks = KeyPathMarks(paths: ["services.api.environment.A", "services.api", "services.api.environment"])
        #expect(marks.keyPaths.map(\.path) == ["services.api.environment.A", "services.api", "services.api.environment"])
        marks.mark("services.api.environment.A", .used)
        #expect(marks.isRelated("services.api", to: .used), "an ancestor learns of its marked descendant")
        #expect(marks.isRelated("services.api.environment.A.deeper", to: .used), "a path below a marked key is related")
        #expect(!marks.isRelated("services.web", to: .used))
        #expect(!marks.isRelated("services.api", to: .reported))
        marks.mark("services.api.ports[0].target", .reported)
        #expect(marks.isRelated("services.api", to: .reported), "a mark on a path with no key reaches its nearest key")
        #expect(!marks.isRelated("services.api.environment", to: .reported))
    }
}
