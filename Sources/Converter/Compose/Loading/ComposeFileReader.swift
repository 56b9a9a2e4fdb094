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
        let text: String
        do {
            text = try source.read(path)
        } catch let error as DiagnosticError {
            throw error
        } catch {
            throw DiagnosticError(.error("cannot read compose file: \(FileErrorText.reason(error))", at: .file(path), path: ""))
        }
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
        let warned = WarnedNames()
        return node.mapScalars { text, location, path in
            guard text.utf8.contains(UInt8(ascii: "$")) else { return text }
            let interpolator = Interpolator(
                lookup: { [variables] in variables[$0] },
                onUnset: { name in
                    if warned.insert(name) {
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

    /// Services are rewritten on every core, each slice reporting to a sink of its own, joined in
    /// order (the sink sorts by location, then by the order reported, so the output is the same).
    func canonicalServices(_ document: RawNode) -> RawNode {
        guard let services = document.entry("services"), let entries = services.value.entries else { return document }
        let slices = Parallel.chunkedMap(entries) { slice in
            let canonicalizer = Canonicalizer(sink: DiagnosticSink())
            let rewritten = slice.map { entry in
                var entry = entry
                entry.value = canonicalizer.service(entry.value, path: "services.\(entry.key)")
                return entry
            }
            return (rewritten, canonicalizer.sink)
        }
        for (_, sliceSink) in slices { sink.report(contentsOf: sliceSink) }
        var node = services.value
        node.value = .mapping(slices.flatMap(\.0))
        return document.setting("services", node)
    }
}

/// Remembers which unset variables were already reported, so each is reported once.
final class WarnedNames: @unchecked Sendable {
    private var names = Set<String>()
    func insert(_ name: String) -> Bool { names.insert(name).inserted }
}
