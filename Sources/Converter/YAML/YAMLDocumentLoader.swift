import Yams

/// Parses YAML text into `RawNode`s through Yams' public API (`Parser`, `Node` with its marks):
/// anchors expanded, merge keys (`<<`) applied as Compose applies them, duplicate keys rejected,
/// every node located in its file.
///
/// Yams gives the tree, its marks, its tags (`!reset`, `!override`) and libyaml's limit of 1,000
/// nesting levels. What it does not give is done here: merge keys (Yams leaves `<<` a key), the
/// limit on how far aliases expand ("billion laughs"), and the location of a duplicate key.
package struct YAMLDocumentLoader {
    /// How many nodes a document may expand to; stops alias bombs ("billion laughs").
    package static let nodeLimit = 2_000_000
    /// How deep collections may nest, aliases expanded; deeper input would exhaust the stack.
    /// libyaml refuses more as it parses; an alias of a deep value inside another can go further.
    package static let depthLimit = 1_000

    private let file: String
    /// Lines before this text in its file (a document of a stream).
    private let lineOffset: Int
    private var nodeCount = 0
    private var depth = 0
    /// The keys and list indices down to the node being built, made into a key path
    /// (`services.api.ports[0]`) only for an error.
    private var pathParts: [PathPart] = []
    /// Each anchored node, made once, with the nodes it counts and how deep it nests: an alias
    /// of it is that node again.
    private var anchored: [ObjectIdentifier: (node: RawNode, size: Int, depth: Int)] = [:]

    private init(file: String, lineOffset: Int) {
        self.file = file
        self.lineOffset = lineOffset
    }

    /// Parses `text`, a single document; an empty one gives an empty mapping.
    /// - Throws: `DiagnosticError` with the YAML error's location.
    package static func load(_ text: String, file: String, lineOffset: Int = 0) throws -> RawNode {
        let located = YAMLErrors(text: text, file: file, lineOffset: lineOffset)
        do {
            // `Resolver.basic` gives every scalar the string tag: the decoder reads types as
            // Compose does, and Yams finds duplicate keys by their text alone, as go-yaml does.
            let parser = try Parser(yaml: text, resolver: .basic)
            guard let root = try parser.singleRoot() else {
                return .mapping([], at: SourceLocation(file: file, line: 1 + lineOffset, column: 1))
            }
            // The nodes hold their anchors weakly: the parser keeps them while the tree is made.
            return try withExtendedLifetime(parser) {
                var loader = YAMLDocumentLoader(file: file, lineOffset: lineOffset)
                return try loader.node(root)
            }
        } catch let error as YamlError {
            throw DiagnosticError(located.diagnostic(error))
        }
    }

    /// Every document of a stream (`---` between them), documents holding nothing left out.
    package static func loadAll(_ text: String, file: String) throws -> [RawNode] {
        let located = YAMLErrors(text: text, file: file, lineOffset: 0)
        do {
            let parser = try Parser(yaml: text, resolver: .basic)
            var documents: [RawNode] = []
            while let root = try parser.nextRoot() {
                var loader = YAMLDocumentLoader(file: file, lineOffset: 0)
                let document = try withExtendedLifetime(parser) { try loader.node(root) }
                if document.scalar.map({ $0.isPlain && $0.text.isEmpty }) != true { documents.append(document) }
            }
            return documents
        } catch let error as YamlError {
            throw DiagnosticError(located.diagnostic(error))
        }
    }

    private mutating func node(_ node: Node) throws -> RawNode {
        if let anchor = node.anchor, let made = anchored[ObjectIdentifier(anchor)] {
            try count(made.size, at: node)
            try reach(depth + made.depth, at: node)
            return made.node
        }
        let countBefore = nodeCount
        let depthBefore = depth
        let deepestBefore = deepest
        deepest = depth
        try count(1, at: node)
        let made: RawNode
        switch node {
        case .scalar(let scalar):
            made = RawNode(
                .scalar(.init(scalar.string, isPlain: scalar.style.isPlain)), at: location(scalar.mark),
                mergeTag: RawNode.MergeTag(rawValue: scalar.tag.rawValue))
        case .sequence(let sequence):
            try reach(depth + 1, at: node)
            depth += 1
            var items: [RawNode] = []
            for item in sequence {
                pathParts.append(.index(items.count))
                items.append(try self.node(item))
                pathParts.removeLast()
            }
            depth -= 1
            made = RawNode(.sequence(items), at: location(sequence.mark), mergeTag: RawNode.MergeTag(rawValue: sequence.tag.rawValue))
        case .mapping(let mapping):
            try reach(depth + 1, at: node)
            depth += 1
            let entries = try entries(of: mapping)
            depth -= 1
            made = RawNode(.mapping(entries), at: location(mapping.mark), mergeTag: RawNode.MergeTag(rawValue: mapping.tag.rawValue))
        case .alias(let alias):
            // The parser gives an alias as the node it names; this case is only made by hand.
            throw DiagnosticError(.error("invalid YAML: found undefined alias", at: location(alias.mark), path: path))
        }
        if let anchor = node.anchor { anchored[ObjectIdentifier(anchor)] = (made, nodeCount - countBefore, deepest - depthBefore) }
        deepest = max(deepest, deepestBefore)
        return made
    }

    /// The deepest level reached within the node being made.
    private var deepest = 0

    /// Counts `nodes` more toward the limit.
    private mutating func count(_ nodes: Int, at node: Node) throws {
        nodeCount += nodes
        if nodeCount > Self.nodeLimit {
            throw DiagnosticError(
                .error(
                    "document expands to more than \(Self.nodeLimit) nodes (recursive or exponential aliases)",
                    at: location(node.mark), path: path))
        }
    }

    /// Notes that collections nest `level` deep at `node`.
    private mutating func reach(_ level: Int, at node: Node) throws {
        if level > Self.depthLimit {
            throw DiagnosticError(
                .error("invalid YAML: collections nest deeper than \(Self.depthLimit) levels", at: location(node.mark), path: path))
        }
        deepest = max(deepest, level)
    }

    /// Explicit keys win over merged ones (`<<`); with a list of merged mappings, earlier win.
    private mutating func entries(of mapping: Node.Mapping) throws -> [RawNode.Entry] {
        var explicit: [RawNode.Entry] = []
        var lines: [String: Int] = [:]
        var merged: [RawNode.Entry] = []
        for (keyNode, valueNode) in mapping {
            guard case .scalar(let key) = keyNode else {
                throw DiagnosticError(.error("mapping keys must be scalars", at: location(keyNode.mark), path: path))
            }
            let keyLocation = location(key.mark)
            // Yams refuses a key written twice with one tag; this finds one written with two.
            if let first = lines.updateValue(keyLocation.line, forKey: key.string) {
                pathParts.append(.key(key.string))
                throw DiagnosticError(YAMLErrors.duplicateKey(key.string, first: first, at: keyLocation, path: path))
            }
            if key.string == "<<", key.style.isPlain {
                merged += try mergeSources(try node(valueNode))
                continue
            }
            pathParts.append(.key(key.string))
            explicit.append(.init(key: key.string, keyLocation: keyLocation, value: try node(valueNode)))
            pathParts.removeLast()
        }
        guard !merged.isEmpty else { return explicit }
        var seen = Set(explicit.map(\.key))
        return merged.filter { seen.insert($0.key).inserted } + explicit
    }

    /// The entries a `<<` key brings in; with a list, earlier mappings win over later ones.
    private func mergeSources(_ node: RawNode) throws -> [RawNode.Entry] {
        let sources = node.items ?? [node]
        return try sources.flatMap { source in
            guard let entries = source.entries else {
                throw DiagnosticError(.error("merge key `<<` takes a mapping or a list of mappings", at: source.location, path: path))
            }
            return entries
        }
    }

    private enum PathPart {
        case key(String)
        case index(Int)
    }

    /// The key path of the node being built (`services.api.ports[0]`).
    private var path: String {
        pathParts.reduce(into: "") { path, part in
            switch part {
            case .key(let key): path = KeyPath.child(path, key: key)
            case .index(let index): path = KeyPath.item(path, index: index)
            }
        }
    }

    private func location(_ mark: Mark?) -> SourceLocation {
        SourceLocation(file: file, line: (mark?.line ?? 1) + lineOffset, column: mark?.column ?? 1)
    }
}

extension Node.Scalar.Style {
    /// Written unquoted, which decides a scalar's type and whether `<<` merges.
    fileprivate var isPlain: Bool { self == .plain || self == .any }
}

extension Node {
    /// The anchor a node was written with (`&name`), while its parser lives.
    fileprivate var anchor: Anchor? {
        switch self {
        case .scalar(let scalar): scalar.anchor
        case .mapping(let mapping): mapping.anchor
        case .sequence(let sequence): sequence.anchor
        case .alias: nil
        }
    }
}
