/// An ordered YAML/JSON tree: Kubernetes objects are written with their keys in the order people
/// write them (apiVersion, kind, metadata, spec), never in a dictionary's order.
package enum Manifest: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case list([Manifest])
    case map([(String, Manifest)])

    package static func == (lhs: Manifest, rhs: Manifest) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.list(let a), .list(let b)): return a == b
        case (.map(let a), .map(let b)): return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// A map from pairs, leaving out nil values, empty lists and empty maps.
    package static func object(_ pairs: [(String, Manifest?)]) -> Manifest {
        // Sized once: every object's manifest is made of these.
        var kept: [(String, Manifest)] = []
        kept.reserveCapacity(pairs.count)
        for (key, value) in pairs {
            if let value, !value.isEmpty { kept.append((key, value)) }
        }
        return .map(kept)
    }

    package var isEmpty: Bool {
        switch self {
        case .list(let items): return items.isEmpty
        case .map(let pairs): return pairs.isEmpty
        default: return false
        }
    }

    package static func strings(_ values: [String]) -> Manifest { .list(values.map(Manifest.string)) }

    /// A string map in key order (labels, annotations, ConfigMap data).
    package static func sorted(_ values: [String: String]) -> Manifest {
        var pairs = values.map { ($0.key, Manifest.string($0.value)) }
        pairs.sort { $0.0 < $1.0 }
        return .map(pairs)
    }

    /// The value at `key` of a map.
    package subscript(key: String) -> Manifest? {
        guard case .map(let pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }

    package var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    package var items: [Manifest]? {
        if case .list(let items) = self { return items }
        return nil
    }
}
