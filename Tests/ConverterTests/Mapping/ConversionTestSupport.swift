@testable import Converter

/// A project built from Swift values, as mapping-rule tests use (no YAML).
func project(_ services: [Service], volumes: [String] = [], name: String = "demo") -> ComposeProject {
    var project = ComposeProject(name: name, workingDirectory: "/p")
    project.services = services.sorted { $0.name < $1.name }
    for volume in volumes { project.volumes[volume] = Volume(name: "\(name)_\(volume)") }
    return project
}

func service(_ name: String, image: String? = "img", _ configure: (inout Service) -> Void = { _ in }) -> Service {
    var service = Service(name: name)
    service.image = image
    configure(&service)
    return service
}

/// Converts with in-memory host files; returns the result (throws on errors).
func convert(_ project: ComposeProject, options: ConversionOptions = ConversionOptions(), files: [String: String] = [:]) throws
    -> ConversionResult
{
    try ComposeConverter(options: options, files: InMemoryFileSource(files)).convert(project)
}

extension ConversionResult {
    /// The workload named `name`; a Job by its component (its name ends in a content hash).
    func workload(_ name: String) -> Workload? {
        for case .workload(let workload) in objects
        where workload.metadata.name == name || workload.lookupName == name {
            return workload
        }
        return nil
    }

    func object(_ kind: String, _ name: String) -> KubernetesObject? {
        objects.first { $0.kind == kind && $0.name == name }
    }

    var kindsAndNames: [String] { objects.map { "\($0.kind)/\($0.name)" } }

    func warnings(about path: String) -> [String] {
        diagnostics.filter { $0.path == path }.map(\.message)
    }
}
