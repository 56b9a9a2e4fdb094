/// GPUs (`GPURequest`: device reservations, `gpus`, `runtime`, host devices) → the vendor's
/// GPU resource as the container's limit, the NVIDIA toleration, the user's GPU placement, and
/// the `Recreate` strategy for a Deployment: a rolling update would start the new pod beside the
/// old one and need a GPU to spare, which a node shaped like the Compose host does not have.
/// Every GPU of the host (`count: all`, or none) becomes one, the chart's `gpu.count`, with a
/// warning. Other host devices are reported. Images that need credentials to pull (NIM) are too.
struct GPURule: ServiceRule {
    /// The container's resources come from `DeployRule`.
    static let readsOutputOf: [any ConversionRule.Type] = [DeployRule.self]

    static let keys = KeyOwnership(
        owns: ["limits", "reservations"].flatMap { kind in
            ["driver", "count", "device_ids[]", "capabilities[]"].map { "services.*.deploy.resources.\(kind).devices[].\($0)" }
        } + [
            "services.*.gpus[].driver", "services.*.gpus[].count", "services.*.gpus[].device_ids[]", "services.*.gpus[].capabilities[]",
            "services.*.runtime", "services.*.devices[]", "services.*.devices[].source", "services.*.devices[].target", "services.*.devices[].permissions",
        ],
        ignores: [
            "services.*.deploy.resources.limits.devices[].options.*": "is not converted: the device plugin takes no per-pod options",
            "services.*.deploy.resources.reservations.devices[].options.*": "is not converted: the device plugin takes no per-pod options",
            "services.*.gpus[].options.*": "is not converted: the device plugin takes no per-pod options",
        ])

    /// Registries whose images need credentials to pull: the NIM microservices (NVIDIA's NGC
    /// documentation: an NGC API key as the password of `$oauthtoken`); `nvcr.io/nvidia/…`
    /// framework images pull anonymously.
    static let credentialedImages = ["nvcr.io/nim/"]

    func apply(to service: Service, workload: inout Workload, in conversion: Conversion) {
        conversion.consume("gpus", of: service)
        reportCredentials(service, in: conversion)
        let request = GPURequest.read(service) { message, path in conversion.fail(message, path: path) }
        reportOtherDevices(service, request: request, in: conversion)
        if service.otherKeys["runtime"] != nil, request?.key == "runtime" || service.otherKeys["runtime"] == .string("nvidia") {
            conversion.consume("runtime", of: service)
        }
        guard let request, workload.container != nil else { return }
        let path = service.path(request.key)
        if conversion.options.cpuOnly {
            conversion.warn("the \(request.vendor.name) GPU is left out (--cpu-only): \(service.name) runs on CPU", path: path)
            return
        }
        conversion.gpuRequests[service.name] = request
        if let assumed = request.assumed {
            conversion.warn(
                "\(assumed) (\(request.vendor.resource)); for an AMD GPU set the chart's services.\(service.name).gpu.resource to amd.com/gpu",
                path: path)
        }
        if request.count == nil {
            conversion.warn(
                "Compose gave \(service.name) every GPU of the host; Kubernetes needs a number: 1 \(request.vendor.resource) "
                    + "(the chart's services.\(service.name).gpu.count)", path: path)
        }
        // NVIDIA's runtime gives compute and utility by default; graphics, video and display are asked
        // for in NVIDIA_DRIVER_CAPABILITIES (NVIDIA Container Toolkit, "Driver capabilities").
        let extra = request.capabilities.filter { !["compute", "utility"].contains($0) }
        if request.vendor == .nvidia, !extra.isEmpty, service.environment["NVIDIA_DRIVER_CAPABILITIES"] == nil {
            conversion.warn(
                "capabilities \(extra.joined(separator: ", ")) are not converted: the device plugin gives compute and utility; set "
                    + "NVIDIA_DRIVER_CAPABILITIES=compute,utility,\(extra.joined(separator: ",")) in \(service.name)'s environment", path: path)
        }
        workload.container?.resources.limits.append((request.vendor.resource, String(max(request.count ?? 1, 1))))
        GPU.schedule(&workload.pod, vendor: request.vendor, placement: conversion.options.gpuPlacement)
        if workload.kind == .deployment { workload.recreateOnUpdate = true }
    }

    /// Host devices that are no GPU have no Kubernetes equivalent without a device plugin.
    private func reportOtherDevices(_ service: Service, request: GPURequest?, in conversion: Conversion) {
        for (index, device) in service.devices.enumerated() {
            let key = "devices[\(index)]"
            conversion.consume(key, of: service)
            guard !(request?.deviceEntries.contains(index) ?? false) else { continue }
            conversion.warn("device \(device.source) is not converted: a host device needs a device plugin or a privileged pod", path: service.path(key))
        }
        let deploy = service.deploy ?? Deploy()
        for (index, device) in deploy.reservations.devices.enumerated() where GPURequest.vendor(of: device) == nil {
            conversion.warn(
                "device reservation \(device.capabilities.joined(separator: ",")) has no Kubernetes equivalent without a device plugin",
                path: service.path("deploy.resources.reservations.devices[\(index)]"))
        }
    }

    private func reportCredentials(_ service: Service, in conversion: Conversion) {
        guard let image = service.image, Self.credentialedImages.contains(where: image.hasPrefix) else { return }
        conversion.warn(
            "\(image) needs credentials to pull (an NGC API key): create a docker-registry Secret for nvcr.io (user $oauthtoken) and "
                + "name it in imagePullSecrets (the chart's imagePullSecrets value)", path: service.path("image"))
    }
}
