/// What the outputs say about the compose project itself (published ports, how images were
/// built, where mounted data came from), recorded by the conversion so that the emitters read
/// the conversion result alone and never the compose model.
package struct ProjectFacts: Sendable {
    package struct PublishedPort: Equatable, Sendable {
        /// The container port.
        package var target: Int
        /// The host port Compose published (the first of a range).
        package var hostPort: Int?
        /// Published on an address other computers reach (not only on 127.0.0.1 or ::1).
        package var beyondLoopback: Bool
        /// The host port as written, when it holds variables (`${WEB_PORT:-8080}`).
        package var hostPortTemplate: Template?
    }

    /// How compose built a service's image, for the guide's `docker build` line.
    package struct BuildFacts: Equatable, Sendable {
        package var context: String
        package var dockerfile: String
        package var dockerfileInline: String?
        package var target: String?
        /// Build arguments in key order; a nil value is taken from the builder's environment.
        package var args: [BuildArgument]
        /// Whether compose named the image (`image:` beside `build:`) or made up `<project>-<service>`.
        package var namedImage: Bool
        /// Heavy folders the context holds with no `.dockerignore` to leave them out (`.venv`, `node_modules`).
        package var heavyEntries: [String]
    }

    package struct BuildArgument: Equatable, Sendable {
        package var key: String
        package var value: String?
    }

    package struct ServiceFacts: Sendable {
        package var name: String
        package var publishedPorts: [PublishedPort]
        package var build: BuildFacts?
        /// Container path → host path of its bind mounts.
        package var bindSources: [String: String]
    }

    package var name: String
    package var workingDirectory: String
    /// Compose service name → what the outputs need of it.
    package var services: [String: ServiceFacts]
    /// Named volume → the Docker volume Compose made for it (`<project>_<volume>` unless named).
    package var dockerVolumes: [String: String]
    /// Every scalar written with variables, by key path (`services.api.image` → `shop/api:${TAG}`).
    package var templates: [String: Template]
    /// The value interpolation saw for each variable those templates name (unset ones absent).
    package var variables: [String: String]
    /// The variables whose value came from the converting shell's environment.
    package var shellVariables: Set<String>

    /// The project folder with a trailing `/`, the prefix of every path inside it.
    package var folderPrefix: String { workingDirectory.hasSuffix("/") ? workingDirectory : workingDirectory + "/" }

    /// Service name by the name its objects carry (`flask_app` → `flask-app`).
    private let nameByComponent: [String: String]

    /// The facts of the service whose objects are named `component`.
    package func service(component: String) -> ServiceFacts? {
        nameByComponent[component].flatMap { services[$0] }
    }

    /// Folders that make a build slow when a context without `.dockerignore` holds them.
    static let heavyFolders: Set<String> = [".venv", "venv", "node_modules", ".git", "__pycache__"]

    init(project: ComposeProject, files: FileSource) {
        name = project.name
        workingDirectory = project.workingDirectory
        dockerVolumes = project.volumes.mapValues(\.name)
        templates = project.written.compactMapValues { try? Template.parse($0) }
        let named = Set(templates.values.flatMap(\.variables))
        variables = project.variables.filter { named.contains($0.key) }
        shellVariables = project.shellVariables.intersection(named)
        var services: [String: ServiceFacts] = [:]
        for service in project.services {
            let ports = service.ports.enumerated().compactMap { index, port -> PublishedPort? in
                guard let published = port.published else { return nil }
                return PublishedPort(
                    target: port.target, hostPort: Int(published.split(separator: "-").first ?? ""),
                    beyondLoopback: port.isPublishedBeyondLoopback,
                    hostPortTemplate: project.template(at: "services.\(service.name).ports[\(index)].published"))
            }
            let bindSources = Dictionary(
                service.volumes.filter { $0.type == .bind }.compactMap { mount in mount.source.map { (mount.target, $0) } },
                uniquingKeysWith: { first, _ in first })
            services[service.name] = ServiceFacts(
                name: service.name, publishedPorts: ports, build: service.build.map { Self.build($0, service: service, files: files) },
                bindSources: bindSources)
        }
        self.services = services
        nameByComponent = Dictionary(
            project.services.map { ($0.kubernetesName, $0.name) }, uniquingKeysWith: { first, _ in first })
    }

    private static func build(_ build: Build, service: Service, files: FileSource) -> BuildFacts {
        var heavy: [String] = []
        if files.entry(build.context + "/.dockerignore") == nil, case .directory(let names)? = files.entry(build.context) {
            heavy = names.filter(heavyFolders.contains)
        }
        return BuildFacts(
            context: build.context, dockerfile: build.dockerfile, dockerfileInline: build.dockerfileInline, target: build.target,
            args: build.args.keys.sorted().map { BuildArgument(key: $0, value: build.args[$0] ?? nil) }, namedImage: service.image != nil,
            heavyEntries: heavy)
    }
}
