/// `tmpfs` (the key and tmpfs mounts) and `shm_size` → emptyDir volumes in memory.
struct MemoryVolumeRule: ServiceRule {
    static let keys = KeyOwnership(owns: [
        "services.*.tmpfs[]", "services.*.shm_size", "services.*.volumes[].tmpfs", "services.*.volumes[].tmpfs.size",
        "services.*.volumes[].tmpfs.mode",
    ])

    func apply(to service: Service, workload: inout Workload, in conversion: Conversion) {
        var targets: [(target: String, size: Int64?)] = service.tmpfs.map { entry in
            (String(entry.split(separator: ":").first ?? Substring(entry)), nil)
        }
        for (index, mount) in service.volumes.enumerated() where mount.type == .tmpfs {
            targets.append((mount.target, mount.tmpfsSize))
            conversion.consume("volumes[\(index)]", of: service)
        }
        if let shm = service.resources.shmSize { targets.append(("/dev/shm", shm)) }
        for (target, size) in targets {
            let name = KubernetesName.unique("tmp-\(target)")
            workload.pod.volumes.append(PodVolume(name: name, source: .emptyDir(memory: true, sizeLimit: size.map(Quantity.memory))))
            workload.container?.volumeMounts.append(VolumeMountSpec(name: name, mountPath: target))
        }
        conversion.consume("tmpfs", of: service)
        conversion.consume("shm_size", of: service)
    }
}
