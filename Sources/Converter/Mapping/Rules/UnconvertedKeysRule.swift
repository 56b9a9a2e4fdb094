/// The last rule: every compose key no other rule used is reported where it was written, so
/// nothing is dropped silently.
struct UnconvertedKeysRule: MappingRule {
    func apply(to conversion: Conversion) {
        let converted = Set(conversion.graph.nodes.map(\.service.name))
        conversion.consume("name")
        for (path, _) in conversion.keyPaths where Self.isExtension(path) { conversion.consume(path) }
        if conversion.project.services.isEmpty, conversion.project.disabledServices.isEmpty {
            conversion.warn("the project has no services: nothing to convert", path: "services")
        }
        for name in conversion.project.disabledServices {
            conversion.warn("service \(name) is not converted: none of its profiles is active", path: "services.\(name)")
        }
        for name in conversion.project.networks.keys.sorted() where name != "default" && !conversion.isHandled("networks.\(name)") {
            conversion.warn(
                "network \(name) is not converted: pods share one flat network, and Services keep names resolving", path: "networks.\(name)"
            )
        }
        let serviceNames = Set(conversion.project.services.map(\.name) + conversion.project.disabledServices)
        for path in conversion.unhandledKeyPaths {
            if let service = Self.serviceName(in: path, among: serviceNames), !converted.contains(service) { continue }
            let parts = path.split(separator: ".", maxSplits: 2).map(String.init)
            guard parts.count > 1, !isSection(path) else { continue }
            if ["volumes", "secrets", "configs", "networks"].contains(parts[0]), parts.count == 2 {
                conversion.warn("\(parts[0].dropLast()) \(parts[1]) is not used by any service, so nothing is generated for it", path: path)
                continue
            }
            conversion.warn(
                "\(path.split(separator: ".").last.map(String.init) ?? path) is not converted: it has no Kubernetes equivalent", path: path)
        }
    }

    /// The service a `services.<name>…` path belongs to. Names may hold dots (`wazuh.master`), so
    /// the longest name the path starts with wins rather than the text up to the next dot.
    static func serviceName(in path: String, among names: Set<String>) -> String? {
        guard path.hasPrefix("services.") else { return nil }
        let rest = path.dropFirst("services.".count)
        var found: String?
        for index in rest.indices where rest[index] == "." || rest[index] == "[" {
            let candidate = String(rest[..<index])
            if names.contains(candidate) { found = candidate }
        }
        if names.contains(String(rest)) { found = String(rest) }
        return found
    }

    /// Top-level sections are containers: their entries are reported, not the section.
    private func isSection(_ path: String) -> Bool {
        KeyPath.parent(of: path) == nil
    }

    /// `x-*` fields are the compose file's own notes (anchors, tool settings): Compose ignores
    /// them by specification; `x-kubernetes` is read by the rules that honour it.
    static func isExtension(_ path: String) -> Bool {
        var path = path
        return path.withUTF8 { bytes in
            // A key starting with `x-`: at the start, or after a dot.
            guard bytes.count > 1 else { return false }
            if bytes[0] == UInt8(ascii: "x"), bytes[1] == UInt8(ascii: "-") { return true }
            for index in 1..<(bytes.count - 1) where bytes[index] == UInt8(ascii: "x") {
                if bytes[index - 1] == UInt8(ascii: "."), bytes[index + 1] == UInt8(ascii: "-") { return true }
            }
            return false
        }
    }
}
