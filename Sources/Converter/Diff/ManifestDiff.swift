/// The difference between the objects a conversion makes and the objects in a folder.
public struct ManifestDiff: Sendable {
    public struct ObjectChange: Sendable {
        public var identity: ObjectIdentity
        public var file: String
        public var differences: [FieldDifference]
    }

    public var onlyInConversion: [ObjectIdentity]
    public var onlyInFolder: [(identity: ObjectIdentity, file: String)]
    public var changed: [ObjectChange]

    public var isEmpty: Bool { onlyInConversion.isEmpty && onlyInFolder.isEmpty && changed.isEmpty }

    /// Matches objects by identity and compares each pair after normalizing both sides.
    public static func compare(
        conversion: [JSONValue], folder: [ManifestFolderLoader.Loaded], normalizer: DiffNormalizer, namespace: String = "default"
    ) -> ManifestDiff {
        var ours: [ObjectIdentity: JSONValue] = [:]
        for object in conversion {
            if let identity = ObjectIdentity(object, defaultNamespace: namespace) { ours[identity] = object }
        }
        var theirs: [ObjectIdentity: ManifestFolderLoader.Loaded] = [:]
        for loaded in folder {
            if let identity = ObjectIdentity(loaded.value, defaultNamespace: namespace) { theirs[identity] = loaded }
        }
        var changed: [ObjectChange] = []
        for identity in Set(ours.keys).intersection(theirs.keys).sorted() {
            guard let mine = ours[identity], let existing = theirs[identity] else { continue }
            let differences = ObjectDiff.differences(old: normalizer.normalize(existing.value), new: normalizer.normalize(mine))
            if !differences.isEmpty { changed.append(ObjectChange(identity: identity, file: existing.file, differences: differences)) }
        }
        return ManifestDiff(
            onlyInConversion: Set(ours.keys).subtracting(theirs.keys).sorted(),
            onlyInFolder: Set(theirs.keys).subtracting(ours.keys).sorted().map { ($0, theirs[$0]?.file ?? "") },
            changed: changed)
    }
}

extension KubernetesObject {
    /// The object as plain data, for comparing with objects read from files.
    public var data: JSONValue { JSONValue(manifest: manifest) }
}

extension JSONValue {
    /// The data of a manifest (key order dropped).
    public init(manifest: Manifest) {
        switch manifest {
        case .null: self = .null
        case .bool(let bool): self = .bool(bool)
        case .int(let int): self = .int(Int64(int))
        case .string(let text): self = .string(text)
        case .list(let items): self = .array(items.map(JSONValue.init(manifest:)))
        case .map(let pairs): self = .object(Dictionary(pairs.map { ($0.0, JSONValue(manifest: $0.1)) }, uniquingKeysWith: { $1 }))
        }
    }
}
