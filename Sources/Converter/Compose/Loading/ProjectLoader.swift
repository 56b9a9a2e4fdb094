/// Reads a compose project the way `docker compose` does and returns the typed, normalized model.
///
/// Order of work, as in Compose: find the files; read the variables (`.env` or `--env-file`,
/// then the process environment on top); per file parse, interpolate, canonicalize, apply
/// `include` and `extends`; merge the files; fold in `env_file`; decode; choose profiles;
/// validate references; add defaults (the `default` network, resource names).
public struct ProjectLoader {
    package var source: FileSource

    public init() {
        self.init(source: DiskFileSource())
    }

    package init(source: FileSource) {
        self.source = source
    }

    /// - Throws: `DiagnosticError` with every error found (and the warnings before them).
    public func load(_ options: ProjectOptions) throws -> LoadedProject {
        // The project name and the project come from the same files: each is read and parsed once.
        guard source is CachingFileSource else { return try ProjectLoader(source: CachingFileSource(source)).load(options) }
        let sink = DiagnosticSink()
        let files = try ComposeFileDiscovery.files(for: options, source: source)
        let projectDirectory =
            options.projectDirectory.map { Paths.resolve($0, against: options.workingDirectory) }
            ?? (files[0] == "-" ? options.workingDirectory : Paths.directory(of: files[0]))
        let tree = ProjectTree.of(
            project: projectDirectory, allowed: options.readableFolders.map { Paths.resolve($0, against: options.workingDirectory) },
            home: options.environment["HOME"], files: source)
        var variables = try ProjectVariables.read(options: options, tree: tree, source: source, sink: sink)
        let name = try ProjectName.choose(options: options, variables: variables, files: files, directory: projectDirectory, source: source)
        if variables["COMPOSE_PROJECT_NAME"] == nil { variables["COMPOSE_PROJECT_NAME"] = name }
        var merged: RawNode?
        for file in files {
            let document = try loadDocument(file, variables: variables, sink: sink, tree: tree, resolvePathsAgainst: projectDirectory)
            merged = merged.map { ComposeMerger.merge($0, document) } ?? ComposeMerger.stripResets(document)
        }
        try sink.throwIfErrors()
        guard let document = merged.map({ applyEnvFiles($0, variables: variables, tree: tree, sink: sink) }) else {
            throw DiagnosticError(sink.diagnostics)
        }
        var project = ProjectDecoder(sink: sink).decode(document, name: name, workingDirectory: projectDirectory)
        project.tree = tree
        project.activeProfiles = ProjectVariables.profiles(options: options, variables: variables)
        ProfileFilter.apply(to: &project, active: project.activeProfiles)
        ProjectValidator(sink: sink).validate(project)
        try sink.throwIfErrors()
        ProjectNormalizer.normalize(&project)
        project.variables = variables
        project.shellVariables = Set(options.environment.keys).intersection(variables.keys)
        return LoadedProject(project: project, diagnostics: sink.diagnostics)
    }

    /// One file with its `include` and `extends` applied and its paths made absolute.
    func loadDocument(
        _ file: String, variables: [String: String], sink: DiagnosticSink, tree: ProjectTree, resolvePathsAgainst base: String,
        chain: [String] = []
    ) throws -> RawNode {
        let reader = ComposeFileReader(source: source, variables: variables, sink: sink)
        let resolver = PathResolver(base: base, home: variables["HOME"])
        var document = resolver.document(try reader.read(file))
        document = try IncludeResolver(loader: self, variables: variables, sink: sink, tree: tree, chain: chain + [file])
            .apply(to: document, file: file, base: base)
        if let services = document["services"] {
            let extends = ExtendsResolver(
                loadFile: { other, location, path in
                    try checkNotLinkedOut(other, tree: tree, at: location, path: path)
                    let otherResolver = PathResolver(base: Paths.directory(of: other), home: variables["HOME"])
                    return otherResolver.document(try reader.read(other))
                }, sink: sink)
            document = document.setting("services", try extends.resolve(services: services, file: file))
        }
        return document
    }

    /// A compose file `include` or `extends` names is read unless a link sends it out of the
    /// project tree: then the project cannot be read as written, which is an error.
    func checkNotLinkedOut(_ file: String, tree: ProjectTree, at location: SourceLocation?, path: String) throws {
        guard case .linkedOutside(let target) = tree.verdict(file, files: source) else { return }
        throw DiagnosticError(
            .error(ProjectTree.linkWarning(file, target: target) + "; add --allow-read \(Paths.directory(of: target)) to read it",
                at: location, path: path))
    }

    private func applyEnvFiles(_ document: RawNode, variables: [String: String], tree: ProjectTree, sink: DiagnosticSink) -> RawNode {
        guard let services = document["services"], let entries = services.entries else { return document }
        let applier = EnvFileApplier(source: source, variables: variables, sink: sink, tree: tree)
        return document.setting(
            "services",
            .mapping(
                entries.map { entry in
                    var entry = entry
                    if entry.value.entries != nil { entry.value = applier.apply(to: entry.value, path: "services.\(entry.key)") }
                    return entry
                }, at: services.location))
    }
}
