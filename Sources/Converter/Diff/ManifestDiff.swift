/// The difference between the objects a conversion makes and the objects in a folder.
package struct ManifestDiff: Sendable {
    package struct ObjectChange: Sendable {
        package var identity: ObjectIdentity
        package var file: String
        package var differences: [FieldDifference]
    }

    package var onlyInConversion: [ObjectIdentity]
    package var onlyInFolder: [(identity: ObjectIdentity, file: String)]
    package var changed: [ObjectChange]

    package var isEmpty: Bool { onlyInConversion.isEmpty && onlyInFolder.isEmpty && changed.isEmpty }

    /// Matches objects by identity and compares each pair after normalizing both sides.
    package static func compare(
        conversion: [JSONValue], folder: [ManifestFolderLoader.Loaded], normalizer: DiffNormalizer, namespace: String = "default"
    ) -> ManifestDiff {
        var ours: [ObjectIdentity: JSONValue] = [:]
        for object in conversion {
            if let identity = ObjectIdentity(object, defaultNamespace: namespace) { ours[identity] = object }
        }
        var theirs: [ObjectIdentity: ManifestFolderLoader.Loaded] = [:]
        for loaded in GeneratedNames.unhashed(folder, ours: Set(ours.keys)) {
            if let identity = ObjectIdentity(loaded.value, defaultNamespace: namespace) { theirs[identity] = loaded }
        }
        var pairs = Set(ours.keys).intersection(theirs.keys).sorted().map { (ours: $0, theirs: $0) }
        let jobs = renamedJobs(ours: ours, theirs: theirs)
        pairs += jobs
        // A Job's name is a hash of its spec, computed by the chart as it renders: the folder's name
        // (and every wait and Role naming it) reads as ours, and what differs in the spec shows.
        let hashed = jobs.filter { GeneratedNames.plainName($0.theirs.name) != nil }
        let jobNames = Dictionary(hashed.map { ($0.theirs.name, $0.ours.name) }, uniquingKeysWith: { first, _ in first })
        if !jobNames.isEmpty {
            theirs = theirs.mapValues { ManifestFolderLoader.Loaded(value: GeneratedNames.renamed($0.value, jobNames), file: $0.file) }
        }
        pairs += RouteIdentity.pairs(ours: ours, theirs: theirs.mapValues(\.value))
        var changed: [ObjectChange] = []
        for pair in pairs.sorted(by: { $0.ours < $1.ours }) {
            guard let mine = ours[pair.ours], let existing = theirs[pair.theirs] else { continue }
            let differences = ObjectDiff.differences(old: normalizer.normalize(existing.value), new: normalizer.normalize(mine))
            if !differences.isEmpty { changed.append(ObjectChange(identity: pair.ours, file: existing.file, differences: differences)) }
        }
        let paired = (ours: Set(pairs.map(\.ours)), theirs: Set(pairs.map(\.theirs)))
        return ManifestDiff(
            onlyInConversion: Set(ours.keys).subtracting(paired.ours).sorted(),
            onlyInFolder: Set(theirs.keys).subtracting(paired.theirs).sorted().map { ($0, theirs[$0]?.file ?? "") },
            changed: changed)
    }

    /// A Job's name ends in a hash of its content (`migrate-3f0c9a12be`), so a changed Job has
    /// a new name: an unmatched Job of ours pairs with the folder's unmatched Job of the same
    /// component (`app.kubernetes.io/name`, or a name that is the component), and the name shows
    /// as one of its differences.
    static func renamedJobs(
        ours: [ObjectIdentity: JSONValue], theirs: [ObjectIdentity: ManifestFolderLoader.Loaded]
    ) -> [(ours: ObjectIdentity, theirs: ObjectIdentity)] {
        func component(_ object: JSONValue?, name: String) -> String {
            guard case .object(let fields)? = object, case .object(let metadata)? = fields["metadata"],
                case .object(let labels)? = metadata["labels"], case .string(let component)? = labels["app.kubernetes.io/name"]
            else { return name }
            return component
        }
        let unmatchedTheirs = theirs.keys.filter { $0.kind == "Job" && ours[$0] == nil }
        var byComponent: [String: ObjectIdentity] = [:]
        for identity in unmatchedTheirs.sorted() {
            let key = "\(identity.namespace)/\(component(theirs[identity]?.value, name: identity.name))"
            if byComponent[key] == nil { byComponent[key] = identity }
        }
        var pairs: [(ours: ObjectIdentity, theirs: ObjectIdentity)] = []
        for identity in ours.keys.sorted() where identity.kind == "Job" && theirs[identity] == nil {
            let key = "\(identity.namespace)/\(component(ours[identity], name: identity.name))"
            if let match = byComponent.removeValue(forKey: key) { pairs.append((identity, match)) }
        }
        return pairs
    }
}

extension KubernetesObject {
    /// The object as plain data, for comparing with objects read from files.
    package var data: JSONValue { JSONValue(manifest: manifest) }
}

extension JSONValue {
    /// The data of a manifest (key order dropped).
    package init(manifest: Manifest) {
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
