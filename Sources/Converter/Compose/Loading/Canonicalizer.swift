/// Rewrites a service's short syntax into the long syntax, as Compose does before merging files,
/// so merge rules and the decoder only ever see one form.
struct Canonicalizer {
    let sink: DiagnosticSink

    func service(_ node: RawNode, path: String) -> RawNode {
        guard let entries = node.entries else { return node }
        var result = node
        result.value = .mapping(
            entries.map { entry in
                var entry = entry
                let tag = entry.value.mergeTag
                entry.value = canonical(entry.key, entry.value, path: KeyPath.dotted(path, entry.key))
                entry.value.mergeTag = tag
                return entry
            })
        return result
    }

    private func canonical(_ key: String, _ node: RawNode, path: String) -> RawNode {
        if node.isNull { return node }
        switch key {
        case "build": return build(node, path: path)
        case "environment", "labels", "annotations": return listToMap(node, path: path)
        case "depends_on": return dependsOn(node, path: path)
        case "env_file": return envFile(node, path: path)
        case "extends": return node.scalar != nil ? .mapping([.entry("service", node)], at: node.location) : node
        case "extra_hosts": return extraHosts(node, path: path)
        case "networks": return listToNullMap(node)
        case "ports": return ports(node, path: path)
        case "volumes": return volumes(node, path: path)
        case "secrets", "configs": return fileReferences(node)
        case "tmpfs", "dns", "dns_search": return stringToList(node)
        case "deploy": return deploy(node, path: path)
        default: return node
        }
    }

    private func build(_ node: RawNode, path: String) -> RawNode {
        if node.scalar != nil { return .mapping([.entry("context", node)], at: node.location) }
        guard let args = node["args"] else { return node }
        return node.setting("args", listToMap(args, path: "\(path).args"))
    }

    private func deploy(_ node: RawNode, path: String) -> RawNode {
        guard let labels = node["labels"] else { return node }
        return node.setting("labels", listToMap(labels, path: "\(path).labels"))
    }

    /// `[KEY=VALUE, KEY]` → `{KEY: VALUE, KEY: null}`.
    func listToMap(_ node: RawNode, path: String) -> RawNode {
        guard let items = node.items else { return node }
        var entries: [RawNode.Entry] = []
        for (index, item) in items.enumerated() {
            guard let text = item.text else {
                sink.error("expected \"KEY=VALUE\", found \(item.kindName)", at: item.location, path: "\(path)[\(index)]")
                continue
            }
            let pair = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            var value: RawNode = pair.count == 2 ? .string(String(pair[1]), at: item.location) : .null(at: item.location)
            // `KEY=${VALUE}` as written: the value's part of it.
            if pair.count == 2, case .scalar(let scalar) = item.value, let written = scalar.written,
                let equals = written.firstIndex(of: "=")
            {
                value.value = .scalar(
                    RawNode.Scalar(String(pair[1]), isPlain: false, written: String(written[written.index(after: equals)...])))
            }
            entries.removeAll { $0.key == String(pair[0]) }
            entries.append(RawNode.Entry(key: String(pair[0]), keyLocation: item.location, value: value))
        }
        return .mapping(entries, at: node.location)
    }

    private func listToNullMap(_ node: RawNode) -> RawNode {
        guard let items = node.items else { return node }
        return .mapping(
            items.map { RawNode.Entry(key: $0.text ?? "", keyLocation: $0.location, value: .null(at: $0.location)) }, at: node.location)
    }

    private func stringToList(_ node: RawNode) -> RawNode {
        node.scalar != nil ? .sequence([node], at: node.location) : node
    }

    private func dependsOn(_ node: RawNode, path: String) -> RawNode {
        guard let items = node.items else { return node }
        let entries = items.map { item in
            RawNode.Entry(
                key: item.text ?? "", keyLocation: item.location,
                value: .mapping(
                    [
                        .entry("condition", .string("service_started", at: item.location)),
                        .entry("required", .plain("true", at: item.location)),
                    ], at: item.location))
        }
        return .mapping(entries, at: node.location)
    }

    private func envFile(_ node: RawNode, path: String) -> RawNode {
        let items = node.items ?? [node]
        return .sequence(
            items.map { item in
                guard item.scalar != nil else { return item }
                return .mapping([.entry("path", item), .entry("required", .plain("true", at: item.location))], at: item.location)
            }, at: node.location)
    }

