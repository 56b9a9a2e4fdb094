/// A JSON-shaped value with a deterministic serialization (object keys sorted).
package enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// An object from pairs, leaving out the nil values.
    package static func object(_ pairs: [(String, JSONValue?)]) -> JSONValue {
        var object: [String: JSONValue] = [:]
        for (key, value) in pairs {
            if let value { object[key] = value }
        }
        return .object(object)
    }
}

extension JSONValue {
    /// The first NaN or infinity in the value, which JSON cannot write.
    package var nonFiniteNumber: Double? {
        switch self {
        case .double(let double): return double.isFinite ? nil : double
        case .array(let items): return items.lazy.compactMap(\.nonFiniteNumber).first
        case .object(let object): return object.keys.sorted().lazy.compactMap { object[$0]?.nonFiniteNumber }.first
        default: return nil
        }
    }

    /// The value as the compose file wrote it: plain scalars typed, quoted ones strings.
    package init(_ node: RawNode) {
        switch node.value {
        case .mapping(let entries):
            var object: [String: JSONValue] = [:]
            for entry in entries { object[entry.key] = JSONValue(entry.value) }
            self = .object(object)
        case .sequence(let items):
            self = .array(items.map(JSONValue.init))
        case .scalar(let scalar):
            guard scalar.isPlain else {
                self = .string(scalar.text)
                return
            }
            if node.isNull {
                self = .null
            } else if let bool = node.bool {
                self = .bool(bool)
            } else if let int = Int64(scalar.text) {
                self = .int(int)
            } else if let double = Double(scalar.text),
                scalar.text.first?.isNumber == true || scalar.text.first == "-" || scalar.text.first == "."
            {
                self = .double(double)
            } else {
                self = .string(scalar.text)
            }
        }
    }
}
