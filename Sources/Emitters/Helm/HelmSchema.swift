import Converter

/// `values.schema.json` from the default values: types as they are, a service block closed to
/// unknown keys (so `--set services.api.replica=3` is an error, not a silent no-op), replicas
/// not negative, service types from Kubernetes' list.
enum HelmSchema {
    static func json(for values: Manifest) -> String {
        guard case .object(var properties) = properties(of: values, path: []) else { return "" }
        var definitions: [String: JSONValue] = [:]
        shareBlocks(of: "services", as: "service", values: values, in: &properties, definitions: &definitions)
        shareBlocks(of: "persistence", as: "claim", values: values, in: &properties, definitions: &definitions)
        return JSONWriter.write(
            .object([
                ("$schema", .string("https://json-schema.org/draft-07/schema#")),
                ("type", .string("object")),
                ("properties", .object(properties)),
                ("definitions", definitions.isEmpty ? nil : .object(definitions)),
            ]))
    }

    /// The sections of named blocks (a service's, a claim's, a Secret file's values).
    private static let blockSections: Set<String> = ["services", "persistence", "secretFiles"]
    /// The sections whose blocks share definitions (`shareBlocks`); `properties(of:path:)` leaves their blocks out.
    private static let sharedSections: Set<String> = ["services", "persistence"]

    /// Blocks of `section` with the same schema share one definition, named after the first of
    /// them (`"worker": {"$ref": "#/definitions/service.api"}`), so alike services make a schema
    /// of one block rather than one copy each. A block's schema is made once per `shape`
    /// (blocks of one shape have one schema) and compared by its JSON text (blocks of different
    /// shapes may still have one schema).
    private static func shareBlocks(
        of section: String, as kind: String, values: Manifest, in properties: inout [String: JSONValue],
        definitions: inout [String: JSONValue]
    ) {
        guard case .object(var schema)? = properties[section], case .map(let blocks)? = values[section] else { return }
        var textOfShape: [String: String] = [:]
        var definitionOf: [String: String] = [:]
        var references: [String: JSONValue] = [:]
        for (name, block) in blocks.sorted(by: { $0.0 < $1.0 }) {
            let shape = Self.shape(of: block, named: name)
            let text: String
            var madeSchema: JSONValue?  // made only for a shape not seen before
            if let known = textOfShape[shape] {
                text = known
            } else {
                let made = Self.schema(for: block, path: [section, name])
                madeSchema = made
                text = JSONWriter.compact(made)
                textOfShape[shape] = text
            }
            let definition = definitionOf[text] ?? "\(kind).\(name)"
            if definitionOf.updateValue(definition, forKey: text) == nil { definitions[definition] = madeSchema }
            references[name] = .object(["$ref": .string("#/definitions/\(definition)")])
        }
        schema["properties"] = .object(references)
        properties[section] = .object(schema)
    }

