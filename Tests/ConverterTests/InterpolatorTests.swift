import Testing

@testable import Converter

@Suite struct InterpolatorTests {
    let interpolator = Interpolator(variables: ["SET": "value", "EMPTY": "", "PORT": "8080"])

    @Test(arguments: [
        ("$SET", "value"), ("${SET}", "value"), ("a${SET}b", "avalueb"), ("$SET.x", "value.x"),
        ("${UNSET:-fallback}", "fallback"), ("${EMPTY:-fallback}", "fallback"), ("${EMPTY-fallback}", ""),
        ("${UNSET-fallback}", "fallback"), ("${SET:-fallback}", "value"),
        ("${SET:+replaced}", "replaced"), ("${EMPTY:+replaced}", ""), ("${EMPTY+replaced}", "replaced"),
        ("${UNSET+replaced}", ""), ("${UNSET:-${PORT}}", "8080"), ("${UNSET:-${ALSO_UNSET:-deep}}", "deep"),
        ("$$SET", "$SET"), ("$${SET}", "${SET}"), ("cost $5", "cost $5"), ("${UNSET}", ""), ("$", "$"),
        ("${UNSET:-a}:${PORT}", "a:8080"),
    ])
    func substitutes(template: String, expected: String) throws {
        #expect(try interpolator.interpolate(template) == expected)
    }

    @Test func requiredVariableFailsWithItsMessage() throws {
        #expect(throws: Interpolator.Failure.requiredVariable(name: "DB", message: "set DB first")) {
            try interpolator.interpolate("${DB:?set DB first}")
        }
        #expect(throws: Interpolator.Failure.requiredVariable(name: "DB", message: "")) {
            try interpolator.interpolate("${DB?}")
        }
        #expect(throws: Interpolator.Failure.requiredVariable(name: "EMPTY", message: "empty")) {
            try interpolator.interpolate("${EMPTY:?empty}")
        }
        #expect(try interpolator.interpolate("${EMPTY?empty}") == "")
    }

    @Test func malformedTemplatesFail() {
        #expect(throws: Interpolator.Failure.self) { try interpolator.interpolate("${SET") }
        #expect(throws: Interpolator.Failure.self) { try interpolator.interpolate("${}") }
        #expect(throws: Interpolator.Failure.self) { try interpolator.interpolate("${SET!x}") }
    }

    @Test func reportsEachUnsetUse() {
        let seen = Recorder()
        let reporting = Interpolator(variables: [:], onUnset: { seen.add($0) })
        _ = try? reporting.interpolate("$A ${B} ${C:-x}")
        #expect(seen.names == ["A", "B"])
    }
}

final class Recorder: @unchecked Sendable {
    private(set) var names: [String] = []
    func add(_ name: String) { names.append(name) }
}
