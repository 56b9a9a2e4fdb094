import Foundation

/// kustomize's `configMapGenerator`/`secretGenerator` append a hash of the content to each
/// generated name (`app-env-7g2d8h5k9t`) and rewrite every reference to it. Compared with the
/// conversion, a folder's generated object is the conversion's of that name without the hash:
/// the hash is taken off its name and off every reference, so an unchanged project compares equal
/// with its rendered kustomization.
enum GeneratedNames {
    static let kinds: Set<String> = ["ConfigMap", "Secret"]

    /// The folder's objects with generated names back to the conversion's.
    static func unhashed(_ folder: [ManifestFolderLoader.Loaded], ours: Set<ObjectIdentity>) -> [ManifestFolderLoader.Loaded] {
        let ourNames = Set(ours.filter { kinds.contains($0.kind) }.map(\.name))
        var renames: [String: String] = [:]
        for loaded in folder {
            guard let identity = ObjectIdentity(loaded.value, defaultNamespace: "default"), kinds.contains(identity.kind),
                !ourNames.contains(identity.name), let plain = plainName(identity.name), ourNames.contains(plain)
            else { continue }
            renames[identity.name] = plain
        }
        guard !renames.isEmpty else { return folder }
        return folder.map { ManifestFolderLoader.Loaded(value: renamed($0.value, renames), file: $0.file) }
    }

    /// `name-<10 letters and digits>` → `name`.
    static func plainName(_ name: String) -> String? {
        guard let dash = name.lastIndex(of: "-") else { return nil }
        let hash = name[name.index(after: dash)...]
        guard hash.count == 10, hash.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber) }) else { return nil }
        return String(name[..<dash])
    }

    /// Every string of `value` that is a generated name, replaced by the conversion's.
    static func renamed(_ value: JSONValue, _ renames: [String: String]) -> JSONValue {
        switch value {
        case .string(let text): return .string(renames[text] ?? text)
        case .array(let items): return .array(items.map { renamed($0, renames) })
        case .object(let fields): return .object(fields.mapValues { renamed($0, renames) })
        default: return value
        }
    }
}
