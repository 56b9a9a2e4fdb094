/// The checks Compose makes after loading: every reference names something that exists, and
/// every service has an image or a build.
struct ProjectValidator {
    let sink: DiagnosticSink

    func validate(_ project: ComposeProject) {
        let names = Set(project.services.map(\.name))
        let disabled = Set(project.disabledServices)
        for service in project.services {
            let path = "services.\(service.name)"
            let at = { (key: String) in project.locations["\(path).\(key)"] ?? project.locations[path] }
            if service.image == nil, service.build == nil {
                sink.error("service \"\(service.name)\" has neither an image nor a build context", at: at(""), path: path)
            }
            for dependency in service.dependsOn where !names.contains(dependency.service) {
                if disabled.contains(dependency.service), !dependency.required { continue }
                let why = disabled.contains(dependency.service) ? "a service whose profile is not active" : "an undefined service"
                sink.error(
                    "service \"\(service.name)\" depends on \(why) \"\(dependency.service)\"",
                    at: at("depends_on.\(dependency.service)"), path: "\(path).depends_on.\(dependency.service)")
            }
            for (index, mount) in service.volumes.enumerated() where mount.type == .volume {
                if let source = mount.source, project.volumes[source] == nil {
                    sink.error(
                        "service \"\(service.name)\" refers to undefined volume \"\(source)\"", at: at("volumes[\(index)]"),
                        path: "\(path).volumes[\(index)]")
                }
            }
            for network in service.networks where project.networks[network.name] == nil && network.name != "default" {
                sink.error(
                    "service \"\(service.name)\" refers to undefined network \"\(network.name)\"", at: at("networks.\(network.name)"),
                    path: "\(path).networks.\(network.name)")
            }
            if service.networkMode != nil, !service.networks.isEmpty {
                sink.error(
                    "service \"\(service.name)\" declares mutually exclusive network_mode and networks", at: at("network_mode"),
                    path: "\(path).network_mode")
            }
            validateReferences(service.secrets, kind: "secret", defined: project.secrets, service: service, at: at)
            validateReferences(service.configs, kind: "config", defined: project.configs, service: service, at: at)
        }
    }

    private func validateReferences(
        _ references: [FileReference], kind: String, defined: [String: FileObject], service: Service, at: (String) -> SourceLocation?
    ) {
        for (index, reference) in references.enumerated() where defined[reference.source] == nil {
            sink.error(
                "service \"\(service.name)\" refers to undefined \(kind) \"\(reference.source)\"", at: at("\(kind)s[\(index)]"),
                path: "services.\(service.name).\(kind)s[\(index)]")
        }
    }
}
