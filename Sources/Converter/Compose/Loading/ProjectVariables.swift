import Foundation

/// The variables interpolation sees: `.env` beside the first file (or the `--env-file`s),
/// overridden by the process environment.
enum ProjectVariables {
    static func read(options: ProjectOptions, tree: ProjectTree, source: FileSource, sink: DiagnosticSink) throws -> [String: String] {
        var envFiles = options.envFiles.map { Paths.resolve($0, against: options.workingDirectory) }
        if options.envFiles.isEmpty {
            // The implicit `.env` is a project file: one linked out of the project is not read. A
            // file named with --env-file is the user's own choice and is read wherever it is.
            let dotEnv = Paths.resolve(".env", against: tree.roots[0])
            switch tree.verdict(dotEnv, files: source) {
            case .linkedOutside(let target):
                sink.warning(ProjectTree.linkWarning(dotEnv, target: target), at: .file(dotEnv), path: "")
            default:
                envFiles = [dotEnv].filter(source.exists)
            }
        }
        var variables: [String: String] = [:]
        for file in envFiles {
            guard source.exists(file) else {
                throw DiagnosticError(.error("env file not found", at: .file(file), path: ""))
            }
            let known = variables
            for pair in try source.envFilePairs(file, at: .file(file), lookup: { options.environment[$0] ?? known[$0] }) {
                variables[pair.key] = pair.value
            }
        }
        return variables.merging(options.environment) { _, process in process }
    }

    /// `--profile` values, or `COMPOSE_PROFILES` when none were given, or Compose's default
    /// `[""]`, which runs services listing the empty profile. An empty item stays
    /// (`COMPOSE_PROFILES=rag,` is `rag` and `""`), as in compose-go.
    static func profiles(options: ProjectOptions, variables: [String: String]) -> Set<String> {
        if !options.profiles.isEmpty { return Set(options.profiles) }
        let list = variables["COMPOSE_PROFILES"] ?? ""
        return Set(list.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) })
    }
}

/// The project name: `-p`, else `COMPOSE_PROJECT_NAME`, else `name:` (the last file that sets
/// it, interpolated), else the folder's name. As in Compose, a name the user sets (`-p`, the
/// variable) must already be valid; a written `name:` or the folder's name is lowercased and
/// limited to the characters Compose allows. Chosen before the files are interpolated, as
/// Compose does, because interpolation sees it as `COMPOSE_PROJECT_NAME`.
enum ProjectName {
    static func choose(options: ProjectOptions, variables: [String: String], files: [String], directory: String, source: FileSource)
        throws -> String
    {
        let explicit = [("-p", options.projectName), ("COMPOSE_PROJECT_NAME", variables["COMPOSE_PROJECT_NAME"])]
            .compactMap { origin, name in name.map { (origin, $0) } }.first { !$0.1.isEmpty }
        if let (origin, name) = explicit {
            guard normalize(name) == name else {
                // compose-go's loader.InvalidProjectNameErr, for `-p` and the variable alike.
                throw DiagnosticError(
                    .error(
                        "invalid project name \"\(name)\" (from \(origin)): must consist only of lowercase alphanumeric characters,"
                            + " hyphens, and underscores as well as start with a letter or number", at: nil, path: ""))
            }
            return name
        }
        let written = files.compactMap { declaredName(in: $0, source: source) }.last
        if let written, let interpolated = try? Interpolator(variables: variables).interpolate(written), !normalize(interpolated).isEmpty {
            return normalize(interpolated)
        }
        let name = normalize(Paths.basename(directory))
        guard !name.isEmpty else {
            throw DiagnosticError(
                .error("project name must not be empty: the folder's name has no letter or digit; name the project with -p", at: nil, path: ""))
        }
        return name
    }

    /// The top-level `name:` of a compose file as written (not interpolated), or nil.
    private static func declaredName(in file: String, source: FileSource) -> String? {
        guard let text = try? source.read(file), let document = try? source.yamlDocument(file, text: text) else { return nil }
        return document["name"]?.text
    }

    static func normalize(_ name: String) -> String {
        let allowed = name.lowercased().unicodeScalars.filter { scalar in
            ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-"
        }
        let text = String(String.UnicodeScalarView(allowed))
        return String(text.drop { $0 == "_" || $0 == "-" })
    }
}
