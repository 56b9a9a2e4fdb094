/// How a pod asks for a GPU: the resource the vendor's device plugin advertises (which alone
/// schedules the pod onto a node that has one), and for NVIDIA a toleration of the taint its GPU
/// node pools usually carry. A node selector (`nvidia.com/gpu.present` exists only where
/// NVIDIA's GPU operator labels the nodes) and a `runtimeClassName` are added only when asked for
/// (`--gpu-node-selector`, `--gpu-runtime-class`): on a plain managed cluster either keeps GPU
/// pods Pending.
package enum GPU {
    /// The vendors whose device plugins advertise a GPU resource:
    /// - NVIDIA's k8s-device-plugin (and GPU operator): `nvidia.com/gpu`;
    /// - AMD's ROCm k8s-device-plugin: `amd.com/gpu`;
    /// - Intel's GPU plugin (intel-device-plugins-for-kubernetes): `gpu.intel.com/i915`, or
    ///   `gpu.intel.com/xe` on nodes whose kernel driver is xe (the plugin registers one by the node).
    package enum Vendor: String, Sendable, CaseIterable {
        case nvidia, amd, intel

        package var resource: String {
            switch self {
            case .nvidia: return "nvidia.com/gpu"
            case .amd: return "amd.com/gpu"
            case .intel: return "gpu.intel.com/i915"
            }
        }

        package var name: String {
            switch self {
            case .nvidia: return "NVIDIA"
            case .amd: return "AMD"
            case .intel: return "Intel"
            }
        }

        /// The vendor whose device plugin advertises `resource` (`nvidia.com/gpu.shared` is NVIDIA's).
        package init?(resource: String) {
            if resource.hasPrefix("nvidia.com/") {
                self = .nvidia
            } else if resource.hasPrefix("amd.com/") {
                self = .amd
            } else if resource.hasPrefix("gpu.intel.com/") {
                self = .intel
            } else {
                return nil
            }
        }

        /// The vendor a Compose `driver` names (`nvidia`, `amd`, `rocm`, `intel`, `i915`, `xe`).
        package init?(driver: String) {
            switch driver.lowercased() {
            case "nvidia": self = .nvidia
            case "amd", "rocm", "amdgpu": self = .amd
            case "intel", "i915", "xe": self = .intel
            default: return nil
            }
        }
    }

    /// NVIDIA's resource, the default vendor of Compose's `gpus:` and `capabilities: [gpu]`.
    package static let resource = Vendor.nvidia.resource
    /// Every GPU resource a limit may name (time-slicing with `renameByDefault` advertises `nvidia.com/gpu.shared`).
    package static let resources: Set<String> = Set(Vendor.allCases.map(\.resource)).union(["gpu.intel.com/xe", "nvidia.com/gpu.shared"])

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

    /// The GPU resource and count a container's limits ask for, if any.
    package static func limit(of container: Container) -> (resource: String, count: String)? {
        container.resources.limits.first { resources.contains($0.0) }.map { ($0.0, $0.1) }
    }

    /// The vendor of the GPU a container's limits ask for, if any.
    package static func vendor(of container: Container) -> Vendor? {
        limit(of: container).flatMap { Vendor(resource: $0.resource) }
    }

    /// Lets a GPU pod onto tainted NVIDIA GPU nodes (other vendors' plugins taint none by default),
    /// with the placement the user asked for.
    package static func schedule(_ pod: inout PodSpec, vendor: Vendor, placement: Placement) {
        pod.nodeSelector.merge(placement.nodeSelector) { current, _ in current }
        if let runtimeClass = placement.runtimeClassName { pod.runtimeClassName = runtimeClass }
        if vendor == .nvidia, !pod.tolerations.contains(toleration) { pod.tolerations.append(toleration) }
    }
}
