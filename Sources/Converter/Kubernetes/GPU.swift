/// How a pod asks for an NVIDIA GPU: the device plugin's resource (which alone schedules the pod
/// onto a node that has one) and a toleration of the taint GPU node pools usually carry. A node
/// selector (`nvidia.com/gpu.present` exists only where NVIDIA's GPU operator labels the nodes)
/// and a `runtimeClassName` are added only when asked for (`--gpu-node-selector`,
/// `--gpu-runtime-class`): on a plain managed cluster either keeps GPU pods Pending.
package enum GPU {
    package static let resource = "nvidia.com/gpu"
    package static let toleration: Manifest = .object([
        ("key", .string(resource)), ("operator", .string("Exists")), ("effect", .string("NoSchedule")),
    ])

    /// Where GPU pods go beyond the resource: empty unless the user says.
    package struct Placement: Equatable, Sendable {
        package var nodeSelector: [String: String] = [:]
        package var runtimeClassName: String?

        package init(nodeSelector: [String: String] = [:], runtimeClassName: String? = nil) {
            self.nodeSelector = nodeSelector
            self.runtimeClassName = runtimeClassName
        }
    }

    /// Lets a GPU pod onto tainted GPU nodes, with the placement the user asked for.
    package static func schedule(_ pod: inout PodSpec, placement: Placement) {
        pod.nodeSelector.merge(placement.nodeSelector) { current, _ in current }
        if let runtimeClass = placement.runtimeClassName { pod.runtimeClassName = runtimeClass }
        if !pod.tolerations.contains(toleration) { pod.tolerations.append(toleration) }
    }
}
