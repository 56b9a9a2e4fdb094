/// Keeps the services whose profiles are active (a service without profiles is always active;
/// `*` activates every profile), as Compose does.
enum ProfileFilter {
    static func apply(to project: inout ComposeProject, active: Set<String>) {
        let enabled: (Service) -> Bool = { service in
            service.profiles.isEmpty || active.contains("*") || !active.isDisjoint(with: service.profiles)
        }
        project.disabledServices = project.services.filter { !enabled($0) }.map(\.name)
        project.services = project.services.filter(enabled)
    }
}