    private func extraHosts(_ node: RawNode, path: String) -> RawNode {
        guard let items = node.items else { return node }
        var entries: [RawNode.Entry] = []
        for (index, item) in items.enumerated() {
            guard let text = item.text, let separator = text.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
                sink.error("expected \"HOST=IP\" or \"HOST:IP\"", at: item.location, path: "\(path)[\(index)]")
                continue
            }
            let host = String(text[..<separator])
            let address = String(text[text.index(after: separator)...])
            entries.append(RawNode.Entry(key: host, keyLocation: item.location, value: .string(address, at: item.location)))
        }
        return .mapping(entries, at: node.location)
    }

    private func ports(_ node: RawNode, path: String) -> RawNode {
        guard let items = node.items else { return node }
        var result: [RawNode] = []
        // A set: a range of 65,535 ports (`1-65535:1-65535`) is checked for repeats in one pass.
        var parsed: Set<PortSyntax.Parsed> = []
        for (index, item) in items.enumerated() {
            guard item.scalar != nil else {
                result.append(item)
                continue
            }
            do {
                let ports = try PortSyntax.parse(item.text ?? "")
                let writtenPublished = ports.count == 1 ? Self.writtenPublished(item, resolved: item.text ?? "") : nil
                for port in ports where parsed.insert(port).inserted {
                    var long = longPort(port, at: item.location)
                    if let writtenPublished { long = long.settingWritten("published", writtenPublished) }
                    result.append(long)
                }
            } catch {
                sink.error("\(error)", at: item.location, path: "\(path)[\(index)]")
            }
        }
        return .sequence(result, at: node.location)
    }

    /// The published part of a short port as written (`${WEB_PORT:-8080}` of
    /// `"${WEB_PORT:-8080}:80"`), when the written text splits at the same `:` as the value.
    static func writtenPublished(_ item: RawNode, resolved: String) -> String? {
        guard case .scalar(let scalar) = item.value, let written = scalar.written,
            let segments = try? Template.parse(written).split(separator: ":")
        else { return nil }
        let values = resolved.split(separator: ":", omittingEmptySubsequences: false)
        guard segments.count == values.count, (2...3).contains(values.count) else { return nil }
        let published = segments[segments.count - 2]
        return published.isLiteral ? nil : published.text
    }

    private func longPort(_ port: PortSyntax.Parsed, at location: SourceLocation) -> RawNode {
        var entries: [RawNode.Entry] = [.entry("target", .plain("\(port.target)", at: location))]
        if let published = port.published { entries.append(.entry("published", .string(published, at: location))) }
        if let hostIP = port.hostIP { entries.append(.entry("host_ip", .string(hostIP, at: location))) }
        entries.append(.entry("protocol", .string(port.proto, at: location)))
        return .mapping(entries, at: location)
    }

    private func volumes(_ node: RawNode, path: String) -> RawNode {
        guard let items = node.items else { return node }
        var result: [RawNode] = []
        for (index, item) in items.enumerated() {
            guard let text = item.text else {
                result.append(item)
                continue
            }
            do {
                result.append(longVolume(try VolumeSyntax.parse(text), at: item.location))
            } catch {
                sink.error("\(error)", at: item.location, path: "\(path)[\(index)]")
            }
        }
        return .sequence(result, at: node.location)
    }

    private func longVolume(_ volume: VolumeSyntax.Parsed, at location: SourceLocation) -> RawNode {
        var entries: [RawNode.Entry] = [.entry("type", .string(volume.kind.rawValue, at: location))]
        if let source = volume.source { entries.append(.entry("source", .string(source, at: location))) }
        entries.append(.entry("target", .string(volume.target, at: location)))
        if volume.readOnly { entries.append(.entry("read_only", .plain("true", at: location))) }
        switch volume.kind {
        case .bind:
            var bind: [RawNode.Entry] = [.entry("create_host_path", .plain("true", at: location))]
            if let selinux = volume.selinux { bind.append(.entry("selinux", .string(selinux, at: location))) }
            if let propagation = volume.propagation { bind.append(.entry("propagation", .string(propagation, at: location))) }
            entries.append(.entry("bind", .mapping(bind, at: location)))
        case .volume:
            // Compose keeps SELinux and propagation options under `bind` even for a named volume.
            var bind: [RawNode.Entry] = []
            if let selinux = volume.selinux { bind.append(.entry("selinux", .string(selinux, at: location))) }
            if let propagation = volume.propagation { bind.append(.entry("propagation", .string(propagation, at: location))) }
            if !bind.isEmpty { entries.append(.entry("bind", .mapping(bind, at: location))) }
            let options: [RawNode.Entry] = volume.noCopy ? [.entry("nocopy", .plain("true", at: location))] : []
            entries.append(.entry("volume", .mapping(options, at: location)))
        }
        return .mapping(entries, at: location)
    }

    private func fileReferences(_ node: RawNode) -> RawNode {
        guard let items = node.items else { return node }
        return .sequence(
            items.map { item in
                item.scalar != nil ? .mapping([.entry("source", item)], at: item.location) : item
            }, at: node.location)
    }
}
