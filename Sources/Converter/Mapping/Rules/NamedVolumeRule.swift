/// Named volumes → one PersistentVolumeClaim per volume (not per service), ReadWriteMany when
/// several workloads mount it; anonymous volumes → emptyDir. A Deployment holding a
/// ReadWriteOnce claim is recreated on update, so two pods never fight over the volume.
struct NamedVolumeRule: ServiceRule {
    static let keys = KeyOwnership(
        owns: [
            "services.*.volumes[].volume", "services.*.volumes[].volume.subpath", "volumes.*", "volumes.*.name", "volumes.*.external",
            "volumes.*.driver",
        ],
        ignores: [
            "services.*.volumes[].volume.nocopy":
                "is not converted: a new claim starts empty; the image's files at that path are not copied into it",
            "volumes.*.driver_opts":
                "is not converted: a claim's storage comes from its StorageClass (x-kubernetes.storageClass)",
            "volumes.*.labels.*":
                "is not converted: the claim carries the project's labels",
        ])

    func apply(to service: Service, workload: inout Workload, in conversion: Conversion) {
        for (index, mount) in service.volumes.enumerated() where mount.type == .volume {
            let path = service.path("volumes[\(index)]")
            conversion.consume(path)
            guard let source = mount.source else {
                let name = KubernetesName.unique("\(service.kubernetesName)-\(mount.target)")
                addVolume(
                    PodVolume(name: name, source: .emptyDir(memory: false, sizeLimit: nil)), mount: mount,
                    to: &workload)
                conversion.warn("anonymous volume at \(mount.target) becomes an emptyDir: its data lives as long as the pod", path: path)
                continue
            }
            let claim = claimName(source, in: conversion)
            let ownedByOne = (conversion.graph.volumeUsers[source]?.count ?? 0) <= 1
            if workload.kind == .statefulSet, ownedByOne, conversion.project.volumes[source]?.external == false {
                workload.volumeClaimTemplates.append(template(for: source, service: service, in: conversion))
                workload.container?.volumeMounts.append(
                    VolumeMountSpec(name: claim, mountPath: mount.target, subPath: mount.subpath, readOnly: mount.readOnly))
                conversion.consume("volumes.\(source)")
                conversion.report[service.name, default: []].append("volumeClaimTemplate/\(claim)")
                continue
            }
            if let volume = conversion.project.volumes[source], !volume.external {
                addClaim(for: source, service: service, path: path, in: conversion)
            }
            let external = conversion.project.volumes[source]?.external == true
            if external {
                conversion.expectExisting(kind: "PersistentVolumeClaim", name: claim)
                conversion.consume("volumes.\(source)")
                conversion.warn(
                    "external volume \"\(source)\" is referenced as PersistentVolumeClaim \(claim), which must already exist", path: path)
            }
            SharedClaim.keepTogether(claim, shared: !ownedByOne, service: service, workload: &workload, path: path, in: conversion)
            addVolume(PodVolume(name: claim, source: .persistentVolumeClaim(claim)), mount: mount, to: &workload)
            conversion.report[service.name, default: []].append(
                "PersistentVolumeClaim/\(claim)\(external ? " (external, not generated)" : "")")
        }
    }

    func claimName(_ volume: String, in conversion: Conversion) -> String {
        if let external = conversion.project.volumes[volume], external.external { return KubernetesName.dns1123(external.name) }
        return KubernetesName.dns1123(volume)
    }

    /// The claim for `volume`, sized by `x-kubernetes.size`, the `kompose.volume.size` label of a
    /// service using it, or `--pvc-size`.
    private func template(for volume: String, service: Service, in conversion: Conversion) -> ClaimObject {
        let name = claimName(volume, in: conversion)
        // The graph's nodes, not copies of their services: a volume may have many users.
        let users = (conversion.graph.volumeUsers[volume] ?? []).compactMap { conversion.graph.node($0) }
        let size =
            users.lazy.compactMap { XKubernetes($0.service).size ?? $0.service.labels["kompose.volume.size"] }.first
            ?? conversion.options.pvcSize
        let storageClass = users.lazy.compactMap {
            XKubernetes($0.service).storageClass ?? $0.service.labels["kompose.volume.storage-class-name"]
        }.first
        return ClaimObject(metadata: conversion.metadata(name, component: name), size: size, storageClass: storageClass)
    }

    private func addClaim(for volume: String, service: Service, path: String, in conversion: Conversion) {
        let name = claimName(volume, in: conversion)
        guard conversion.claim(named: name) == nil else { return }
        let users = conversion.graph.volumeUsers[volume] ?? []
        var claim = template(for: volume, service: service, in: conversion)
        if users.count > 1 {
            claim.accessMode = SharedClaim.accessMode(conversion.options.sharedVolumes)
            conversion.warn(SharedClaim.note(volume: "volume \"\(volume)\"", users: users, options: conversion.options), path: path)
        }
        conversion.consume("volumes.\(volume)")
        // `local` is Docker's own storage, as a claim is the cluster's default; another driver is not.
        if let driver = conversion.project.volumes[volume]?.driver, driver != "local" {
            conversion.warn(
                "volume driver \(driver) is not converted: a claim's storage comes from its StorageClass (x-kubernetes.storageClass)",
                path: "volumes.\(volume).driver")
        }
        conversion.add(.claim(claim))
    }

    private func addVolume(_ volume: PodVolume, mount: VolumeMount, to workload: inout Workload) {
        if !workload.pod.volumes.contains(where: { $0.name == volume.name }) { workload.pod.volumes.append(volume) }
        workload.container?.volumeMounts.append(
            VolumeMountSpec(name: volume.name, mountPath: mount.target, subPath: mount.subpath, readOnly: mount.readOnly))
    }
}
