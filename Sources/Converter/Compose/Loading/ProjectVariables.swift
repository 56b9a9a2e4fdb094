import Foundation

/// The variables interpolation sees: `.env` beside the first file (or the `--env-file`s),
/// overridden by the process environment.
enum ProjectVariables {
    static func read(options: ProjectOptions, projectDirectory: String, source: FileSource, sink: DiagnosticSink) throws -> [String: String]
    {
        let envFiles =
            options.envFiles.isEmpty
            ? [Paths.resolve(".env", against: projectDirectory)].filter(source.exists)
            : options.envFiles.map { Paths.resolve($0, against: options.workingDirectory) }
        var variables: [String: String] = [:]
        for file in envFiles {
            guard source.exists(file) else {
                throw DiagnosticError(.error("env file not found", at: .file(file), path: ""))
            }
            do {
                let known = variables
                for pair in try DotEnvParser.parse(try source.read(file), lookup: { options.environment[$0] ?? known[$0] }) {
                    variables[pair.key] = pair.value
                }
            } catch let failure as DotEnvParser.Failure {
                throw DiagnosticError(.error(failure.message, at: SourceLocation(file: file, line: failure.line, column: 1), path: ""))
            }
        }
        return variables.merging(options.environment) { _, process in process }
    }

    /// `--profile` values, or `COMPOSE_PROFILES` when none were given.
    static func profiles(options: ProjectOptions, variables: [String: String]) -> Set<String> {
        if !options.profiles.isEmpty { return Set(options.profiles) }
        let list = variables["COMPOSE_PROFILES"] ?? ""
        return Set(list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }
}

/// The project name: `-p`, else `COMPOSE_PROJECT_NAME`, else `name:`, else the folder's name,
/// lowercased and limited to the characters Compose allows.
enum ProjectName {
    static func choose(options: ProjectOptions, variables: [String: String], document: RawNode, directory: String, sink: DiagnosticSink)
        -> String
    {
        let candidates = [options.projectName, variables["COMPOSE_PROJECT_NAME"], document["name"]?.text]
        if let explicit = candidates.compactMap({ $0 }).first(where: { !$0.isEmpty }) {
            return normalize(explicit)
        }
        return normalize(Paths.basename(directory))
    }

    static func normalize(_ name: String) -> String {
        let allowed = name.lowercased().unicodeScalars.filter { scalar in
            ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-"
        }
        let text = String(String.UnicodeScalarView(allowed))
        return String(text.drop { $0 == "_" || $0 == "-" })
    }
}
