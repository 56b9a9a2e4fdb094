/// Folds `env_file` into `environment` (explicit `environment` wins) and gives bare keys
/// (`- KEY`) their value from the project's variables, as Compose does; a bare build arg with
/// no value is left out.
struct EnvFileApplier {
    let source: FileSource
    let variables: [String: String]
    let sink: DiagnosticSink
    /// Env files are read as Compose reads them, but not through a link out of the project.
    let tree: ProjectTree

    func apply(to service: RawNode, path: String) -> RawNode {
        var result = service.removing("env_file")
        if let environment = environment(of: service, path: path) {
            result = result.setting("environment", environment)
        }
        if let build = service["build"], let args = build["args"], let entries = args.entries {
            let resolved = entries.map(resolveBareKey).filter { !$0.value.isNull }
            result = result.setting("build", build.setting("args", .mapping(resolved, at: args.location)))
        }
        return result
    }

    /// The variables of the env files (later files win), then `environment` over them.
    private func environment(of service: RawNode, path: String) -> RawNode? {
        // A value that is no mapping (`environment: 5`) is left for the decoder to refuse, as
        // Compose refuses it ("services.api.environment must be a mapping").
        if let environment = service["environment"], environment.entries == nil, !environment.isNull { return nil }
        var merged: [RawNode.Entry] = []
        for (index, file) in (service["env_file"]?.items ?? []).enumerated() {
            for entry in read(file, path: "\(path).env_file[\(index)]") {
                merged.removeAll { $0.key == entry.key }
                merged.append(entry)
            }
        }
        let explicit = (service["environment"]?.entries ?? []).map(resolveBareKey)
        merged = merged.filter { entry in !explicit.contains { $0.key == entry.key } } + explicit
        guard !merged.isEmpty || service["environment"] != nil else { return nil }
        return .mapping(merged, at: service["environment"]?.location ?? service.location)
    }

    private func read(_ file: RawNode, path: String) -> [RawNode.Entry] {
        guard let filePath = file["path"]?.text else { return [] }
        let required = file["required"]?.bool ?? true
        guard source.exists(filePath) else {
            if required { sink.error("env file \(filePath) not found", at: file.location, path: path) }
            return []
        }
        if case .linkedOutside(let target) = tree.verdict(filePath, files: source) {
            sink.warning(ProjectTree.linkWarning(filePath, target: target), at: file.location, path: path)
            return []
        }
        do {
            return try source.envFilePairs(filePath, at: file.location) { variables[$0] }.map { pair in
                RawNode.Entry(key: pair.key, keyLocation: file.location, value: .string(pair.value, at: file.location))
            }
        } catch let error as DiagnosticError {
            for diagnostic in error.diagnostics { sink.error(diagnostic.message, at: diagnostic.location, path: path) }
        } catch {
            sink.error("cannot read env file \(filePath): \(FileErrorText.reason(error))", at: file.location, path: path)
        }
        return []
    }

    private func resolveBareKey(_ entry: RawNode.Entry) -> RawNode.Entry {
        guard entry.value.isNull, let value = variables[entry.key] else { return entry }
        var entry = entry
        entry.value = .string(value, at: entry.value.location)
        return entry
    }
}
