/// How a pod asks for an NVIDIA GPU: the device plugin's resource, the label GPU nodes carry
/// (NVIDIA's GPU feature discovery) and the taint GPU node pools usually have.
public enum GPU {
    public static let resource = "nvidia.com/gpu"
    public static let nodeSelector = ["nvidia.com/gpu.present": "true"]
    public static let toleration: Manifest = .object([
        ("key", .string(resource)), ("operator", .string("Exists")), ("effect", .string("NoSchedule")),
    ])

    /// Steers a GPU pod to GPU nodes.
    public static func schedule(_ pod: inout PodSpec) {
        pod.nodeSelector.merge(nodeSelector) { current, _ in current }
        if !pod.tolerations.contains(toleration) { pod.tolerations.append(toleration) }
    }
}
