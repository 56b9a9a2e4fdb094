/// Which hosts of a value written with variables (``Host(`api.${DOMAIN}`)``, `VIRTUAL_HOST=${APP_HOST}`)
/// came from which variables, so that a chart's route follows them. The written value is cut
/// the way its proxy cuts it, with each variable standing in as one placeholder; each host with
/// a placeholder maps back to a template, kept when it gives the host the project converted.
enum HostTemplates {
    private static let open: Character = "\u{E000}"
    private static let close: Character = "\u{E001}"

    /// Host as converted (lower-cased) → its template, for the hosts `hosts` finds in the
    /// placeholder text that a variable wrote.
    static func templates(
        of written: Template?, variables: [String: String], hosts: (String) -> [String]
    ) -> [String: Template] {
        guard let written, !written.isLiteral else { return [:] }
        var text = ""
        for (index, part) in written.parts.enumerated() {
            switch part {
            case .literal(let literal): text += literal
            case .variable: text += "\(open)\(index)\(close)"
            }
        }
        var found: [String: Template] = [:]
        for host in hosts(text) where host.contains(open) {
            guard let template = template(from: host, parts: written.parts),
                let value = try? template.evaluate({ variables[$0] }), !value.isEmpty
            else { continue }
            found[value.lowercased()] = template
        }
        return found
    }

    /// The placeholder text of one host back into a template of literals and the variables it names.
    private static func template(from host: String, parts: [Template.Part]) -> Template? {
        var result: [Template.Part] = []
        var rest = Substring(host)
        while let start = rest.firstIndex(of: open) {
            if start > rest.startIndex { result.append(.literal(String(rest[..<start]))) }
            guard let end = rest[start...].firstIndex(of: close), let index = Int(rest[rest.index(after: start)..<end]),
                parts.indices.contains(index)
            else { return nil }
            result.append(parts[index])
            rest = rest[rest.index(after: end)...]
        }
        if !rest.isEmpty { result.append(.literal(String(rest))) }
        return Template(parts: result)
    }
}
