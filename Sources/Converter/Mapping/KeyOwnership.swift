/// The compose keys a rule answers for, as `ComposeKeys` patterns (`services.*.ports[].target`):
/// the keys it maps (`owns`; a key counts as used only when a rule used it and one owns it), the
/// keys it deliberately leaves out with the reason every user of one is told (`ignores`), and keys
/// it only reads to decide something (`reads`, for the record: scanning environment values for
/// host names maps nothing).
struct KeyOwnership: Sendable {
    var owns: [String] = []
    var ignores: [String: String] = [:]
    var reads: [String] = []
}

/// A rule that declares its keys.
protocol OwnsKeys: Sendable {
    static var keys: KeyOwnership { get }
}

/// Who answers for every key: the rules of `ComposeConverter.stages` and the reader.
enum KeyOwners {
    /// Keys the reader applies while loading (the project's name, `include`, `profiles`) or
    /// reports itself (`version`).
    static let reader = KeyOwnership(
        owns: ["name", "include", "services.*.profiles[]"],
        ignores: ["version": "is obsolete and ignored, as Compose says when it reads it"])

    /// Each rule's type (none for the reader) and keys, the reader's first.
    private static let declared: [(rule: (any OwnsKeys.Type)?, keys: KeyOwnership)] = {
        var owners: [((any OwnsKeys.Type)?, KeyOwnership)] = [(nil, reader)]
        for stage in ComposeConverter.stages {
            switch stage {
            case .project(let rule): owners.append((type(of: rule), type(of: rule).keys))
            case .services(let rules): owners += rules.map { (type(of: $0), type(of: $0).keys) }
            }
        }
        return owners
    }()

    /// Each rule's name and keys, the reader's first. Named only here (for `KEYS.md` and the
    /// tests): naming a type looks through the binary's every protocol conformance, which every
    /// conversion would otherwise pay for at start.
    static var all: [(owner: String, keys: KeyOwnership)] {
        declared.map { rule, keys in (rule.map { String(describing: $0) } ?? "reader", keys) }
    }

    /// Every pattern some rule maps, including containers a rule owns as a whole when empty
    /// (`services.*.networks.*` for a network joined without settings).
    static let owned: Set<String> = Set(declared.flatMap(\.keys.owns))

    /// `KEYS.md`: every key the reader knows, the rule that answers for it, and what becomes of
    /// it, in the order of `ComposeKeys`.
    static var table: String {
        var lines = [
            "# Every compose key and what becomes of it", "",
            "Generated from the rules' declarations (`static let keys` in `Sources/Converter/Mapping/Rules`); `swift test` fails when",
            "this file is stale, and `RECORD=1 swift test` writes it again. `*` is a name you choose, `[]` a list item. A mapped key",
            "that a rule cannot use in a given file (a value out of range, a runtime other than `nvidia`) is still reported there.", "",
            "| key | rule | what becomes of it |", "|---|---|---|",
        ]
        let all = all
        for pattern in ComposeKeys.patterns {
            guard let (owner, keys) = all.first(where: { $0.keys.owns.contains(pattern) || $0.keys.ignores[pattern] != nil }) else {
                lines.append("| `\(pattern)` | none | reported: no rule answers for it |")
                continue
            }
            let fate = keys.ignores[pattern] ?? "mapped"
            lines.append("| `\(pattern)` | \(owner) | \(fate.replacingBytes("|", with: "\\|")) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Why a key is left out, by pattern.
    static let ignored: [String: String] = declared.reduce(into: [:]) { $0.merge($1.keys.ignores) { first, _ in first } }
}
