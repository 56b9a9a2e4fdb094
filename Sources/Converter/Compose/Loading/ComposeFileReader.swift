import Foundation

/// Reads one compose file into a canonical raw tree: parsed, interpolated, short syntax made long.
struct ComposeFileReader {
    let source: FileSource
    let variables: [String: String]
    let sink: DiagnosticSink

    /// - Throws: `DiagnosticError` when the file cannot be read or is not YAML.
    func read(_ path: String) throws -> RawNode {
        guard source.exists(path) else {
            throw DiagnosticError(.error("compose file not found", at: .file(path), path: ""))
        }
        if case .directory = source.entry(path) {
            throw DiagnosticError(
                .error("is a folder, not a compose file: give the file (such as \(path)/compose.yaml)", at: .file(path), path: ""))
        }
        let text = try source.read(path, as: "compose file", at: .file(path))
        let document = try source.yamlDocument(path, text: text)
        guard let entries = document.entries else {
            throw DiagnosticError(.error("a compose file must be a mapping, found \(document.kindName)", at: document.location, path: ""))
        }
        // As Compose: a file with nothing in it, or `services:` with nothing under it, is an error.
        if entries.isEmpty { throw DiagnosticError(.error("empty compose file", at: document.location, path: "")) }
        if let services = document.entry("services"), services.value.entries == nil {
            throw DiagnosticError(
                .error("services must be a mapping, found \(services.value.kindName)", at: services.value.location, path: "services"))
        }
        // Without a `$` anywhere in the file there is nothing to interpolate.
        let interpolated = text.containsBytes("$") ? interpolate(document) : document
        return canonicalServices(interpolated)
    }

    /// Substitutes variables in every value (keys are left as written).
    func interpolate(_ node: RawNode) -> RawNode {
        var warned = Set<String>()
        return node.mapScalars { text, location, path in
            guard text.utf8.contains(UInt8(ascii: "$")) else { return text }
            let interpolator = Interpolator(
                lookup: { [variables] in variables[$0] },
                onUnset: { name in
                    if warned.insert(name).inserted {
                        sink.warning("variable \"\(name)\" is not set, using an empty string", at: location, path: path, subject: name)
                    }
                })
            do {
                return try interpolator.interpolate(text)
            } catch Interpolator.Failure.requiredVariable(let name, let message) {
                let detail = message.isEmpty ? "" : ": \(message)"
                sink.error("required variable \"\(name)\" is missing a value\(detail)", at: location, path: path)
            } catch Interpolator.Failure.invalidTemplate(let reason) {
                sink.error(
                    "invalid interpolation in \"\(text)\": \(reason); write $$ for a literal $", at: location, path: path)
            } catch {
                sink.error("invalid interpolation in \"\(text)\": \(error)", at: location, path: path)
            }
            return text
        }
    }

    /// Each service in its long syntax.
    func canonicalServices(_ document: RawNode) -> RawNode {
        guard let services = document.entry("services"), let entries = services.value.entries else { return document }
        let canonicalizer = Canonicalizer(sink: sink)
        var node = services.value
        node.value = .mapping(
            entries.map { entry in
                var entry = entry
                entry.value = canonicalizer.service(entry.value, path: "services.\(entry.key)")
                return entry
            })
        return document.setting("services", node)
    }
}
