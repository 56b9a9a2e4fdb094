/// Bind mounts. A small text file → a ConfigMap (a Secret when it looks secret) mounted with
/// `subPath`; a folder of small text files → a ConfigMap with one key per file; anything else
/// → a PersistentVolumeClaim with a warning that the host data is not copied. The Docker
/// socket is dropped with a security warning.
struct BindMountRule: ServiceRule {
    /// A file shared with a named volume goes into the claim `NamedVolumeRule` made.
    static let readsOutputOf: [any ConversionRule.Type] = [NamedVolumeRule.self]

    static let keys = KeyOwnership(
        owns: [
            "services.*.volumes[].type", "services.*.volumes[].source", "services.*.volumes[].target", "services.*.volumes[].read_only",
            "services.*.volumes[].bind", "services.*.volumes[].bind.create_host_path",
        ],
        ignores: [
            "services.*.volumes[].bind.propagation":
                "is not converted: mount propagation needs a privileged container; set mountPropagation by hand if you need it",
            "services.*.volumes[].bind.selinux":
                "is not converted: SELinux labels come from the pod's seLinuxOptions, not from the mount",
            "services.*.volumes[].consistency":
                "is not converted: it only tuned Docker Desktop's file sharing",
            "services.*.volumes[].image":
                "is not converted: an image volume needs Kubernetes 1.33's ImageVolume feature; mount the files another way",
            "services.*.volumes[].image.subpath":
                "is not converted: an image volume needs Kubernetes 1.33's ImageVolume feature; mount the files another way",
            "services.*.volumes_from[]":
                "is not converted: pods do not share another pod's volumes; mount the same claims by hand",
        ])

    static let sizeLimit = 1 << 20
    static let secretMarkers = [".key", ".pem", ".p12", ".pfx", "credentials", "password", "secret", "token", ".htpasswd"]

    func apply(to service: Service, workload: inout Workload, in conversion: Conversion) {
        for (index, mount) in service.volumes.enumerated() where mount.type == .bind {
            let path = service.path("volumes[\(index)]")
            conversion.consume(path)
            guard let source = mount.source else { continue }
            if source.hasSuffix("docker.sock") {
                conversion.warn(
                    "the Docker socket \(source) is not mounted: it would give the pod control of the node, and Kubernetes nodes may not run Docker",
                    path: path)
                continue
            }
            if conversion.options.bindMounts == .hostpath {
                mountHostPath(source, mount: mount, service: service, workload: &workload, conversion: conversion, path: path)
                continue
            }
            switch conversion.verdict(ofProjectFile: source, at: path) {
            case .inside: break
            case .outside:
                mountOutsideProject(source, mount: mount, workload: &workload, conversion: conversion, path: path)
                continue
            case .linkedOutside: continue
            }
            switch conversion.files.entry(source) {
            case .file(let size) where size <= Self.sizeLimit:
                if let text = try? conversion.files.read(source) {
                    mountFile(source, text: text, mount: mount, service: service, workload: &workload, conversion: conversion)
                    continue
                }
                claim(mount, service: service, workload: &workload, conversion: conversion, path: path, why: "it is not UTF-8 text")
            case .file:
                claim(mount, service: service, workload: &workload, conversion: conversion, path: path, why: "it is larger than 1 MiB")
            case .directory(let names):
                if !mountDirectory(
                    source, names: names, mount: mount, service: service, workload: &workload, conversion: conversion, path: path)
                {
                    claim(
                        mount, service: service, workload: &workload, conversion: conversion, path: path,
                        why: "the folder holds subfolders, binary or large files")
                }
            case nil:
                claim(
                    mount, service: service, workload: &workload, conversion: conversion, path: path, why: "\(source) does not exist here")
            }
        }
    }

    static let timeZoneFiles = ["/etc/localtime", "/etc/timezone"]

    /// A host path outside the project tree is never read: the output would depend on the
    /// machine that converts and could carry its files. Time-zone files are dropped (set `TZ`);
    /// a folder becomes an empty one; a file is left out.
    private func mountOutsideProject(_ source: String, mount: VolumeMount, workload: inout Workload, conversion: Conversion, path: String) {
        if Self.timeZoneFiles.contains(source) || source.hasPrefix("/usr/share/zoneinfo") {
            conversion.warn(
                "\(source) is not mounted: set the time zone with the TZ environment variable (TZ=Europe/Berlin) instead", path: path)
            return
        }
        let looksLikeFile = Paths.basename(mount.target).contains(".") || Paths.basename(source).contains(".")
        let outside = "\(source) is outside the project tree, so it is not read"
        if looksLikeFile {
            let advice = conversion.outsideAdvice(source, otherwise: "put the file in a ConfigMap by hand if the container needs it")
            conversion.warn("\(outside) (it would carry this machine's file): \(mount.target) is left out; \(advice)", path: path)
            return
        }
        let name = KubernetesName.unique("host-\(source)")
        if !workload.pod.volumes.contains(where: { $0.name == name }) {
            workload.pod.volumes.append(PodVolume(name: name, source: .emptyDir(memory: false, sizeLimit: nil)))
        }
        workload.container?.volumeMounts.append(VolumeMountSpec(name: name, mountPath: mount.target, readOnly: mount.readOnly))
        let advice = conversion.outsideAdvice(
            source, otherwise: "use --bind-mounts hostpath on a single-node cluster where the node has that folder")
        conversion.warn("\(outside): \(mount.target) is an empty folder (emptyDir) in the pod; \(advice)", path: path)
    }

