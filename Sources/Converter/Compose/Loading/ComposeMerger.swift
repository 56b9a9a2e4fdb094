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

    private static func replacesWhole(_ path: [String]) -> Bool {
        matches(path, "services.*.command") || matches(path, "services.*.entrypoint")
            || matches(path, "services.*.healthcheck.test")
    }

    private static func mergeSequence(_ left: [RawNode], _ right: [RawNode], path: [String]) -> [RawNode] {
        if let key = uniqueKey(for: path) {
            var result = left
            for item in right {
                if let index = result.firstIndex(where: { key($0) == key(item) }) {
                    result[index] = merge(result[index], item, path: path + ["*"])
                } else {
                    result.append(item)
                }
            }
            return result
        }
        if isSet(path) {
            var result = left
            for item in right where !result.contains(where: { $0.text == item.text && item.text != nil }) {
                result.append(item)
            }
            return result
        }
        return left + right
    }

    /// The identity of a list item that must appear once: a port by its address, a mount by its target.
    private static func uniqueKey(for path: [String]) -> ((RawNode) -> String)? {
        if matches(path, "services.*.ports") {
            return { node in
                ["host_ip", "published", "target", "protocol", "mode"].map { node[$0]?.text ?? "" }.joined(separator: "|")
            }
        }
        if matches(path, "services.*.volumes") || matches(path, "services.*.devices") {
            return { $0["target"]?.text ?? $0.text ?? "" }
        }
        if matches(path, "services.*.secrets") || matches(path, "services.*.configs") {
            return { ($0["target"]?.text).map { "target:\($0)" } ?? "source:\($0["source"]?.text ?? "")" }
        }
        if matches(path, "services.*.env_file") {
            return { $0["path"]?.text ?? "" }
        }
        return nil
    }

    private static func isSet(_ path: [String]) -> Bool {
        [
            "cap_add", "cap_drop", "dns", "dns_opt", "dns_search", "tmpfs", "expose", "profiles", "security_opt",
            "group_add", "links", "external_links", "volumes_from", "device_cgroup_rules",
        ]
        .contains { matches(path, "services.*.\($0)") }
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

    /// Whether a `!reset` or `!override` tag is anywhere in `node` (most files have none, and
    /// looking is cheaper than rebuilding the tree).
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
