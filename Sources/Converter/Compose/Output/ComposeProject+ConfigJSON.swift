/// The project in the shape `docker compose config --format json` prints, so the two can be
/// compared; `$` in strings is written `$$`, as Compose does, so the output reads back the same.
extension ComposeProject {
    package func configJSON() -> JSONValue {
        .object(
            [
                ("name", .string(name)),
                ("services", .object(Dictionary(uniqueKeysWithValues: services.map { ($0.name, $0.configJSON()) }))),
                ("networks", networks.isEmpty ? nil : .object(networks.mapValues { $0.configJSON() })),
                ("volumes", volumes.isEmpty ? nil : .object(volumes.mapValues { $0.configJSON() })),
                ("secrets", secrets.isEmpty ? nil : .object(secrets.mapValues { $0.configJSON() })),
                ("configs", configs.isEmpty ? nil : .object(configs.mapValues { $0.configJSON() })),
            ] + extensions.map { ($0.key, Optional($0.value)) }
        ).escapingDollars()
    }
}

extension JSONValue {
    /// Every string with `$` doubled, the escaping Compose applies to its printed model.
    func escapingDollars() -> JSONValue {
        switch self {
        case .string(let text): return .string(text.replacingOccurrences(of: "$", with: "$$"))
        case .array(let items): return .array(items.map { $0.escapingDollars() })
        case .object(let object): return .object(object.mapValues { $0.escapingDollars() })
        default: return self
        }
    }

    static func strings(_ values: [String]) -> JSONValue? {
        values.isEmpty ? nil : .array(values.map(JSONValue.string))
    }

    static func map(_ values: [String: String]) -> JSONValue? {
        values.isEmpty ? nil : .object(values.mapValues(JSONValue.string))
    }

    static func optionalMap(_ values: [String: String?]) -> JSONValue? {
        values.isEmpty ? nil : .object(values.mapValues { $0.map(JSONValue.string) ?? .null })
    }

    static func bytes(_ value: Int64?) -> JSONValue? {
        value.map { .string(String($0)) }
    }

    static func duration(_ value: Duration?) -> JSONValue? {
        value.map { .string($0.description) }
    }
}

extension Network {
    func configJSON() -> JSONValue {
        .object(
            [
                ("name", .string(name)), ("driver", driver.map(JSONValue.string)),
                ("external", external ? .bool(true) : nil), ("internal", self.internal ? .bool(true) : nil),
                ("ipam", options["ipam"] ?? .object([:])),
            ] + options.filter { $0.key != "ipam" }.map { ($0.key, Optional($0.value)) })
    }
}

extension Volume {
    func configJSON() -> JSONValue {
        .object(
            [
                ("name", .string(name)), ("driver", driver.map(JSONValue.string)),
                ("external", external ? .bool(true) : nil), ("labels", .map(labels)),
            ] + options.map { ($0.key, Optional($0.value)) })
    }
}

extension FileObject {
    func configJSON() -> JSONValue {
        var pairs: [(String, JSONValue?)] = [("name", .string(name))]
        switch source {
        case .file(let path): pairs.append(("file", .string(path)))
        case .content(let content): pairs.append(("content", .string(content)))
        case .environment(let variable): pairs.append(("environment", .string(variable)))
        case .external: pairs.append(("external", .bool(true)))
        }
        return .object(pairs + options.map { ($0.key, Optional($0.value)) })
    }
}
