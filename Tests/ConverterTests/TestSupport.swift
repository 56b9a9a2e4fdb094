@testable import Converter

/// Loads a project from files held in memory under /p, with the given process environment.
func loadProject(
    _ files: [String: String], compose: [String] = ["compose.yaml"], profiles: [String] = [],
    environment: [String: String] = [:], envFiles: [String] = [], projectName: String? = nil
) throws -> LoadedProject {
    var absolute: [String: String] = [:]
    for (path, text) in files { absolute["/p/\(path)"] = text }
    let options = ProjectOptions(
        files: compose, workingDirectory: "/p", projectName: projectName, profiles: profiles,
        envFiles: envFiles, environment: environment)
    return try ProjectLoader(source: InMemoryFileSource(absolute)).load(options)
}

/// The diagnostics a failing load reports, as printed.
func loadErrors(_ files: [String: String], compose: [String] = ["compose.yaml"], environment: [String: String] = [:]) -> [String] {
    do {
        _ = try loadProject(files, compose: compose, environment: environment)
        return []
    } catch let error as DiagnosticError {
        return error.diagnostics.filter { $0.severity == .error }.map(\.description)
    } catch {
        return ["unexpected \(error)"]
    }
}