    /// One object per host path, shared by every service that mounts it: named after the path
    /// relative to the project folder (`./config/app.yaml` → `config-app-yaml`), or to the
    /// repository or allowed folder holding it (`../common/app.yaml` → `common-app-yaml`).
    static func objectName(for source: String, in project: ComposeProject) -> String {
        let base = project.tree.roots.map { $0.hasSuffix("/") ? $0 : $0 + "/" }.first { source.hasPrefix($0) }
        let relative = base.map { String(source.dropFirst($0.count)) } ?? Paths.basename(source)
        return KubernetesName.unique(relative)
    }

    private func mountFile(
        _ source: String, text: String, mount: VolumeMount, service: Service, workload: inout Workload, conversion: Conversion
    ) {
        let name = Self.objectName(for: source, in: conversion.project)
        let lowered = source.lowercased()
        let isSecret = Self.secretMarkers.contains(where: lowered.containsBytes)
        let object = DataObject(
            kind: isSecret ? .secret : .configMap, metadata: conversion.metadata(name, component: name),
            data: [Paths.basename(source): text])
        conversion.add(.data(object), for: service.name)
        let items = [(key: Paths.basename(source), path: Paths.basename(source))]
        let volumeSource: PodVolume.Source =
            isSecret ? .secret(name: name, items: items, defaultMode: nil) : .configMap(name: name, items: items, defaultMode: nil)
        workload.pod.volumes.append(PodVolume(name: name, source: volumeSource))
        workload.container?.volumeMounts.append(
            VolumeMountSpec(name: name, mountPath: mount.target, subPath: Paths.basename(source), readOnly: true))
    }

    private func mountDirectory(
        _ source: String, names: [String], mount: VolumeMount, service: Service, workload: inout Workload, conversion: Conversion,
        path: String
    ) -> Bool {
        var data: [String: String] = [:]
        var total = 0
        for name in names {
            let file = source + "/" + name
            // A member linked out of the project is left out (and reported); the rest still mount.
            guard conversion.verdict(ofProjectFile: file, at: path) == .inside else { continue }
            guard case .file(let size) = conversion.files.entry(file), let text = try? conversion.files.read(file) else { return false }
            total += size
            data[name] = text
        }
        guard total <= Self.sizeLimit, !data.isEmpty else { return false }
        let name = Self.objectName(for: source, in: conversion.project)
        conversion.add(
            .data(DataObject(kind: .configMap, metadata: conversion.metadata(name, component: name), data: data)), for: service.name)
        workload.pod.volumes.append(PodVolume(name: name, source: .configMap(name: name, items: [], defaultMode: nil)))
        workload.container?.volumeMounts.append(VolumeMountSpec(name: name, mountPath: mount.target, readOnly: true))
        conversion.warn(
            "folder \(source) becomes ConfigMap \(name) (\(data.count) file\(data.count == 1 ? "" : "s")), mounted read-only: changes inside the pod are not written back",
            path: path)
        return true
    }

    /// `--bind-mounts hostpath`: the node's path, as on a single-node cluster.
    private func mountHostPath(
        _ source: String, mount: VolumeMount, service: Service, workload: inout Workload, conversion: Conversion, path: String
    ) {
        let name = KubernetesName.unique("host-\(Self.objectName(for: source, in: conversion.project))")
        let type: String? =
            switch conversion.files.entry(source) {
            case .file: "File"
            case .directory: "Directory"
            case nil: "DirectoryOrCreate"
            }
        if !workload.pod.volumes.contains(where: { $0.name == name }) {
            workload.pod.volumes.append(PodVolume(name: name, source: .hostPath(path: source, type: type)))
        }
        workload.container?.volumeMounts.append(VolumeMountSpec(name: name, mountPath: mount.target, readOnly: mount.readOnly))
        conversion.warn(
            "bind mount \(source) becomes a hostPath volume: the path is on the node (inside the kind or minikube container), not on your machine",
            path: path)
    }

    /// One claim per host path, shared (as the host folder was) by every service that mounts it,
    /// as a shared named volume is (`SharedClaim`).
    private func claim(_ mount: VolumeMount, service: Service, workload: inout Workload, conversion: Conversion, path: String, why: String)
    {
        let source = mount.source ?? mount.target
        let name = KubernetesName.unique("host-\(Self.objectName(for: source, in: conversion.project))")
        let users = conversion.bindUsers[source] ?? []
        if conversion.claim(named: name) == nil {
            var claim = ClaimObject(metadata: conversion.metadata(name, component: name), size: conversion.options.pvcSize)
            if users.count > 1 {
                claim.accessMode = SharedClaim.accessMode(conversion.options.sharedVolumes)
                conversion.warn(
                    SharedClaim.note(volume: "host folder \(mount.source ?? "")", users: users, options: conversion.options), path: path)
            }
            conversion.add(.claim(claim), for: service.name)
        }
        SharedClaim.keepTogether(name, shared: users.count > 1, service: service, workload: &workload, path: path, in: conversion)
        if !workload.pod.volumes.contains(where: { $0.name == name }) {
            workload.pod.volumes.append(PodVolume(name: name, source: .persistentVolumeClaim(name)))
        }
        workload.container?.volumeMounts.append(VolumeMountSpec(name: name, mountPath: mount.target, readOnly: mount.readOnly))
        conversion.warn(
            "bind mount \(mount.source ?? "") → \(mount.target) becomes PersistentVolumeClaim \(name) because \(why); the host data is not copied: copy it in before the service starts (compose2kube tutorial writes the steps)",
            path: path)
    }
}
