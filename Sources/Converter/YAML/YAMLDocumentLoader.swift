import Foundation
import Yams

/// Parses YAML text into a `RawNode`: anchors expanded, merge keys (`<<`) applied, duplicate
/// keys rejected, every node located in its file.
public struct YAMLDocumentLoader {
    /// How many nodes a document may expand to; stops alias bombs ("billion laughs").
    public static let nodeLimit = 2_000_000

    let file: String
    /// Lines before this document in its file (for streams split on `---`).
    let lineOffset: Int
    private var nodeCount = 0

    public init(file: String, lineOffset: Int = 0) {
        self.file = file
        self.lineOffset = lineOffset
    }

    /// Parses `text`; an empty document gives an empty mapping.
    /// - Throws: `DiagnosticError` with the YAML error's location.
    public static func load(_ text: String, file: String, lineOffset: Int = 0) throws -> RawNode {
        var loader = YAMLDocumentLoader(file: file, lineOffset: lineOffset)
        let node: Node?
        do {
            node = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            throw DiagnosticError(yamlDiagnostic(error, file: file, lineOffset: lineOffset))
        }
        guard let node else {
            return .mapping([], at: SourceLocation(file: file, line: 1 + lineOffset, column: 1))
        }
        return try loader.convert(node, path: "")
    }

    mutating func convert(_ node: Node, path: String) throws -> RawNode {
        nodeCount += 1
        if nodeCount > Self.nodeLimit {
            throw DiagnosticError(
                .error(
                    "document expands to more than \(Self.nodeLimit) nodes (recursive or exponential aliases)",
                    at: location(node.mark), path: path))
        }
        let tag = RawNode.MergeTag(rawValue: node.tag.rawValue)
        switch node {
        case .scalar(let scalar):
            let isPlain = scalar.style == .plain || scalar.style == .any
            return RawNode(.scalar(.init(scalar.string, isPlain: isPlain)), at: location(scalar.mark), mergeTag: tag)
        case .sequence(let sequence):
            var items: [RawNode] = []
            for (index, item) in sequence.enumerated() {
                items.append(try convert(item, path: "\(path)[\(index)]"))
            }
            return RawNode(.sequence(items), at: location(sequence.mark), mergeTag: tag)
        case .mapping(let mapping):
            let entries = try convertMapping(mapping, path: path)
            return RawNode(.mapping(entries), at: location(mapping.mark), mergeTag: tag)
        case .alias(let alias):
            throw DiagnosticError(.error("unresolved alias *\(alias.anchor)", at: location(alias.mark), path: path))
        }
    }

    private mutating func convertMapping(_ mapping: Node.Mapping, path: String) throws -> [RawNode.Entry] {
        var explicit: [RawNode.Entry] = []
        var merged: [RawNode.Entry] = []
        for (keyNode, valueNode) in mapping {
            let key = keyNode.scalar?.string ?? ""
            if keyNode.scalar?.style == .plain, key == "<<" {
                merged.append(contentsOf: try mergeSources(valueNode, path: path))
                continue
            }
            guard keyNode.scalar != nil else {
                throw DiagnosticError(.error("mapping keys must be scalars", at: location(keyNode.mark), path: path))
            }
            let childPath = path.isEmpty ? key : "\(path).\(key)"
            if let previous = explicit.first(where: { $0.key == key }) {
                throw DiagnosticError(
                    .error(
                        "mapping key \"\(key)\" already defined at line \(previous.keyLocation.line)",
                        at: location(keyNode.mark), path: childPath))
            }
            let value = try convert(valueNode, path: childPath)
            explicit.append(.init(key: key, keyLocation: location(keyNode.mark), value: value))
        }
        let overridden = Set(explicit.map(\.key))
        var seen = Set<String>()
        let inherited = merged.filter { !overridden.contains($0.key) && seen.insert($0.key).inserted }
        return inherited + explicit
    }

    /// The entries a `<<` key brings in; with a list, earlier mappings win over later ones.
    private mutating func mergeSources(_ node: Node, path: String) throws -> [RawNode.Entry] {
        switch node {
        case .mapping:
            return try convert(node, path: path).entries ?? []
        case .sequence(let sequence):
            var result: [RawNode.Entry] = []
            for item in sequence {
                guard case .mapping = item else {
                    throw DiagnosticError(
                        .error(
                            "merge key `<<` takes a mapping or a list of mappings",
                            at: location(item.mark), path: path))
                }
                result.append(contentsOf: try convert(item, path: path).entries ?? [])
            }
            return result
        default:
            throw DiagnosticError(
                .error(
                    "merge key `<<` takes a mapping or a list of mappings",
                    at: location(node.mark), path: path))
        }
    }

    private func location(_ mark: Mark?) -> SourceLocation {
        SourceLocation(file: file, line: (mark?.line ?? 0) + lineOffset, column: mark?.column ?? 0)
    }

    static func yamlDiagnostic(_ error: YamlError, file: String, lineOffset: Int = 0) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: file, line: mark.line + lineOffset, column: mark.column) }
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = context.map { "\($0.text) " } ?? ""
            return .error("invalid YAML: \(detail)\(problem)", at: at(mark), path: "")
        case .reader(let problem, let offset, _, _):
            return .error("invalid YAML: \(problem)\(offset.map { " at byte \($0)" } ?? "")", at: .file(file), path: "")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .error("invalid YAML: duplicate keys \(duplicates.joined(separator: ", "))", at: at(context.mark), path: "")
        default:
            return .error("invalid YAML: \(error)", at: .file(file), path: "")
        }
    }
}
