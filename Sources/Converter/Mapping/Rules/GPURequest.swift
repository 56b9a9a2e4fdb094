/// The GPUs a service asks Compose for, whichever way it writes it, read into one vendor and
/// count (`GPURule` turns it into a limit):
/// - a device reservation (`deploy.resources.*.devices`) or `gpus:` with `capabilities: [gpu]` or
///   a GPU `driver` (`nvidia`, `amd`, `intel`…); no driver is NVIDIA, Docker's default;
/// - `runtime: nvidia` with `NVIDIA_VISIBLE_DEVICES` (or `runtime: amd` with `AMD_VISIBLE_DEVICES`);
/// - host devices: CDI names (`nvidia.com/gpu=all`, `amd.com/gpu=0`), `/dev/kfd` with `/dev/dri`
///   (ROCm), `/dev/nvidia0`, or `/dev/dri` alone, which AMD and Intel both use (Intel assumed).
/// A count of `all`, or none with no device IDs, is every GPU of the host: `count` is nil then.
struct GPURequest: Equatable {
    var vendor: GPU.Vendor
    /// nil for every GPU of the host.
    var count: Int?
    /// The GPUs Compose pinned (`device_ids`, `NVIDIA_VISIBLE_DEVICES=0,1`), by their host IDs.
    var deviceIDs: [String] = []
    /// The key the request was written at.
    var key: String
    /// Why the vendor is a guess, when it is.
    var assumed: String?
    /// The indices of `devices:` entries the request reads.
    var deviceEntries: [Int] = []
    /// The driver capabilities asked for besides `gpu` (`utility`, `video`).
    var capabilities: [String] = []

    /// The service's GPU request, or nil; a count below -1 is an error at its key.
    static func read(_ service: Service, fail: (String, String) -> Void) -> GPURequest? {
        let deploy = service.deploy ?? Deploy()
        let reservations = [
            ("deploy.resources.reservations.devices", deploy.reservations.devices), ("deploy.resources.limits.devices", deploy.limits.devices),
            ("gpus", service.gpus),
        ]
        for (key, requests) in reservations {
            for (index, request) in requests.enumerated() {
                // Every entry of `gpus:` is a GPU, NVIDIA's unless its driver names another vendor.
                guard let vendor = vendor(of: request) ?? (key == "gpus" ? .nvidia : nil) else { continue }
                let at = "\(key)[\(index)]"
                if let count = request.count, count < -1 {
                    fail("GPU count \(count): give a number of GPUs, or all", service.path(at))
                    return nil
                }
                let count = request.count.flatMap { $0 < 0 ? nil : $0 } ?? (request.deviceIDs.isEmpty ? nil : request.deviceIDs.count)
                return GPURequest(
                    vendor: vendor, count: count == 0 && !request.deviceIDs.isEmpty ? request.deviceIDs.count : count,
                    deviceIDs: request.deviceIDs, key: at, capabilities: request.capabilities.filter { $0 != "gpu" })
            }
        }
        return runtimeRequest(service) ?? deviceRequest(service)
    }

    /// The vendor of a device reservation that asks for GPUs.
    static func vendor(of request: DeviceRequest) -> GPU.Vendor? {
        if let driver = request.driver, let vendor = GPU.Vendor(driver: driver) { return vendor }
        return request.capabilities.contains("gpu") ? .nvidia : nil
    }

    /// `runtime: nvidia` (the older way to give a container GPUs), `runtime: amd`: the GPUs the
    /// runtime's variable lists, all of them for `all`, none for `void`/`none`.
    private static func runtimeRequest(_ service: Service) -> GPURequest? {
        guard case .string(let runtime)? = service.otherKeys["runtime"], let vendor = GPU.Vendor(driver: runtime), vendor != .intel else {
            return nil
        }
        let variable = vendor == .nvidia ? "NVIDIA_VISIBLE_DEVICES" : "AMD_VISIBLE_DEVICES"
        // Unset, the image decides (CUDA images set all); one GPU, as the chart's count says.
        guard case let devices?? = service.environment[variable], !devices.isEmpty else {
            return GPURequest(vendor: vendor, count: 1, key: "runtime")
        }
        if devices == "void" || devices == "none" { return nil }
        if devices == "all" { return GPURequest(vendor: vendor, count: nil, key: "runtime") }
        let ids = devices.split(separator: ",").map { $0.trimmingSpaces() }
        return GPURequest(vendor: vendor, count: ids.count, deviceIDs: ids, key: "runtime")
    }

    /// GPUs passed in as host devices: CDI names first, then the device nodes each vendor uses.
    private static func deviceRequest(_ service: Service) -> GPURequest? {
        let sources = service.devices.map(\.source)
        for (index, source) in sources.enumerated() {
            guard let equals = source.firstIndex(of: "="), let vendor = cdiVendor(String(source[..<equals])) else { continue }
            let ids = source[source.index(after: equals)...].split(separator: ",").map(String.init)
            let count = ids == ["all"] ? nil : ids.count
            return GPURequest(vendor: vendor, count: count, deviceIDs: count == nil ? [] : ids, key: "devices[\(index)]", deviceEntries: [index])
        }
        let render = sources.indices.filter { sources[$0].hasPrefix("/dev/dri/renderD") }
        let dri = sources.indices.filter { sources[$0] == "/dev/dri" || sources[$0].hasPrefix("/dev/dri/") }
        if let kfd = sources.firstIndex(of: "/dev/kfd") {
            return GPURequest(vendor: .amd, count: render.isEmpty ? nil : render.count, key: "devices[\(kfd)]", deviceEntries: [kfd] + dri)
        }
        let nvidia = sources.indices.filter { sources[$0].hasPrefix("/dev/nvidia") }
        if !nvidia.isEmpty {
            let numbered = nvidia.filter { sources[$0].dropFirst("/dev/nvidia".count).allSatisfy(\.isNumber) && sources[$0] != "/dev/nvidia" }
            return GPURequest(vendor: .nvidia, count: numbered.isEmpty ? nil : numbered.count, key: "devices[\(nvidia[0])]", deviceEntries: nvidia)
        }
        guard let first = dri.first else { return nil }
        return GPURequest(
            vendor: .intel, count: render.isEmpty ? nil : render.count, key: "devices[\(first)]",
            assumed: "/dev/dri without /dev/kfd is how Intel GPUs (and AMD video acceleration) are passed in: Intel is assumed",
            deviceEntries: dri)
    }

    /// The vendor of a CDI kind (`nvidia.com/gpu`, `amd.com/gpu`, `intel.com/gpu`).
    private static func cdiVendor(_ kind: String) -> GPU.Vendor? {
        switch kind.lowercased() {
        case "nvidia.com/gpu": return .nvidia
        case "amd.com/gpu": return .amd
        case "intel.com/gpu", "gpu.intel.com/i915": return .intel
        default: return nil
        }
    }
}
