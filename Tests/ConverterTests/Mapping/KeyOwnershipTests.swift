import Foundation
import Testing

@testable import Converter

/// Every key the reader knows has exactly one rule that answers for it: maps it (`owns`) or
/// leaves it out with a reason (`ignores`). A key with no owner would be marked used by a rule
/// that consumed its parent and never reported; two owners would disagree about it.
@Suite struct KeyOwnershipTests {
    @Test func everyKeyTheReaderKnowsHasExactlyOneOwner() {
        var answers: [String: [String]] = [:]
        for (owner, keys) in KeyOwners.all {
            for pattern in keys.owns + keys.ignores.keys { answers[pattern, default: []].append(owner) }
        }
        let patterns = ComposeKeys.patterns
        let unowned = patterns.filter { answers[$0] == nil }
        #expect(unowned.isEmpty, "keys no rule answers for: \(unowned)")
        let twice = patterns.filter { (answers[$0]?.count ?? 0) > 1 }.map { "\($0): \(answers[$0] ?? [])" }
        #expect(twice.isEmpty, "keys with more than one owner: \(twice)")
    }

    @Test func everyDeclaredKeyExists() {
        // A declared pattern is a key or a container of keys (owned as a whole when empty).
        let patterns = ComposeKeys.patterns
        for (owner, keys) in KeyOwners.all {
            for pattern in keys.owns + Array(keys.ignores.keys) + keys.reads {
                let exists = patterns.contains { $0 == pattern || $0.hasPrefix(pattern + ".") || $0.hasPrefix(pattern + "[") }
                #expect(exists, "\(owner) declares \(pattern), which is no compose key")
            }
        }
    }

    /// KEYS.md is generated from the declarations, so the documented table cannot drift.
    @Test func theKeyTableIsCurrent() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("KEYS.md")
        if ProcessInfo.processInfo.environment["RECORD"] == "1" {
            try KeyOwners.table.write(to: file, atomically: true, encoding: .utf8)
            Issue.record("recorded KEYS.md; run again without RECORD=1")
            return
        }
        let written = try String(contentsOf: file, encoding: .utf8)
        #expect(written == KeyOwners.table, "KEYS.md is stale: RECORD=1 swift test writes it")
    }

    /// The README's mapping table names compose keys: each must be a key some rule owns (a
    /// value such as `service_healthy`, or `x-kubernetes`, is not a key and is left aside).
    @Test func theReadmeMappingTableNamesOwnedKeys() throws {
        let readme = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("README.md"), encoding: .utf8)
        guard let table = readme.range(of: "| compose | Kubernetes |") else {
            Issue.record("README has no mapping table")
            return
        }
        let rows = readme[table.lowerBound...].components(separatedBy: "\n\n")[0].split(separator: "\n").dropFirst(2)
        let owned = KeyOwners.owned
        var named: [String] = []
        for row in rows {
            let first = row.split(separator: "|", omittingEmptySubsequences: true).first ?? ""
            for piece in first.split(separator: "`").enumerated() where piece.offset % 2 == 1 {
                let key = String(piece.element.prefix { $0 != ":" && $0 != " " })
                guard !key.hasPrefix("x-"), !key.hasPrefix("service_") else { continue }
                named.append(key)
                let found = owned.contains { $0.hasSuffix("." + key) || $0.contains("." + key + ".") || $0.contains("." + key + "[") }
                #expect(found, "the README maps `\(key)`, which no rule owns")
            }
        }
        #expect(named.count >= 10, "the table was read: \(named)")
    }

    @Test(arguments: [
        ("services.api.ports[0].target", "services.*.ports[].target"),
        ("services.wazuh.master.ulimits", "services.*.ulimits"),
        ("services.api.labels.traefik.http.routers.x.rule", "services.*.labels.*"),
        ("services.api.networks.front.mac_address", "services.*.networks.*.mac_address"),
        (
            "services.api.deploy.resources.reservations.devices[0].capabilities[0]",
            "services.*.deploy.resources.reservations.devices[].capabilities[]"
        ),
        ("volumes.data.driver_opts.type", "volumes.*.driver_opts"),
        ("services.api.networks.front", "services.*.networks.*"),
    ])
    func keyPathsHaveTheirPattern(path: String, pattern: String) {
        #expect(ComposeKeys.pattern(of: path, serviceNames: ["api", "wazuh.master"]) == pattern)
    }

    @Test func extensionsAndUnknownKeysHaveNoPattern() {
        #expect(ComposeKeys.pattern(of: "services.api.x-kubernetes.kind", serviceNames: ["api"]) == nil)
        #expect(ComposeKeys.pattern(of: "x-common.image", serviceNames: ["api"]) == nil)
    }
}
