import Foundation

/// Finds the compose files to read, as Compose does: `-f` files, else `COMPOSE_FILE`, else the
/// first of the standard names in the working folder plus its `.override` file.
enum ComposeFileDiscovery {
    static let standardNames = ["compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"]

    static func files(for options: ProjectOptions, source: FileSource) throws -> [String] {
        let base = options.workingDirectory
        if !options.files.isEmpty {
            return options.files.map { $0 == "-" ? $0 : Paths.resolve($0, against: base) }
        }
        if let list = options.environment["COMPOSE_FILE"], !list.isEmpty {
            let separator = Character(options.environment["COMPOSE_PATH_SEPARATOR"] ?? ":")
            return list.split(separator: separator).map { Paths.resolve(String($0), against: base) }
        }
        let folder = options.projectDirectory.map { Paths.resolve($0, against: base) } ?? base
        for name in standardNames {
            let path = Paths.resolve(name, against: folder)
            guard source.exists(path) else { continue }
            let stem = name.replacingOccurrences(of: ".yaml", with: "").replacingOccurrences(of: ".yml", with: "")
            let overrides = ["yaml", "yml"].map { Paths.resolve("\(stem).override.\($0)", against: folder) }
            return [path] + overrides.filter(source.exists).prefix(1)
        }
        throw DiagnosticError(
            .error(
                "no compose file found: looked for \(standardNames.joined(separator: ", ")); name one with -f",
                at: .file(folder), path: ""))
    }
}
