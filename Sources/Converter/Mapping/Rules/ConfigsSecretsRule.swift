/// Top-level `configs` and `secrets` → a ConfigMap or a Secret each (from the file, inline
/// `content`, or external → referenced only), mounted where the service asks: by default
/// `/<name>` for configs and `/run/secrets/<name>` for secrets; `mode` → `defaultMode`.
struct ConfigsSecretsRule: ServiceRule {
    static let keys = KeyOwnership(
        owns: [
            "services.*.configs[].source", "services.*.configs[].target", "services.*.configs[].mode", "services.*.secrets[].source",
            "services.*.secrets[].target", "services.*.secrets[].mode", "secrets.*", "configs.*", "secrets.*.name", "secrets.*.file",
            "secrets.*.environment", "secrets.*.content", "secrets.*.external", "configs.*.name", "configs.*.file", "configs.*.environment",
            "configs.*.content", "configs.*.external",
        ],
        ignores: [
            "configs.*.driver":
                "is not converted: the object carries the project's labels and Kubernetes' own storage",
            "configs.*.driver_opts":
                "is not converted: the object carries the project's labels and Kubernetes' own storage",
            "configs.*.labels.*":
                "is not converted: the object carries the project's labels and Kubernetes' own storage",
            "configs.*.template_driver":
                "is not converted: the object carries the project's labels and Kubernetes' own storage",
            "secrets.*.driver":
                "is not converted: the object carries the project's labels and Kubernetes' own storage",
            "secrets.*.driver_opts":
                "is not converted: the object carries the project's labels and Kubernetes' own storage",
            "secrets.*.labels.*":
                "is not converted: the object carries the project's labels and Kubernetes' own storage",
            "secrets.*.template_driver":
                "is not converted: the object carries the project's labels and Kubernetes' own storage",
            "services.*.configs[].gid":
                "is not converted: Kubernetes mounts files with the pod's fsGroup; set securityContext.fsGroup",
            "services.*.configs[].uid":
                "is not converted: Kubernetes mounts files with the pod's fsGroup; set securityContext.fsGroup",
            "services.*.secrets[].gid":
                "is not converted: Kubernetes mounts files with the pod's fsGroup; set securityContext.fsGroup",
            "services.*.secrets[].uid":
                "is not converted: Kubernetes mounts files with the pod's fsGroup; set securityContext.fsGroup",
        ])

    func apply(to service: Service, workload: inout Workload, in conversion: Conversion) {
        for (index, reference) in service.configs.enumerated() {
            mount(
                reference, kind: .configMap, path: service.path("configs[\(index)]"), service: service, workload: &workload,
                conversion: conversion)
        }
        for (index, reference) in service.secrets.enumerated() {
            mount(
                reference, kind: .secret, path: service.path("secrets[\(index)]"), service: service, workload: &workload,
                conversion: conversion)
        }
        conversion.consume("configs", of: service)
        conversion.consume("secrets", of: service)
    }

    private func mount(
        _ reference: FileReference, kind: DataObject.Kind, path: String, service: Service, workload: inout Workload, conversion: Conversion
    ) {
        let section = kind == .secret ? "secrets" : "configs"
        guard let object = (kind == .secret ? conversion.project.secrets : conversion.project.configs)[reference.source] else { return }
        let name = KubernetesName.dns1123(object.source == .external ? object.name : reference.source)
        let key = reference.source
        if object.source != .external, conversion.data(kind, named: name) == nil {
            let (text, fromShell) = contents(
                of: object, named: reference.source, kind: kind, path: "\(section).\(reference.source)", conversion: conversion)
            var data = DataObject(kind: kind, metadata: conversion.metadata(name, component: name), data: [key: text])
            if fromShell { data.shellKeys = [key] }
            conversion.add(.data(data))
            conversion.consume("\(section).\(reference.source)")
        } else if object.source == .external {
            conversion.expectExisting(kind: kind.rawValue, name: name)
            conversion.consume("\(section).\(reference.source)")
            conversion.warn(
                "external \(kind == .secret ? "secret" : "config") \(reference.source) is referenced as \(kind.rawValue) \(name), which must already exist with key \(key)",
                path: path)
        }
        let target =
            reference.target.map { $0.hasPrefix("/") ? $0 : (kind == .secret ? "/run/secrets/\($0)" : "/\($0)") } ?? "/\(reference.source)"
        let volumeName = KubernetesName.dns1123("\(kind == .secret ? "secret" : "config")-\(reference.source)")
        let items = [(key: key, path: key)]
        let source: PodVolume.Source =
            kind == .secret
            ? .secret(name: name, items: items, defaultMode: reference.mode)
            : .configMap(name: name, items: items, defaultMode: reference.mode)
        if !workload.pod.volumes.contains(where: { $0.name == volumeName }) {
            workload.pod.volumes.append(PodVolume(name: volumeName, source: source))
        }
        workload.container?.volumeMounts.append(VolumeMountSpec(name: volumeName, mountPath: target, subPath: key, readOnly: true))
        if reference.uid != nil || reference.gid != nil {
            conversion.warn("uid/gid of a mounted \(section.dropLast()) are not converted: use the pod's fsGroup", path: path)
        }
        conversion.report[service.name, default: []].append(
            "\(kind.rawValue)/\(name)\(object.source == .external ? " (external, not generated)" : "")")
    }

    /// The object's text, and whether it came from the converting shell's environment (which
    /// a chart asks for instead of writing it down).
    private func contents(
        of object: FileObject, named key: String, kind: DataObject.Kind, path: String, conversion: Conversion
    ) -> (String, Bool) {
        switch object.source {
        case .content(let text): return (text, false)
        case .file(let file):
            switch conversion.verdict(ofProjectFile: file, at: path) {
            case .inside:
                if let text = try? conversion.files.read(file) { return (text, false) }
                conversion.warn("\(file) cannot be read here, so the generated object is empty: fill it in before applying", path: path)
            case .outside:
                conversion.warn(
                    "\(file) is outside the project tree, so it is not read (the output would carry this machine's file): "
                        + "the generated object is empty; \(conversion.outsideAdvice(file, otherwise: "fill it in before applying"))",
                    path: path)
            case .linkedOutside: break
            }
        case .environment(let variable):
            // The project's variables (`.env`, the process environment winning), as Compose
            // reads them; unset, `docker compose up` fails ("environment variable … required by
            // secret … is not set"), and so does the conversion.
            guard let value = conversion.project.variables[variable] else {
                conversion.fail(
                    "environment variable \(variable) required by \(kind == .secret ? "secret" : "config") \(key) is not set: "
                        + "set it in .env or the environment (docker compose up needs it too)", path: path)
                return ("", false)
            }
            return (value, conversion.project.shellVariables.contains(variable))
        case .external: break
        }
        return ("", false)
    }
}
