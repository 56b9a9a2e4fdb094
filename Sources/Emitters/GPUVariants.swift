import Converter

/// The CPU form of objects: GPU limits (of any vendor), the GPU toleration and any GPU node
/// selector and runtime class taken out.
/// Kustomize's base and Helm's `values-cpu.yaml` are this form.
enum GPUVariants {
    static func usesGPU(_ workload: Workload) -> Bool {
        workload.pod.containers.contains { GPU.limit(of: $0) != nil }
    }

    static func cpuOnly(_ object: KubernetesObject, placement: GPU.Placement) -> KubernetesObject {
        guard case .workload(var workload) = object, usesGPU(workload) else { return object }
        for index in workload.pod.containers.indices {
            workload.pod.containers[index].resources.limits.removeAll { GPU.resources.contains($0.0) }
        }
        for (key, value) in placement.nodeSelector where workload.pod.nodeSelector[key] == value { workload.pod.nodeSelector[key] = nil }
        if placement.runtimeClassName != nil, workload.pod.runtimeClassName == placement.runtimeClassName {
            workload.pod.runtimeClassName = nil
        }
        workload.pod.tolerations.removeAll { $0 == GPU.toleration }
        return .workload(workload)
    }
}
