/// GPUs that several services shared under Compose (`device_ids` naming the same GPU) are whole
/// GPUs for each pod in a cluster: the device plugin hands out one GPU to one container unless a
/// cluster admin configures sharing (NVIDIA's time-slicing or MPS, with no memory isolation
/// between the pods; Intel's `sharedDevNum`). One message per vendor gives the GPUs Compose used
/// and the GPUs the pods request, so a node shaped like the Compose host is not left with pods
/// Pending in silence. `device_ids` never pin a pod to those GPUs: that takes Dynamic Resource
/// Allocation, so the ids are reported as not pinned.
struct GPUSharingRule: MappingRule {
    static let readsOutputOf: [any ConversionRule.Type] = [GPURule.self]
    static let keys = KeyOwnership()

    func apply(to conversion: Conversion) {
        for vendor in GPU.Vendor.allCases {
            let requests = conversion.gpuRequests.filter { $0.value.vendor == vendor }.sorted { $0.key < $1.key }
            let pinned = requests.filter { !$0.value.deviceIDs.isEmpty }
            guard let first = pinned.first else { continue }
            let used = Set(pinned.flatMap(\.value.deviceIDs)).sorted()
            let requested = requests.reduce(0) { $0 + max($1.value.count ?? 1, 1) }
            let path = KeyPath.ofService(first.key, key: first.value.key)
            let names = pinned.map(\.key).joined(separator: ", ")
            let notPinned =
                "the GPU ids Compose used (device_ids, NVIDIA_VISIBLE_DEVICES) do not pin pods to those GPUs "
                + "(the device plugin picks free ones; pinning takes Dynamic Resource Allocation)"
            guard requested > used.count, pinned.count > 1 else {
                conversion.warn("\(names): \(notPinned)", path: path)
                continue
            }
            conversion.warn(
                "\(names) shared \(used.count) \(vendor.name) GPU\(used.count == 1 ? "" : "s") under Compose (device_ids \(used.joined(separator: ", "))); "
                    + "in a cluster each pod gets whole GPUs, so they request \(requested) \(vendor.resource) and stay Pending on a node "
                    + "with \(used.count): " + Self.sharingAdvice(vendor) + "; " + notPinned, path: path)
        }
    }

    /// How a cluster admin shares GPUs with that vendor's device plugin.
    static func sharingAdvice(_ vendor: GPU.Vendor) -> String {
        switch vendor {
        case .nvidia:
            return "to share GPUs, the cluster admin configures the NVIDIA device plugin's time-slicing or MPS (replicas per GPU; "
                + "no memory isolation between the pods; with renameByDefault the resource is nvidia.com/gpu.shared: the chart's gpu.resource)"
        case .amd: return "AMD's device plugin gives whole GPUs only: give each pod its own GPU, or run the services in one pod"
        case .intel: return "to share GPUs, the cluster admin sets the Intel GPU plugin's sharedDevNum (pods per GPU)"
        }
    }
}
