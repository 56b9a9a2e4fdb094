import Converter

/// Findings alike but for one word, printed as one line that lists the others: the variable a
/// finding names (its `subject`), or the service its key path starts with
/// (`services.<name>.…`, the name also replaced where the message says it).
struct DiagnosticGroup {
    var first: Diagnostic
    /// The subjects or services of the findings folded into `first`, in order, without repeats.
    var others: [String] = []

    static func groups(_ diagnostics: [Diagnostic]) -> [DiagnosticGroup] {
        var groups: [DiagnosticGroup] = []
        var index: [String: Int] = [:]
        for diagnostic in diagnostics {
            guard let (word, keys) = groupingKeys(diagnostic) else {
                groups.append(DiagnosticGroup(first: diagnostic))
                continue
            }
            guard let position = keys.lazy.compactMap({ index[$0] }).first else {
                for key in keys { index[key] = groups.count }
                groups.append(DiagnosticGroup(first: diagnostic))
                continue
            }
            if word != groupingKeys(groups[position].first)?.word, !groups[position].others.contains(word) {
                groups[position].others.append(word)
            }
        }
        return groups
    }

    /// The word a finding varies in, and the finding with that word blanked out: for a service,
    /// once in the key path only and once in the message too (a service named `a` must still
    /// group with the others when its message says "a Deployment").
    private static func groupingKeys(_ diagnostic: Diagnostic) -> (word: String, keys: [String])? {
        let severity = diagnostic.severity.rawValue
        if let subject = diagnostic.subject, let range = diagnostic.message.range(of: subject) {
            let message = diagnostic.message.replacingCharacters(in: range, with: "\u{0}")
            return (subject, ["\(severity)\u{0}\(message)"])
        }
        guard let service = serviceName(in: diagnostic.path) else { return nil }
        let path = "services.\u{0}" + diagnostic.path.dropFirst("services.".count + service.count)
        let messages = [diagnostic.message, blanking(service, in: diagnostic.message)]
        return (service, messages.map { "\(severity)\u{0}\($0)\u{0}\(path)" })
    }

    /// `api` for `services.api` and `services.api.ports[0]`. A dotted name (`wazuh.master`) gives
    /// its first part; the rest stays in the key path, so only alike services are grouped.
    private static func serviceName(in path: String) -> String? {
        guard path.hasPrefix("services.") else { return nil }
        let name = path.dropFirst("services.".count).prefix { $0 != "." && $0 != "[" }
        return name.isEmpty ? nil : String(name)
    }

    /// `message` with each whole-word `name` replaced by a blank: `db` in "db uses x", not in
    /// "dbx" or "db.x".
    private static func blanking(_ name: String, in message: String) -> String {
        var result = ""
        var rest = Substring(message)
        while let range = rest.range(of: name) {
            let before = rest[..<range.lowerBound].last ?? " "
            let after = range.upperBound < rest.endIndex ? rest[range.upperBound] : " "
            result += rest[..<range.lowerBound]
            result += isNamePart(before) || isNamePart(after) ? name : "\u{0}"
            rest = rest[range.upperBound...]
        }
        return result + rest
    }

    private static func isNamePart(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_" || character == "-" || character == "."
    }
}
