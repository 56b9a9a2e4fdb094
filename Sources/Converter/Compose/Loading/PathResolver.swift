/// Makes the relative paths of a compose file absolute against the folder they are relative to:
/// build contexts, bind sources, env files, `extends.file`, secret and config files.
struct PathResolver {
    let base: String
    let home: String?

    func resolve(_ path: String) -> String {
        Paths.resolve(path, against: base, home: home)
    }

    func document(_ node: RawNode) -> RawNode {
        var result = node
        if let services = node["services"], let entries = services.entries {
            let resolved = entries.map { entry in
                var entry = entry
                entry.value = service(entry.value)
                return entry
            }
            result = result.setting("services", .mapping(resolved, at: services.location))
        }
        for key in ["secrets", "configs"] {
            guard let objects = node[key], let entries = objects.entries else { continue }
            result = result.setting(
                key,
                .mapping(
                    entries.map { entry in
                        var entry = entry
                        if let file = entry.value["file"]?.text {
                            entry.value = entry.value.setting("file", .string(resolve(file), at: entry.value.location))
                        }
                        return entry
                    }, at: objects.location))
        }
        return result
    }

    func service(_ node: RawNode) -> RawNode {
        var result = node
        if let build = node["build"], let context = build["context"]?.text, !Paths.isRemote(context) {
            result = result.setting("build", build.setting("context", .string(resolve(context), at: build.location)))
        } else if let build = node["build"], build.entries != nil, build["context"] == nil {
            result = result.setting("build", build.setting("context", .string(base, at: build.location)))
        }
        if let volumesNode = node["volumes"], let volumes = volumesNode.items {
            result = result.setting("volumes", .sequence(volumes.map(mount), at: volumesNode.location))
        }
        if let filesNode = node["env_file"], let files = filesNode.items {
            result = result.setting(
                "env_file",
                .sequence(
                    files.map { file in
                        guard let path = file["path"]?.text else { return file }
                        return file.setting("path", .string(resolve(path), at: file.location))
                    }, at: filesNode.location))
        }
        if let extends = node["extends"], let file = extends["file"]?.text {
            result = result.setting("extends", extends.setting("file", .string(resolve(file), at: extends.location)))
        }
        return result
    }

    private func mount(_ node: RawNode) -> RawNode {
        guard node["type"]?.text == "bind", let source = node["source"], let path = source.text else { return node }
        return node.setting("source", .string(resolve(path), at: source.location))
    }
}