    /// What a block's schema depends on, as text: its keys and the kinds of their values, down
    /// to the values whose schema is a type alone (lists, open maps, scalars). The block's own
    /// name counts only where `schema(for:path:)` reads it: a block named `service` (its `type`
    /// is one of the Service types) or `replicas` (a count).
    private static func shape(of block: Manifest, named name: String) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(512)
        if ["service", "replicas"].contains(name) {
            text += name.utf8
            text.append(UInt8(ascii: ":"))
        }
        appendShape(of: block, key: name, isBlock: true, to: &text)
        return String(decoding: text, as: UTF8.self)
    }

    private static func appendShape(of value: Manifest, key: String, isBlock: Bool = false, to text: inout [UInt8]) {
        switch value {
        case .null: text.append(UInt8(ascii: "n"))
        case .bool: text.append(UInt8(ascii: "b"))
        case .int: text.append(UInt8(ascii: "i"))
        case .string: text.append(UInt8(ascii: "s"))
        case .list: text.append(UInt8(ascii: "l"))
        case .map(let pairs):
            guard !openMaps.contains(key) || isBlock else {
                text.append(UInt8(ascii: "o"))
                return
            }
            text.append(UInt8(ascii: "{"))
            for (childKey, child) in pairs {
                text += String(childKey.utf8.count).utf8
                text.append(UInt8(ascii: ":"))
                text += childKey.utf8
                appendShape(of: child, key: childKey, to: &text)
            }
            text.append(UInt8(ascii: "}"))
        }
    }

    /// Maps whose keys are the user's (their schema is just `object`).
    private static let openMaps: Set<String> = [
        "env", "resources", "nodeSelector", "affinity", "podAnnotations", "probes", "data", "persistence", "secrets", "secretFiles",
        "variables", "podSecurityContext", "securityContext",
        "services",
        "requests", "limits",
    ]

    /// The schemas of single values, made once: most of a schema is these.
    private enum Leaf {
        static let boolean: JSONValue = .object(["type": .string("boolean")])
        static let integer: JSONValue = .object(["type": .string("integer")])
        /// A count, such as replicas: not negative.
        static let count: JSONValue = .object(["type": .string("integer"), "minimum": .int(0)])
        static let string: JSONValue = .object(["type": .string("string")])
        static let array: JSONValue = .object(["type": .string("array")])
        static let any: JSONValue = .object([:])
    }

    private static func schema(for value: Manifest, path: [String]) -> JSONValue {
        let key = path.last ?? ""
        switch value {
        case .bool: return Leaf.boolean
        case .int: return key == "replicas" ? Leaf.count : Leaf.integer
        case .string:
            if key == "type", path.dropLast().last == "service" {
                return .object([
                    "type": .string("string"), "enum": .array(["ClusterIP", "NodePort", "LoadBalancer"].map(JSONValue.string)),
                ])
            }
            return Leaf.string
        case .null: return Leaf.any
        case .list: return Leaf.array
        case .map:
            let isServiceBlock = path.count == 2 && path[0] == "services"
            // A section's block is named by the user: a claim named `data` is a claim, not an open map.
            let isBlock = path.count == 2 && blockSections.contains(path[0])
            let isOpenMap = openMaps.contains(key) && !isBlock
            var object: [String: JSONValue] = ["type": .string("object")]
            if !isOpenMap {
                object["properties"] = properties(of: value, path: path)
            }
            if isServiceBlock {
                object["additionalProperties"] = .bool(false)
                // Any service may be given a GPU (`--set services.x.gpu.enabled=true`).
                if case .object(var properties)? = object["properties"], properties["gpu"] == nil {
                    properties["gpu"] = .object([
                        "type": .string("object"),
                        "properties": .object([
                            "enabled": .object(["type": .string("boolean")]), "count": .object(["type": .string("integer")]),
                            "resource": .object(["type": .string("string")]),
                        ]),
                    ])
                    object["properties"] = .object(properties)
                }
            }
            if key == "profiles", path.count == 1 {
                object["additionalProperties"] = .bool(false)  // a misspelt profile is an error, not a no-op
            }
            if blockSections.contains(key), path.count == 1 {
                object["additionalProperties"] = .object(["type": .string("object")])
                // The shared sections' blocks are made by `shareBlocks`, once per shape.
                object["properties"] = sharedSections.contains(key) ? .object([:]) : properties(of: value, path: path)
            }
            // Secret values are strings: `--set secrets.PIN=0123` must not become 123.
            if ["secrets", "variables"].contains(key), path.count == 1 {
                object["additionalProperties"] = .object(["type": .string("string")])
            }
            return .object(object)
        }
    }

    private static func properties(of value: Manifest, path: [String]) -> JSONValue {
        guard case .map(let pairs) = value else { return .object([:]) }
        var result: [String: JSONValue] = [:]
        for (key, child) in pairs { result[key] = schema(for: child, path: path + [key]) }
        return .object(result)
    }
}
