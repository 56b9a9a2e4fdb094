/// Compose's rules for merging an override into a base (several `-f` files, `extends`):
/// mappings merge key by key, unique resources (ports, volumes, secrets, …) merge by their key,
/// `command`, `entrypoint` and `healthcheck.test` are replaced, other lists are appended;
/// `!reset` removes a value and `!override` replaces it whole.
enum ComposeMerger {
    static func merge(_ base: RawNode, _ override: RawNode) -> RawNode {
        stripResets(merge(base, override, path: []))
    }

    static func merge(_ base: RawNode, _ override: RawNode, path: [String]) -> RawNode {
        if override.mergeTag == .override { return withoutTag(override) }
        if base.isNull { return override }
        if override.isNull, base.entries != nil || base.items != nil { return base }
        switch (base.value, override.value) {
        case (.mapping(let left), .mapping(let right)):
            return .mapping(mergeEntries(left, right, path: path), at: override.location)
        case (.sequence(let left), .sequence(let right)):
            return .sequence(mergeSequence(left, right, path: path), at: override.location)
        default:
            return override
        }
    }

    private static func mergeEntries(_ left: [RawNode.Entry], _ right: [RawNode.Entry], path: [String]) -> [RawNode.Entry] {
        // Removed entries become nil until the end, so positions stay valid for the key index.
        var result: [RawNode.Entry?] = left
        var positions = [String: Int](left.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first })
        for entry in right {
            let childPath = path + [entry.key]
            if let index = positions[entry.key], let existing = result[index] {
                if entry.value.mergeTag == .reset {
                    result[index] = nil
                } else if replacesWhole(childPath) {
                    result[index] = entry
                } else {
                    result[index]?.value = merge(existing.value, entry.value, path: childPath)
                }
            } else if entry.value.mergeTag != .reset {
                positions[entry.key] = result.count
                result.append(entry)
            }
        }
        return result.compactMap { $0 }
    }

    /// How the value at a key path merges when it is not a mapping merged key by key.
    enum Merge: Sendable {
        /// The override replaces the base whole.
        case replaced
        /// A list of unique values: the override's new values are appended.
        case set
        /// A list of unique resources, each found by its identity: an override's item merges
        /// into the base's item with the same identity, or is appended.
        case keyed(@Sendable (RawNode) -> String)
    }

    /// Every key that merges otherwise than by appending (lists) or replacing (scalars), by its
    /// pattern in `ComposeKeys` (a test checks that each is a key there).
    static let merges: [(pattern: String, merge: Merge)] = [
        ("services.*.command", .replaced), ("services.*.entrypoint", .replaced), ("services.*.healthcheck.test", .replaced),
        (
            "services.*.ports",
            .keyed { node in ["host_ip", "published", "target", "protocol", "mode"].map { node[$0]?.text ?? "" }.joined(separator: "|") }
        ),
        ("services.*.volumes", .keyed { $0["target"]?.text ?? $0.text ?? "" }),
        ("services.*.devices", .keyed { $0["target"]?.text ?? $0.text ?? "" }),
        ("services.*.secrets", .keyed(fileReference)), ("services.*.configs", .keyed(fileReference)),
        ("services.*.env_file", .keyed { $0["path"]?.text ?? "" }),
    ]
        + [
            "cap_add", "cap_drop", "dns", "dns_opt", "dns_search", "tmpfs", "expose", "profiles", "security_opt",
            "group_add", "links", "external_links", "volumes_from", "device_cgroup_rules",
        ].map { ("services.*.\($0)", .set) }

    /// A secret or config is one per target (or per source, without a target).
    private static func fileReference(_ node: RawNode) -> String {
        (node["target"]?.text).map { "target:\($0)" } ?? "source:\(node["source"]?.text ?? "")"
    }

    private static func merge(at path: [String]) -> Merge? {
        merges.first { matches(path, $0.pattern) }?.merge
    }

    private static func replacesWhole(_ path: [String]) -> Bool {
        if case .replaced? = merge(at: path) { return true }
        return false
    }

    private static func mergeSequence(_ left: [RawNode], _ right: [RawNode], path: [String]) -> [RawNode] {
        switch merge(at: path) {
        case .keyed(let key)?:
            var result = left
            for item in right {
                if let index = result.firstIndex(where: { key($0) == key(item) }) {
                    result[index] = merge(result[index], item, path: path + ["*"])
                } else {
                    result.append(item)
                }
            }
            return result
        case .set?:
            var result = left
            for item in right where !result.contains(where: { $0.text == item.text && item.text != nil }) {
                result.append(item)
            }
            return result
        case .replaced?, nil:
            return left + right
        }
    }

    static func matches(_ path: [String], _ pattern: String) -> Bool {
        let parts = pattern.split(separator: ".")
        guard parts.count == path.count else { return false }
        return zip(parts, path).allSatisfy { $0 == "*" || $0 == $1 }
    }

    private static func withoutTag(_ node: RawNode) -> RawNode {
        var copy = node
        copy.mergeTag = nil
        return copy
    }

    /// Removes what is still marked `!reset` once there is nothing left to reset.
    static func stripResets(_ node: RawNode) -> RawNode {
        guard hasMergeTags(node) else { return node }
        var copy = node
        copy.mergeTag = nil
        switch node.value {
        case .scalar: break
        case .sequence(let items):
            copy.value = .sequence(items.filter { $0.mergeTag != .reset }.map(stripResets))
        case .mapping(let entries):
            copy.value = .mapping(
                entries.filter { $0.value.mergeTag != .reset }.map { entry in
                    var entry = entry
                    entry.value = stripResets(entry.value)
                    return entry
                })
        }
        return copy
    }

    /// Whether a `!reset` or `!override` tag is anywhere in `node`.
    private static func hasMergeTags(_ node: RawNode) -> Bool {
        if node.mergeTag != nil { return true }
        switch node.value {
        case .scalar: return false
        // By index: iterating the elements copied each entry (its key and its subtree's references).
        case .sequence(let items): return items.indices.contains { hasMergeTags(items[$0]) }
        case .mapping(let entries): return entries.indices.contains { hasMergeTags(entries[$0].value) }
        }
    }
}
