/// `network_mode: service:X` shares X's network namespace; in Kubernetes that means the
/// container runs in X's pod. Its container, init containers and volumes move into X's
/// workload, and its Services select X's pods.
struct SharedNetworkRule: MappingRule {
    /// Containers sharing a network namespace move into the finished pod they share.
    static let readsFinishedWorkloads = true

    static let keys = KeyOwnership()

    func apply(to conversion: Conversion) {
        for node in conversion.graph.nodes {
            guard let mode = node.service.networkMode, mode.hasPrefix("service:") else { continue }
            let host = String(mode.dropFirst("service:".count))
            let path = node.service.path("network_mode")
            guard var guest = conversion.workloads[node.service.name], var target = conversion.workloads[host],
                target.kind == guest.kind || guest.kind == .deployment
            else {
                conversion.warn("network_mode \(mode) is not converted: \(host) is not a workload this container can join", path: path)
                continue
            }
            guest.pod.initContainers.removeAll { $0.name == ObjectNames.wait(for: KubernetesName.dns1123(host)) }  // it would wait for its own pod
            merge(guest, into: &target)
            conversion.workloads[host] = target
            conversion.workloads[node.service.name] = nil
            conversion.retargetServices(of: node.service.kubernetesName, to: target.selector)
            conversion.report[node.service.name, default: []].removeAll { $0 == "\(guest.kind.rawValue)/\(guest.metadata.name)" }
            conversion.report[node.service.name, default: []].append("container in \(target.kind.rawValue)/\(target.metadata.name)")
            conversion.warn(
                "network_mode \(mode): \(node.service.name) runs as a second container in \(host)'s pod, sharing its network", path: path)
        }
    }

    private func merge(_ guest: Workload, into target: inout Workload) {
        target.pod.containers += guest.pod.containers.filter { container in !target.pod.containers.contains { $0.name == container.name } }
        target.pod.initContainers += guest.pod.initContainers.filter { container in
            !target.pod.initContainers.contains { $0.name == container.name }
        }
        target.pod.volumes += guest.pod.volumes.filter { volume in !target.pod.volumes.contains { $0.name == volume.name } }
        if target.pod.serviceAccountName == nil { target.pod.serviceAccountName = guest.pod.serviceAccountName }
    }
}
