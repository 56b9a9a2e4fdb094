/// Programs that only work by talking to the Docker API through its socket, so they have no job
/// on a cluster, where the kubelet runs the containers: they are not emitted (as the Ofelia
/// scheduler is not), each with what does that job on Kubernetes. A program that merely can use
/// the socket is kept, with the socket's own warning.
enum DockerAPIPrograms {
    /// Image (last path part, no tag) → what does its job on Kubernetes.
    static let programs: [String: String] = [
        "watchtower": "watchtower updates containers through the Docker API; on Kubernetes pin image tags and roll out new ones "
            + "(kubectl set image, a Helm upgrade, or an image updater such as Argo CD Image Updater or Flux)",
        "autoheal": "autoheal restarts unhealthy containers through the Docker API; on Kubernetes a livenessProbe does that "
            + "(--liveness-probes, or x-kubernetes.liveness: true)",
        "docker-gen": "docker-gen renders files from the Docker API's container list; on Kubernetes Services and Ingress objects "
            + "replace what it generated",
        "acme-companion": acmeCompanion, "letsencrypt-nginx-proxy-companion": acmeCompanion,
    ]

    static let acmeCompanion =
        "acme-companion gets nginx-proxy's Let's Encrypt certificates through the Docker API; on Kubernetes cert-manager does "
        + "(--cert-issuer names its issuer)"

    /// Why `service` is not emitted, or nil when it is.
    static func reason(for service: Service, in project: ComposeProject) -> String? {
        if let proxy = EdgeProxy.detect(service) { return reason(for: proxy, in: project) }
        guard let image = service.image else { return nil }
        return programs[ImageReference(image).name]
    }

    /// What took a reverse proxy's place: the routes it served, and the cluster's ingress controller.
    private static func reason(for proxy: EdgeProxy, in project: ComposeProject) -> String {
        let routes: String
        switch proxy.kind {
        case .traefik:
            let config = project.service(named: proxy.service).flatMap { TraefikStaticConfig.read($0) }
            let routers = config.map { TraefikRoutes.routerNames(in: project, by: $0) } ?? []
            routes = routers.isEmpty ? "no service has router labels" : "its routers (\(routers.joined(separator: ", "))) become routes"
        case .nginxProxy, .caddy:
            let routed = project.services.filter { EdgeProxy.detect($0) == nil && proxy.routes($0) }.map(\.name)
            let written = proxy.kind == .caddy ? "\(proxy.labelPrefix) labels" : "VIRTUAL_HOST"
            routes = routed.isEmpty ? "no service has \(written)" : "the \(written) of \(routed.joined(separator: ", ")) become routes"
        }
        return "\(proxy.kind.rawValue) configured from Docker: \(routes); its published ports belong to the cluster's ingress controller now"
    }
}
