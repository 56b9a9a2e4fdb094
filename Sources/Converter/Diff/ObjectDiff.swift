/// One difference inside an object, at a path like `spec.template.spec.containers[name=api].image`.
package struct FieldDifference: Equatable, Sendable {
    package enum Change: String, Sendable { case changed, added, removed }
    package var path: String
    package var change: Change
    /// The value in the folder (nil when added by the conversion).
    package var old: JSONValue?
    /// The value in the conversion (nil when only the folder has it).
    package var new: JSONValue?
}

/// Compares two normalized objects field by field. Maps by key; lists of maps by the first of
/// `mountPath`, `name`, `containerPort`, `key`, `ip`, `port` that identifies every item on both
/// sides, so order never counts; other lists by position.
enum ObjectDiff {
    static let itemKeys = ["mountPath", "name", "containerPort", "key", "ip", "port", "devicePath"]

    static func differences(old: JSONValue, new: JSONValue, path: String = "") -> [FieldDifference] {
        switch (old, new) {
        case (.object(let left), .object(let right)):
            return Set(left.keys).union(right.keys).sorted().flatMap { key -> [FieldDifference] in
                let childPath = join(path, key)
                switch (left[key], right[key]) {
                case (let a?, let b?): return differences(old: a, new: b, path: childPath)
                case (let a?, nil): return [FieldDifference(path: childPath, change: .removed, old: a, new: nil)]
                case (nil, let b?): return [FieldDifference(path: childPath, change: .added, old: nil, new: b)]
                default: return []
                }
            }
        case (.array(let left), .array(let right)):
            if let key = identifyingKey(left, right) { return keyedDifferences(left, right, key: key, path: path) }
            if left == right { return [] }
            if left.count == right.count, left.allSatisfy({ if case .object = $0 { true } else { false } }) {
                return zip(left, right).enumerated().flatMap { differences(old: $1.0, new: $1.1, path: "\(path)[\($0)]") }
            }
            return [FieldDifference(path: path, change: .changed, old: old, new: new)]
        default:
            return old == new ? [] : [FieldDifference(path: path, change: .changed, old: old, new: new)]
        }
    }

    private static func keyedDifferences(_ left: [JSONValue], _ right: [JSONValue], key: String, path: String) -> [FieldDifference] {
        let leftItems = Dictionary(left.map { (label(of: $0, key: key), $0) }, uniquingKeysWith: { first, _ in first })
        let rightItems = Dictionary(right.map { (label(of: $0, key: key), $0) }, uniquingKeysWith: { first, _ in first })
        return Set(leftItems.keys).union(rightItems.keys).sorted().flatMap { label -> [FieldDifference] in
            let itemPath = "\(path)[\(key)=\(label)]"
            switch (leftItems[label], rightItems[label]) {
            case (let a?, let b?): return differences(old: a, new: b, path: itemPath)
            case (let a?, nil): return [FieldDifference(path: itemPath, change: .removed, old: a, new: nil)]
            case (nil, let b?): return [FieldDifference(path: itemPath, change: .added, old: nil, new: b)]
            default: return []
            }
        }
    }

    /// The first item key present, scalar and unique in every item of both lists.
    static func identifyingKey(_ left: [JSONValue], _ right: [JSONValue]) -> String? {
        let items = left + right
        guard !items.isEmpty else { return nil }
        return itemKeys.first { key in
            let labelsLeft = left.compactMap { scalarField($0, key) }
            let labelsRight = right.compactMap { scalarField($0, key) }
            return labelsLeft.count == left.count && labelsRight.count == right.count
                && Set(labelsLeft).count == left.count && Set(labelsRight).count == right.count
        }
    }

    private static func scalarField(_ item: JSONValue, _ key: String) -> String? {
        guard case .object(let fields) = item, let value = fields[key] else { return nil }
        switch value {
        case .string(let text): return text
        case .int(let int): return String(int)
        case .double(let double): return JSONWriter.number(double)
        case .bool(let bool): return String(bool)
        default: return nil
        }
    }

    private static func label(of item: JSONValue, key: String) -> String {
        scalarField(item, key) ?? ""
    }

    /// `a.b`, with keys that hold dots or slashes quoted: `metadata.labels["app.kubernetes.io/name"]`.
    static func join(_ path: String, _ key: String) -> String {
        let simple = key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
        if simple { return path.isEmpty ? key : "\(path).\(key)" }
        return "\(path)[\"\(key)\"]"
    }
}
