import Converter
import Foundation

/// Writes a `ManifestDiff` for people (grouped by object, coloured on a terminal) or for tools.
enum DiffReport {
    /// Colour only on a terminal, and never with `NO_COLOR` set.
    static func wantsColor() -> Bool {
        isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }

    static func human(_ diff: ManifestDiff, color: Bool) -> String {
        func paint(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
        if diff.isEmpty { return "no differences\n" }
        var lines: [String] = []
        for identity in diff.onlyInConversion {
            lines.append(paint("+ \(identity): only in the conversion", "32"))
        }
        for (identity, file) in diff.onlyInFolder {
            lines.append(paint("- \(identity): only in \(file)", "31"))
        }
        for change in diff.changed {
            lines.append(paint("~ \(change.identity) (\(change.file))", "33"))
            for difference in change.differences {
                switch difference.change {
                case .changed: lines.append("    \(difference.path): \(show(difference.old)) → \(show(difference.new))")
                case .added: lines.append(paint("  + \(difference.path): \(show(difference.new))", "32"))
                case .removed: lines.append(paint("  - \(difference.path): \(show(difference.old))", "31"))
                }
            }
            for note in notes(change) { lines.append("    note: \(note)") }
        }
        let count = diff.onlyInConversion.count + diff.onlyInFolder.count + diff.changed.reduce(0) { $0 + $1.differences.count }
        lines.append("\(count) difference\(count == 1 ? "" : "s")")
        return lines.joined(separator: "\n") + "\n"
    }

    static func json(_ diff: ManifestDiff) -> String {
        func identity(_ id: ObjectIdentity) -> JSONValue {
            .object(["group": .string(id.group), "kind": .string(id.kind), "namespace": .string(id.namespace), "name": .string(id.name)])
        }
        return JSONWriter.write(
            .object([
                "equal": .bool(diff.isEmpty),
                "onlyInConversion": .array(diff.onlyInConversion.map(identity)),
                "onlyInFolder": .array(
                    diff.onlyInFolder.map { item in
                        if case .object(var fields) = identity(item.identity) {
                            fields["file"] = .string(item.file)
                            return .object(fields)
                        }
                        return identity(item.identity)
                    }),
                "changed": .array(
                    diff.changed.map { change in
                        .object([
                            "object": identity(change.identity), "file": .string(change.file),
                            "notes": .array(notes(change).map(JSONValue.string)),
                            "differences": .array(
                                change.differences.map { difference in
                                    .object([
                                        "path": .string(difference.path), "change": .string(difference.change.rawValue),
                                        "old": difference.old ?? .null, "new": difference.new ?? .null,
                                    ])
                                }),
                        ])
                    }),
            ]))
    }

    /// What `kubectl apply` will refuse in `change`, with what to do instead.
    private static func notes(_ change: ManifestDiff.ObjectChange) -> [String] {
        ImmutableFields.notes(kind: change.identity.kind, name: change.identity.name, paths: change.differences.map(\.path))
    }

    private static func show(_ value: JSONValue?) -> String {
        guard let value else { return "∅" }
        let text = JSONWriter.compact(value)
        return text.count > 120 ? String(text.prefix(117)) + "…" : text
    }
}
