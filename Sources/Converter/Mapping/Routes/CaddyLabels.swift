/// caddy-docker-proxy's labels cut into the Caddyfile blocks it generates from them
/// (lucaslorentz/caddy-docker-proxy README, "Labels to Caddyfile conversion"): the label
/// `caddy` (or `caddy_N`, isolated) holds a site's addresses; `caddy.<directive>.<subdirective>`
/// its directives, nested at each dot, the value their arguments. A `N_` before a name orders
/// it, a `_N` after it isolates it; both are cut off the directive's name.
enum CaddyLabels {
    struct Directive: Equatable {
        /// The directive without its ordering prefix or isolating suffix: `reverse_proxy`, `@match`.
        var name: String
        var value: String
        var children: [Directive]
    }

    struct Site: Equatable {
        /// The label that opened it: `caddy`, `caddy_1`.
        var label: String
        /// Its addresses as written (`a.com, b.com`); empty for global options.
        var addresses: String
        var directives: [Directive]
    }

    /// The site label `key` belongs to (`caddy_1` for `caddy_1.reverse_proxy`), if it is one of `prefix`'s.
    static func site(of key: String, prefix: String) -> String? {
        let root = key.prefix { $0 != "." }
        if root == prefix { return prefix }
        guard root.hasPrefix(prefix + "_") else { return nil }
        let number = root.dropFirst(prefix.count + 1)
        return !number.isEmpty && number.allSatisfy(\.isNumber) ? String(root) : nil
    }

    /// The sites the labels describe, ordered by their labels.
    static func sites(_ labels: [String: String], prefix: String) -> [Site] {
        var byRoot: [String: [(path: [Substring], value: String)]] = [:]
        for (key, value) in labels {
            guard let root = site(of: key, prefix: prefix) else { continue }
            byRoot[root, default: []].append((key.split(separator: ".", omittingEmptySubsequences: false).dropFirst().map { $0 }, value))
        }
        return byRoot.keys.sorted().map { root in
            let entries = byRoot[root] ?? []
            let address = entries.first { $0.path.isEmpty }?.value ?? ""
            return Site(label: root, addresses: address, directives: tree(entries.filter { !$0.path.isEmpty }))
        }
    }

    /// The directives under one level, each with those below it.
    private static func tree(_ entries: [(path: [Substring], value: String)]) -> [Directive] {
        let byKey = Dictionary(grouping: entries, by: { String($0.path[0]) })
        return byKey.keys.sorted().map { key in
            let group = byKey[key] ?? []
            let own = group.first { $0.path.count == 1 }?.value ?? ""
            let below = group.filter { $0.path.count > 1 }.map { (path: Array($0.path.dropFirst()), value: $0.value) }
            return Directive(name: plainName(key), value: own, children: tree(below))
        }
    }

    /// `1_reverse_proxy` and `route_0` → `reverse_proxy`, `route`.
    static func plainName(_ key: String) -> String {
        var name = Substring(key)
        if let underscore = name.firstIndex(of: "_"), !name[..<underscore].isEmpty, name[..<underscore].allSatisfy(\.isNumber) {
            name = name[name.index(after: underscore)...]
        }
        if let underscore = name.lastIndex(of: "_"), !name[name.index(after: underscore)...].isEmpty,
            name[name.index(after: underscore)...].allSatisfy(\.isNumber)
        {
            name = name[..<underscore]
        }
        return String(name)
    }
}
