/// Every key of a compose file the reader knows, as a tree: the decoders take their lists of
/// known keys from it, and the converter checks against it that every key has exactly one rule
/// that owns it (`KeyOwners`). Paths are written as the key paths of diagnostics, with `*` for
/// a name the user chose (a service, a label, an environment variable) and `[]` for list items.
package indirect enum KeyShape: Sendable {
    /// A scalar, or a value the reader keeps whole (a label value, `driver_opts`).
    case value
    /// A list of items of one shape.
    case list(KeyShape)
    /// Keys the user names, each holding the same shape.
    case entries(KeyShape)
    /// Keys compose defines, in the order the specification lists them.
    case fields([(String, KeyShape)])

    /// The field names of a `.fields` shape.
    package var fieldNames: [String] {
        guard case .fields(let fields) = self else { return [] }
        return fields.map(\.0)
    }

    /// The shape of field `name`.
    package subscript(field name: String) -> KeyShape? {
        guard case .fields(let fields) = self else { return nil }
        return fields.first { $0.0 == name }?.1
    }
}

package enum ComposeKeys {
    static let labels: KeyShape = .entries(.value)
    static let strings: KeyShape = .list(.value)

    static let device: KeyShape = .fields([
        ("driver", .value), ("count", .value), ("device_ids", strings), ("capabilities", strings), ("options", labels),
    ])

    static let resourceSpec: KeyShape = .fields([
        ("cpus", .value), ("memory", .value), ("pids", .value), ("devices", .list(device)), ("generic_resources", .list(.value)),
    ])

    static let deploy: KeyShape = .fields([
        ("mode", .value), ("replicas", .value),
        ("resources", .fields([("limits", resourceSpec), ("reservations", resourceSpec)])),
        ("placement", .fields([("constraints", strings), ("preferences", .list(.value)), ("max_replicas_per_node", .value)])),
        ("labels", labels),
        ("restart_policy", .fields([("condition", .value), ("delay", .value), ("max_attempts", .value), ("window", .value)])),
        ("endpoint_mode", .value), ("update_config", .value), ("rollback_config", .value),
    ])

    static let build: KeyShape = .fields([
        ("context", .value), ("dockerfile", .value), ("dockerfile_inline", .value), ("target", .value), ("args", labels),
        ("entitlements", .value), ("ssh", .value), ("labels", .value), ("cache_from", .value), ("cache_to", .value),
        ("no_cache", .value), ("additional_contexts", .value), ("network", .value), ("provenance", .value), ("sbom", .value),
        ("pull", .value), ("shm_size", .value), ("extra_hosts", .value), ("isolation", .value), ("privileged", .value),
        ("secrets", .value), ("tags", .value), ("ulimits", .value), ("platforms", .value),
    ])

    static let port: KeyShape = .fields([
        ("target", .value), ("published", .value), ("host_ip", .value), ("protocol", .value), ("mode", .value), ("name", .value),
        ("app_protocol", .value),
    ])

    static let mount: KeyShape = .fields([
        ("type", .value), ("source", .value), ("target", .value), ("read_only", .value),
        ("bind", .fields([("create_host_path", .value), ("selinux", .value), ("propagation", .value)])),
        ("volume", .fields([("nocopy", .value), ("subpath", .value)])),
        ("tmpfs", .fields([("size", .value), ("mode", .value)])),
        ("image", .fields([("subpath", .value)])), ("consistency", .value),
    ])

    static let healthcheck: KeyShape = .fields([
        ("test", strings), ("interval", .value), ("timeout", .value), ("retries", .value), ("start_period", .value),
        ("start_interval", .value), ("disable", .value),
    ])

    static let dependency: KeyShape = .fields([("condition", .value), ("required", .value), ("restart", .value)])

    static let serviceNetwork: KeyShape = .fields([
        ("aliases", strings), ("ipv4_address", .value), ("ipv6_address", .value), ("link_local_ips", .value), ("mac_address", .value),
        ("priority", .value), ("gw_priority", .value), ("driver_opts", .value), ("interface_name", .value),
    ])

    static let fileReference: KeyShape = .fields([
        ("source", .value), ("target", .value), ("uid", .value), ("gid", .value), ("mode", .value),
    ])

    /// A service's keys; the ones the reader keeps as written (`untyped`) are listed too.
    static let service: KeyShape = .fields(
        [
            ("annotations", labels), ("build", build), ("cap_add", strings), ("cap_drop", strings), ("command", strings),
            ("configs", .list(fileReference)), ("container_name", .value), ("cpus", .value), ("depends_on", .entries(dependency)),
            ("deploy", deploy), ("devices", .list(.fields([("source", .value), ("target", .value), ("permissions", .value)]))),
            ("dns", strings), ("dns_opt", strings), ("dns_search", strings), ("domainname", .value), ("entrypoint", strings),
            ("env_file", .value), ("environment", labels), ("expose", strings), ("external_links", strings), ("extra_hosts", labels),
            ("gpus", .list(device)), ("group_add", strings), ("healthcheck", healthcheck), ("hostname", .value), ("image", .value),
            ("init", .value), ("ipc", .value), ("labels", labels), ("links", strings), ("logging", .value), ("mem_limit", .value),
            ("mem_reservation", .value), ("network_mode", .value), ("networks", .entries(serviceNetwork)), ("pid", .value),
            ("platform", .value), ("ports", .list(port)), ("privileged", .value), ("profiles", strings), ("pull_policy", .value),
            ("read_only", .value), ("restart", .value), ("scale", .value), ("secrets", .list(fileReference)), ("security_opt", strings),
            ("shm_size", .value), ("stdin_open", .value), ("stop_grace_period", .value), ("stop_signal", .value), ("sysctls", labels),
            ("tmpfs", strings), ("tty", .value), ("ulimits", .value), ("user", .value), ("volumes", .list(mount)),
            ("volumes_from", strings), ("working_dir", .value),
        ] + ServiceDecoder.untypedKeys.map { ($0, KeyShape.value) })

    static let network: KeyShape = .fields([
        ("name", .value), ("driver", .value), ("driver_opts", .value), ("ipam", .value), ("external", .value), ("internal", .value),
        ("attachable", .value), ("labels", labels), ("enable_ipv4", .value), ("enable_ipv6", .value),
    ])

    static let volume: KeyShape = .fields([
        ("name", .value), ("driver", .value), ("driver_opts", .value), ("external", .value), ("labels", labels),
    ])

    static let fileObject: KeyShape = .fields([
        ("name", .value), ("file", .value), ("environment", .value), ("content", .value), ("external", .value), ("labels", labels),
        ("driver", .value), ("driver_opts", .value), ("template_driver", .value),
    ])

    /// The whole file.
    package static let project: KeyShape = .fields([
        ("version", .value), ("name", .value), ("include", .value), ("services", .entries(service)), ("networks", .entries(network)),
        ("volumes", .entries(volume)), ("secrets", .entries(fileObject)), ("configs", .entries(fileObject)), ("models", .value),
    ])

    /// Every key as a pattern (`services.*.ports[].target`), each once, in tree order.
    package static var patterns: [String] {
        var result: [String] = []
        func walk(_ shape: KeyShape, _ path: String) {
            switch shape {
            case .value: result.append(path)
            case .list(let item): walk(item, path + "[]")
            case .entries(let entry): walk(entry, path + ".*")
            case .fields(let fields): for (name, field) in fields { walk(field, path.isEmpty ? name : "\(path).\(name)") }
            }
        }
        walk(project, "")
        return result
    }

    /// The pattern of a key path of the project (`services.api.ports[0].target` →
    /// `services.*.ports[].target`), `serviceNames` telling where a dotted service name ends;
    /// nil for an extension (`x-…`) or a key the tree does not know. A key below a `.value`
    /// (a label name with dots) has the value's pattern.
    package static func pattern(of path: String, serviceNames: ServiceNames) -> String? {
        var segments = Substring(path)
        var shape = project
        var pattern = ""
        if let service = serviceNames.service(in: path),
            case .entries(let serviceShape)? = project[field: "services"]
        {
            pattern = "services.*"
            shape = serviceShape
            segments = segments.dropFirst("services.".count + service.count)
            if segments.first == "." { segments = segments.dropFirst() }
            if segments.isEmpty { return pattern }
        }
        while !segments.isEmpty {
            switch shape {
            case .value:
                return pattern
            case .list(let item):
                guard segments.first == "[", let close = segments.firstIndex(of: "]") else { return pattern }
                segments = segments[segments.index(after: close)...]
                if segments.first == "." { segments = segments.dropFirst() }
                pattern += "[]"
                shape = item
            case .entries(let entry):
                let name = segments.prefix { $0 != "." && $0 != "[" }
                if name.hasPrefix("x-") { return nil }
                segments = segments.dropFirst(name.count)
                if segments.first == "." { segments = segments.dropFirst() }
                pattern += pattern.isEmpty ? "*" : ".*"
                shape = entry
            case .fields:
                let name = String(segments.prefix { $0 != "." && $0 != "[" })
                if name.hasPrefix("x-") { return nil }
                guard let field = shape[field: name] else { return nil }
                segments = segments.dropFirst(name.count)
                if segments.first == "." { segments = segments.dropFirst() }
                pattern += pattern.isEmpty ? name : ".\(name)"
                shape = field
            }
        }
        // A list written as one string (`command: run it`) or left empty is its items' key.
        while case .list(let item) = shape {
            pattern += "[]"
            shape = item
        }
        return pattern
    }
}

/// `ComposeKeys.pattern` remembered by the part of a path below its service: the services of a
/// project mostly share their keys, so each key's pattern is worked out once, not per service.
struct KeyPatterns {
    let serviceNames: ServiceNames
    private var belowService: [Substring: String?] = [:]

    init(serviceNames: ServiceNames) {
        self.serviceNames = serviceNames
    }

    mutating func pattern(of path: String) -> String? {
        guard let service = serviceNames.service(in: path) else { return ComposeKeys.pattern(of: path, serviceNames: serviceNames) }
        let below = Substring(path.utf8.dropFirst("services.".utf8.count + service.utf8.count))
        if let known = belowService[below] { return known }
        let pattern = ComposeKeys.pattern(of: path, serviceNames: serviceNames)
        belowService[below] = pattern
        return pattern
    }
}
