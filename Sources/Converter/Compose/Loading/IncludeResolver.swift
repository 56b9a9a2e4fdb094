/// Applies `include:` — each included file is loaded as its own project (its paths relative
/// to its own folder) and its services and top-level resources are added; a name defined in
/// both is an error, as in Compose.
struct IncludeResolver {
    let loader: ProjectLoader
    let variables: [String: String]
    let sink: DiagnosticSink
    let tree: ProjectTree
    let chain: [String]

    func apply(to document: RawNode, file: String, base: String) throws -> RawNode {
        guard let includes = document["include"] else { return document }
        var result = document.removing("include")
        for (index, item) in (includes.items ?? [includes]).enumerated() {
            let path = "include[\(index)]"
            let (files, projectDirectory, envFiles) = entry(item, base: base)
            var included: RawNode?
            for includedFile in files {
                if chain.contains(includedFile) {
                    throw DiagnosticError(.error("include cycle through \(includedFile)", at: item.location, path: path))
                }
                guard loader.source.exists(includedFile) else {
                    throw DiagnosticError(.error("included file \(includedFile) not found", at: item.location, path: path))
                }
                try loader.checkNotLinkedOut(includedFile, tree: tree, at: item.location, path: path)
                let directory = projectDirectory ?? Paths.directory(of: includedFile)
                let scoped = try variablesFor(directory: directory, envFiles: envFiles, at: item.location)
                let document = try loader.loadDocument(
                    includedFile, variables: scoped, sink: sink, tree: tree, resolvePathsAgainst: directory, chain: chain)
                included = included.map { ComposeMerger.merge($0, document) } ?? document
            }
            if let included { result = try add(included, to: result, at: item, path: path) }
        }
        return result
    }

    private func entry(_ item: RawNode, base: String) -> ([String], String?, [String]) {
        if let text = item.text { return ([Paths.resolve(text, against: base)], nil, []) }
        let paths = item["path"].map { $0.items?.compactMap(\.text) ?? [$0.text].compactMap { $0 } } ?? []
        let directory = item["project_directory"]?.text.map { Paths.resolve($0, against: base) }
        let envFiles = item["env_file"].map { $0.items?.compactMap(\.text) ?? [$0.text].compactMap { $0 } } ?? []
        return (paths.map { Paths.resolve($0, against: base) }, directory, envFiles.map { Paths.resolve($0, against: base) })
    }

    private func variablesFor(directory: String, envFiles: [String], at location: SourceLocation) throws -> [String: String] {
        let files = envFiles.isEmpty ? [Paths.resolve(".env", against: directory)].filter(loader.source.exists) : envFiles
        var scoped = variables
        for file in files {
            if case .linkedOutside(let target) = tree.verdict(file, files: loader.source) {
                sink.warning(ProjectTree.linkWarning(file, target: target), at: location, path: "include")
                continue
            }
            let known = scoped
            for pair in try loader.source.envFilePairs(file, at: location, lookup: { known[$0] })
            where scoped[pair.key] == nil || variables[pair.key] == nil {
                scoped[pair.key] = pair.value
            }
        }
        return scoped
    }

    private func add(_ included: RawNode, to document: RawNode, at item: RawNode, path: String) throws -> RawNode {
        var result = document
        for section in ["services", "volumes", "networks", "secrets", "configs"] {
            guard let incoming = included[section]?.entries else { continue }
            var existing = result[section]?.entries ?? []
            for entry in incoming {
                if existing.contains(where: { $0.key == entry.key }) {
                    throw DiagnosticError(
                        .error(
                            "\(section).\(entry.key) is defined both here and in an included file",
                            at: item.location, path: "\(section).\(entry.key)"))
                }
                existing.append(entry)
            }
            result = result.setting(section, .mapping(existing, at: result[section]?.location ?? item.location))
        }
        return result
    }
}
