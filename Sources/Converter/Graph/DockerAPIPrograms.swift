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
    ]

    /// Why `service` is not emitted, or nil when it is.
    static func reason(for service: Service, in project: ComposeProject) -> String? {
        if let traefik = TraefikStaticConfig.read(service), traefik.readsDockerLabels {
            let routers = TraefikRoutes.routerNames(in: project, by: traefik)
            let routes =
                routers.isEmpty
                ? "no service has router labels" : "its routers (\(routers.joined(separator: ", "))) become Ingress objects"
            return "Traefik configured from Docker labels: \(routes); its published ports belong to the cluster's ingress controller now"
        }
        guard let image = service.image else { return nil }
        return programs[ImageReference(image).name]
    }
}
