import Testing

@testable import Converter

/// The stage list runs every rule after the rules whose output it reads.
@Suite struct RuleOrderTests {
    /// Each rule's type with its place: the stage, then its place among the service rules.
    private let places: [(rule: any ConversionRule.Type, stage: Int, index: Int)] = ComposeConverter.stages.enumerated().flatMap {
        stage, step -> [(rule: any ConversionRule.Type, stage: Int, index: Int)] in
        switch step {
        case .project(let rule): return [(type(of: rule), stage, 0)]
        case .services(let rules): return rules.enumerated().map { (type(of: $1), stage, $0) }
        }
    }

    private func place(of rule: any ConversionRule.Type) -> (stage: Int, index: Int)? {
        places.first { $0.rule == rule }.map { ($0.stage, $0.index) }
    }

    @Test func everyRuleRunsAfterTheRulesWhoseOutputItReads() throws {
        for (rule, stage, index) in places {
            for needed in rule.readsOutputOf {
                let before = try #require(place(of: needed), "\(needed) is in no stage")
                #expect(before < (stage, index), "\(rule) reads \(needed)'s output, so it must run after it")
            }
        }
    }

    @Test func rulesThatReadFinishedWorkloadsRunAfterTheServiceRules() throws {
        let servicesStage = try #require(
            ComposeConverter.stages.firstIndex {
                if case .services = $0 { return true }
                return false
            })
        for (rule, stage, _) in places where rule.readsFinishedWorkloads {
            #expect(stage > servicesStage, "\(rule) reads the finished workloads")
        }
    }

    @Test func theWorkloadsAreMadeFirstAndTheUnconvertedKeysFoundLast() {
        #expect(places.first?.rule == WorkloadRule.self, "every other rule edits the workloads it makes")
        #expect(places.last?.rule == UnconvertedKeysRule.self, "it reads every rule's marks")
        #expect(Set(places.map { ObjectIdentifier($0.rule) }).count == places.count, "a rule runs once")
    }

    /// Every key the merger treats specially is a key of the tree the decoder and the rules read
    /// (`ComposeKeys`), so the two lists cannot drift apart. (What `config` prints is compared
    /// with `docker compose config` over the whole corpus.)
    @Test func theMergersKeysAreKeysOfTheKeyTree() {
        let patterns = ComposeKeys.patterns
        for (pattern, _) in ComposeMerger.merges {
            let isKey = patterns.contains { $0 == pattern || $0.hasPrefix(pattern + "[]") || $0.hasPrefix(pattern + ".") }
            #expect(isKey, "\(pattern) is no compose key")
        }
    }
}
