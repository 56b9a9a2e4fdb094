/// Applies `extends:` — a service starts from another service (in this file or another) and
/// the compose merge rules lay its own keys over it.
struct ExtendsResolver {
    /// Reads another compose file (its path, where and at which key it is named), already
    /// interpolated, canonical and with paths resolved.
    let loadFile: (String, SourceLocation?, String) throws -> RawNode
    let sink: DiagnosticSink

    func resolve(services: RawNode, file: String) throws -> RawNode {
        guard let entries = services.entries else { return services }
        var resolved: [RawNode.Entry] = []
        for entry in entries {
            var entry = entry
            if entry.value["extends"] != nil { entry.value = try resolve(entry.key, in: services, file: file, chain: []) }
            resolved.append(entry)
        }
        return .mapping(resolved, at: services.location)
    }

    private func resolve(_ name: String, in services: RawNode, file: String, chain: [String]) throws -> RawNode {
        let path = "services.\(name)"
        guard let service = services[name] else {
            throw DiagnosticError(
                .error("cannot extend service \"\(name)\": no such service in \(file)", at: services.location, path: path))
        }
        guard let extends = service["extends"] else { return service }
        let key = "\(file)#\(name)"
        if chain.contains(key) {
            let cycle = (chain + [key]).map { String($0.split(separator: "#").last ?? "") }.joined(separator: " → ")
            throw DiagnosticError(.error("extends cycle: \(cycle)", at: extends.location, path: "\(path).extends"))
        }
        guard let baseName = extends["service"]?.text else {
            throw DiagnosticError(.error("extends needs a \"service\"", at: extends.location, path: "\(path).extends"))
        }
        var baseServices = services
        var baseFile = file
        if let other = extends["file"]?.text {
            baseFile = other
            baseServices = try loadFile(other, extends["file"]?.location, "\(path).extends.file")["services"] ?? .mapping([], at: extends.location)
        }
        guard baseServices[baseName] != nil else {
            throw DiagnosticError(
                .error(
                    "cannot extend service \"\(baseName)\": no such service in \(baseFile)", at: extends.location,
                    path: "\(path).extends.service"))
        }
        let base = try resolve(baseName, in: baseServices, file: baseFile, chain: chain + [key])
        return ComposeMerger.merge(base, service.removing("extends"), path: ["services", name])
    }
}
