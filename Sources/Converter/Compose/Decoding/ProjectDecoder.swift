/// Builds the typed `ComposeProject` from the merged, canonical raw tree.
struct ProjectDecoder {
    static let topLevelKeys = ComposeKeys.project.fieldNames
    let sink: DiagnosticSink

    func decode(_ document: RawNode, name: String, workingDirectory: String) -> ComposeProject {
        let context = DecodingContext(sink: sink)
        var project = ComposeProject(name: name, workingDirectory: workingDirectory)
        guard let root = NodeReader(document, path: "", context: context) else { return project }
        reportTopLevel(root)
        _ = root.value("name")
        if let version = root.node.entry("version") {
            sink.warning("the attribute \"version\" is obsolete and ignored", at: version.keyLocation, path: "version")
        }
        if let services = root.child("services") {
            let location = services.node.location
            let entries = services.recordedEntries().sorted { $0.key < $1.key }
            let decoder = ServiceDecoder(context: context)
            project.services = entries.compactMap { key, value in
                decoder.decode(name: key, value ?? .null(at: location), path: "services.\(key)")
            }
        }
        project.networks = objects(root, "networks") { key, reader in network(key, reader, project: name) }
        project.volumes = objects(root, "volumes") { key, reader in volume(key, reader, project: name) }
        project.secrets = objects(root, "secrets") { key, reader in fileObject(key, reader, project: name, what: "secret") }
        project.configs = objects(root, "configs") { key, reader in fileObject(key, reader, project: name, what: "config") }
        project.extensions = root.extensions()
        project.locations = context.locations
        project.written = context.written
        return project
    }

    private func reportTopLevel(_ root: NodeReader) {
        for key in root.keys where !Self.topLevelKeys.contains(key) && !key.hasPrefix("x-") {
            let looksLikeService = root.node[key]?["image"] != nil || root.node[key]?["build"] != nil
            let hint =
                looksLikeService
                ? ": this looks like a Compose file format v1 service; move it under \"services:\""
                : Suggestion.closest(to: key, in: Self.topLevelKeys).map { ", did you mean \"\($0)\"?" } ?? ""
            sink.error("unknown top-level key \"\(key)\"\(hint)", at: root.node.entry(key)?.keyLocation, path: key)
        }
    }

    private func objects<T>(_ root: NodeReader, _ key: String, _ make: (String, NodeReader?) -> T) -> [String: T] {
        guard let section = root.child(key) else { return [:] }
        var result: [String: T] = [:]
        for (name, value) in section.recordedEntries() {
            result[name] = make(name, NodeReader(value, path: section.childPath(name), context: section.context))
        }
        return result
    }

    private func external(_ reader: NodeReader?) -> (Bool, String?) {
        guard let value = reader?.value("external") else { return (false, nil) }
        if let bool = value.bool { return (bool, nil) }
        if let name = value["name"]?.text {
            sink.warning(
                "external.name is deprecated: set name and external: true", at: value.location, path: "\(reader?.path ?? "").external.name")
            return (true, name)
        }
        return (false, nil)
    }

    private func network(_ key: String, _ reader: NodeReader?, project: String) -> Network {
        reader?.reportUnknownKeys(known: ComposeKeys.network.fieldNames, what: "network")
        let (isExternal, externalName) = external(reader)
        let explicit = reader?.string("name") ?? externalName
        var network = Network(name: explicit ?? (isExternal ? key : "\(project)_\(key)"))
        network.driver = reader?.string("driver")
        network.external = isExternal
        network.internal = reader?.bool("internal") ?? false
        for option in ["driver_opts", "ipam", "attachable", "labels", "enable_ipv4", "enable_ipv6"] {
            if let value = reader?.json(option) { network.options[option] = value }
        }
        return network
    }

    private func volume(_ key: String, _ reader: NodeReader?, project: String) -> Volume {
        reader?.reportUnknownKeys(known: ComposeKeys.volume.fieldNames, what: "volume")
        let (isExternal, externalName) = external(reader)
        let explicit = reader?.string("name") ?? externalName
        var volume = Volume(name: explicit ?? (isExternal ? key : "\(project)_\(key)"))
        volume.driver = reader?.string("driver")
        volume.external = isExternal
        volume.labels = reader?.labels("labels") ?? [:]
        if let options = reader?.json("driver_opts") { volume.options["driver_opts"] = options }
        return volume
    }

    private func fileObject(_ key: String, _ reader: NodeReader?, project: String, what: String) -> FileObject {
        reader?.reportUnknownKeys(known: ComposeKeys.fileObject.fieldNames, what: what)
        let (isExternal, externalName) = external(reader)
        let explicit = reader?.string("name") ?? externalName
        let source: FileObject.Source
        if isExternal {
            source = .external
        } else if let file = reader?.string("file") {
            source = .file(file)
        } else if let variable = reader?.string("environment") {
            source = .environment(variable)
        } else if let content = reader?.string("content") {
            if what == "secret" {
                // As compose-go's schema: `content` is for configs only.
                sink.error(
                    "secrets.\(key) additional properties 'content' not allowed: a secret comes from a file, an environment variable "
                        + "or is external (inline content is for configs)", at: reader?.value("content")?.location, path: "secrets.\(key).content")
            }
            source = .content(content)
        } else {
            sink.error(
                "\(what) \"\(key)\" needs one of file, environment\(what == "config" ? ", content" : "") or external", at: reader?.node.location,
                path: "\(what)s.\(key)"
            )
            source = .external
        }
        var object = FileObject(name: explicit ?? (isExternal ? key : "\(project)_\(key)"), source: source)
        for option in ["labels", "driver", "driver_opts", "template_driver"] {
            if let value = reader?.json(option) { object.options[option] = value }
        }
        return object
    }
}
