import Converter

/// `values.schema.json` from the default values: types as they are, a service block closed to
/// unknown keys (so `--set services.api.replica=3` is an error, not a silent no-op), replicas
/// not negative, service types from Kubernetes' list.
enum HelmSchema {
    static func json(for values: Manifest) -> String {
        guard case .object(var properties) = properties(of: values, path: []) else { return "" }
        var definitions: [String: JSONValue] = [:]
        shareBlocks(of: "services", as: "service", in: &properties, definitions: &definitions)
        shareBlocks(of: "persistence", as: "claim", in: &properties, definitions: &definitions)
        return JSONWriter.write(
            .object([
                ("$schema", .string("https://json-schema.org/draft-07/schema#")),
                ("type", .string("object")),
                ("properties", .object(properties)),
                ("definitions", definitions.isEmpty ? nil : .object(definitions)),
            ]))
    }

    /// Blocks of `section` with the same shape share one definition, named after the first of
    /// them (`"worker": {"$ref": "#/definitions/service.api"}`): a thousand alike services make
    /// a schema of one block, not a thousand copies.
    private static func shareBlocks(
        of section: String, as kind: String, in properties: inout [String: JSONValue], definitions: inout [String: JSONValue]
    ) {
        guard case .object(var schema)? = properties[section], case .object(let blocks)? = schema["properties"] else { return }
        // Keyed by the block's JSON text: blocks that read the same are the same schema, and one
        // string hashes far faster than a tree of dictionaries.
        var definitionOf: [String: String] = [:]
        var references: [String: JSONValue] = [:]
        for (name, block) in blocks.sorted(by: { $0.key < $1.key }) {
            let text = JSONWriter.compact(block)
            let definition = definitionOf[text] ?? "\(kind).\(name)"
            if definitionOf.updateValue(definition, forKey: text) == nil { definitions[definition] = block }
            references[name] = .object(["$ref": .string("#/definitions/\(definition)")])
        }
        schema["properties"] = .object(references)
        properties[section] = .object(schema)
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
            let isOpenMap = openMaps.contains(key)
            var object: [String: JSONValue] = ["type": .string("object")]
            if !isOpenMap || isServiceBlock {
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
                        ]),
                    ])
                    object["properties"] = .object(properties)
                }
            }
            if key == "profiles", path.count == 1 {
                object["additionalProperties"] = .bool(false)  // a misspelt profile is an error, not a no-op
            }
            if ["services", "persistence", "secretFiles"].contains(key), path.count == 1 {
                object["additionalProperties"] = .object(["type": .string("object")])
                object["properties"] = properties(of: value, path: path)
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
