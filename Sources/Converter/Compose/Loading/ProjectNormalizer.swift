/// Defaults Compose adds after validation: the `default` network for services that name none,
/// default mount points for secrets, the implicit dependencies of `links`, `volumes_from` and
/// `network_mode: service:`, and no top-level resource that no service uses.
enum ProjectNormalizer {
    static func normalize(_ project: inout ComposeProject) {
        for index in project.services.indices {
            normalize(&project.services[index])
        }
        let usesDefault = project.services.contains { $0.networks.contains { $0.name == "default" } }
        if usesDefault, project.networks["default"] == nil {
            project.networks["default"] = Network(name: "\(project.name)_default")
        }
        removeUnused(&project)
    }

    private static func normalize(_ service: inout Service) {
        if service.networks.isEmpty, service.networkMode == nil {
            service.networks = [ServiceNetwork(name: "default")]
        }
        for index in service.secrets.indices where service.secrets[index].target == nil {
            service.secrets[index].target = "/run/secrets/\(service.secrets[index].source)"
        }
        for link in service.links {
            addImplicitDependency(serviceName(link), restart: true, to: &service)
        }
        for source in service.volumesFrom where !source.hasPrefix("container:") {
            addImplicitDependency(serviceName(source), restart: nil, to: &service)
        }
        if let mode = service.networkMode, mode.hasPrefix("service:") {
            addImplicitDependency(String(mode.dropFirst("service:".count)), restart: true, to: &service)
        }
    }

    /// `db` of `db:alias` or `db:ro`.
    private static func serviceName(_ reference: String) -> String {
        String(reference.prefix { $0 != ":" })
    }

    private static func addImplicitDependency(_ name: String, restart: Bool?, to service: inout Service) {
        guard !service.dependsOn.contains(where: { $0.service == name }) else { return }
        service.dependsOn.append(Dependency(service: name, condition: .started, required: true, restart: restart))
    }

    private static func removeUnused(_ project: inout ComposeProject) {
        let services = project.services
        let volumes = Set(services.flatMap { $0.volumes.filter { $0.type == .volume }.compactMap(\.source) })
        let networks = Set(services.flatMap { $0.networks.map(\.name) })
        let secrets = Set(services.flatMap { $0.secrets.map(\.source) })
        let configs = Set(services.flatMap { $0.configs.map(\.source) })
        project.volumes = project.volumes.filter { volumes.contains($0.key) }
        project.networks = project.networks.filter { networks.contains($0.key) }
        project.secrets = project.secrets.filter { secrets.contains($0.key) }
        project.configs = project.configs.filter { configs.contains($0.key) }
    }
}
