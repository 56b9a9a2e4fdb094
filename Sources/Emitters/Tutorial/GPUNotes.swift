import Converter

/// The guide's words for each GPU vendor: the device plugin that advertises its resource, the
/// column that shows a node's GPUs, and how a cluster admin shares GPUs (NVIDIA/k8s-device-plugin,
/// "Shared Access to GPUs": time-slicing and MPS; intel-device-plugins-for-kubernetes, GPU plugin:
/// `-shared-dev-num`; ROCm/k8s-device-plugin hands out whole GPUs).
enum GPUNotes {
    static func plugin(_ vendor: GPU.Vendor) -> String {
        switch vendor {
        case .nvidia:
            return "- NVIDIA: NVIDIA's device plugin (NVIDIA/k8s-device-plugin; managed GPU node pools and NVIDIA's GPU operator "
                + "install it) advertises `nvidia.com/gpu`."
        case .amd: return "- AMD: AMD's device plugin (ROCm/k8s-device-plugin, or AMD's GPU operator) advertises `amd.com/gpu`."
        case .intel:
            return "- Intel: Intel's GPU plugin (intel/intel-device-plugins-for-kubernetes) advertises `gpu.intel.com/i915`, or "
                + "`gpu.intel.com/xe` on nodes with the xe kernel driver: set the chart's `services.<name>.gpu.resource` to match."
        }
    }

    /// A `custom-columns` column of the node's allocatable GPUs of that vendor.
    static func column(_ vendor: GPU.Vendor) -> String {
        switch vendor {
        case .nvidia: return ",NVIDIA:.status.allocatable.nvidia\\.com/gpu"
        case .amd: return ",AMD:.status.allocatable.amd\\.com/gpu"
        case .intel: return ",INTEL:.status.allocatable.gpu\\.intel\\.com/i915,XE:.status.allocatable.gpu\\.intel\\.com/xe"
        }
    }

    static func sharing(_ vendors: [GPU.Vendor]) -> String {
        var ways: [String] = []
        if vendors.contains(.nvidia) {
            ways.append(
                "NVIDIA's device plugin shares a GPU by time-slicing or MPS (`sharing.timeSlicing.resources` with `replicas` in its "
                    + "config; the pods' memory is not isolated from each other, and with `renameByDefault` the resource becomes "
                    + "`nvidia.com/gpu.shared`: the chart's `gpu.resource`)")
        }
        if vendors.contains(.intel) { ways.append("Intel's GPU plugin lets `-shared-dev-num` pods use one GPU") }
        if vendors.contains(.amd) { ways.append("AMD's device plugin gives whole GPUs only") }
        return "For pods to share one, a cluster admin configures the device plugin: " + ways.joined(separator: "; ") + "."
    }

    static let nvidiaPlacement =
        "\nWhere NVIDIA GPU nodes must also be selected by a label or need NVIDIA's runtime class, convert with "
        + "`--gpu-node-selector nvidia.com/gpu.present=true` and `--gpu-runtime-class nvidia`, or set the chart's `gpu.nodeSelector` "
        + "and `gpu.runtimeClassName`."
}
