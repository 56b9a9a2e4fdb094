/// What a route object answers, to pair routes a folder names its own way with the
/// conversion's: an Ingress's `host path` of every rule, an HTTPRoute's hostnames × match paths
/// on its listener. Two routes answering one of the same requests are the same route.
enum RouteIdentity {
    static let kinds: Set<String> = ["Ingress", "HTTPRoute"]

    /// `host path` (host `*` for every host) of each request the route answers.
    static func requests(of object: JSONValue) -> Set<String> {
        guard let spec = object.field("spec") else { return [] }
        if case .array(let rules)? = spec.field("rules"), object.field("kind") == .string("Ingress") {
            return Set(
                rules.flatMap { rule -> [String] in
                    let host = rule.field("host")?.text ?? "*"
                    guard case .array(let paths)? = rule.field("http")?.field("paths") else { return [] }
                    return paths.map { "\(host) \($0.field("path")?.text ?? "/")" }
                })
        }
        guard case .array(let rules)? = spec.field("rules") else { return [] }
        var hosts: [String] = []
        if case .array(let names)? = spec.field("hostnames") { hosts = names.compactMap(\.text) }
        let listener: String
        if case .array(let parents)? = spec.field("parentRefs") { listener = parents.first?.field("sectionName")?.text ?? "" } else { listener = "" }
        let paths = rules.flatMap { rule -> [String] in
            guard case .array(let matches)? = rule.field("matches") else { return ["/"] }
            return matches.map { $0.field("path")?.field("value")?.text ?? "/" }
        }
        return Set((hosts.isEmpty ? ["*"] : hosts).flatMap { host in paths.map { "\(listener) \(host) \($0)" } })
    }

    /// Unmatched routes of ours paired with the folder's unmatched route of the same kind that
    /// answers one of the same requests; the name shows as one of the pair's differences.
    static func pairs(ours: [ObjectIdentity: JSONValue], theirs: [ObjectIdentity: JSONValue]) -> [(ours: ObjectIdentity, theirs: ObjectIdentity)] {
        var free = theirs.keys.filter { kinds.contains($0.kind) && ours[$0] == nil }.sorted()
        var pairs: [(ours: ObjectIdentity, theirs: ObjectIdentity)] = []
        for identity in ours.keys.sorted() where kinds.contains(identity.kind) && theirs[identity] == nil {
            let answered = requests(of: ours[identity] ?? .null)
            guard let index = free.firstIndex(where: { $0.kind == identity.kind && !requests(of: theirs[$0] ?? .null).isDisjoint(with: answered) })
            else { continue }
            pairs.append((identity, free.remove(at: index)))
        }
        return pairs
    }
}

extension JSONValue {
    /// The value of `key` in an object, nil elsewhere.
    fileprivate func field(_ key: String) -> JSONValue? {
        if case .object(let fields) = self { return fields[key] }
        return nil
    }

    fileprivate var text: String? {
        if case .string(let text) = self { return text }
        return nil
    }
}
