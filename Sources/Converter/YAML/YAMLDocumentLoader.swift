import CYaml

/// Parses YAML text into a `RawNode`: anchors expanded, merge keys (`<<`) applied, duplicate
/// keys rejected, every node located in its file.
///
/// It drives libyaml's event parser (the C library Yams vendors) and builds `RawNode`s from
/// the events directly: no intermediate node tree, no tag resolution the reader never uses.
package struct YAMLDocumentLoader {
    /// How many nodes a document may expand to; stops alias bombs ("billion laughs").
    package static let nodeLimit = 2_000_000
    /// How deep collections may nest; deeper input would exhaust the stack.
    package static let depthLimit = 1_000

    let file: String
    /// `file` as `FileNames` numbers it, for the location of every node.
    private let fileNumber: Int32
    /// Lines before this document in its file (for streams split on `---`, and the pieces of a
    /// split file).
    let lineOffset: Int
    private var events: YAMLEvents
    private var nodeCount = 0
    private var depth = 0
    /// The keys and list indices down to the node being built, made into a key path
    /// (`services.api.ports[0]`) only for an error: most documents never need it.
    private var pathParts: [PathPart] = []
    /// Anchored nodes with the number of nodes each stands for, so aliases count toward the limit.
    private var anchors: [String: (node: RawNode, size: Int)] = [:]

    /// Files this large (in bytes) are parsed in pieces on every core (`ServicesSplit`).
    static let splitSize = 256 << 10

    private init(events: YAMLEvents, file: String, lineOffset: Int) {
        self.events = events
        self.file = file
        fileNumber = FileNames.number(of: file)
        self.lineOffset = lineOffset
    }

    /// Parses `text`; an empty document gives an empty mapping.
    /// - Throws: `DiagnosticError` with the YAML error's location.
    /// - Parameter split: whether to try parsing the services in pieces on every core
    ///   (`ServicesSplit`); by default, for a text of `splitSize` bytes or more.
    package static func load(_ text: String, file: String, lineOffset: Int = 0, split: Bool? = nil) throws -> RawNode {
        // libyaml needs a buffer to point at; an empty text is an empty stream.
        var text = text.isEmpty ? "\n" : text
        return try text.withUTF8 { bytes in
            if split ?? (bytes.count >= splitSize), let node = ServicesSplit(bytes)?.load(file: file, lineOffset: lineOffset) {
                return node
            }
            return try parse(bytes, file: file, lineOffset: lineOffset).node
        }
    }

    /// The document `bytes` (not empty) holds, and how many nodes it has; parsed as the value at
    /// `path` (keys), `depth` collections down, for a piece of a larger document.
    static func parse(
        _ bytes: UnsafeBufferPointer<UInt8>, file: String, lineOffset: Int, path: [String] = [], depth: Int = 0
    ) throws -> (node: RawNode, nodes: Int) {
        var loader = YAMLDocumentLoader(events: YAMLEvents(bytes), file: file, lineOffset: lineOffset)
        loader.pathParts = path.map(PathPart.key)
        loader.depth = depth
        return (try loader.document(), loader.nodeCount)
    }

    /// The stream's single document.
    private mutating func document() throws -> RawNode {
        _ = try next(expecting: YAML_STREAM_START_EVENT)
        let start = try nextEvent()
        if start.type == YAML_STREAM_END_EVENT {
            return .mapping([], at: SourceLocation(file: file, line: 1 + lineOffset, column: 1))
        }
        let root = try node(from: try nextEvent())
        _ = try next(expecting: YAML_DOCUMENT_END_EVENT)
        let end = try nextEvent()
        if end.type != YAML_STREAM_END_EVENT {
            throw DiagnosticError(
                .error(
                    "invalid YAML: expected a single document in the stream but found another document",
                    at: location(end.start), path: ""))
        }
        return root
    }

    /// The node that starts with `event`, at `path`.
    private mutating func node(from event: YAMLEvents.Event) throws -> RawNode {
        let countBefore = nodeCount
        try count(1, at: event)
        let node: RawNode
        switch event.type {
        case YAML_ALIAS_EVENT:
            guard let anchored = anchors[event.anchor ?? ""] else {
                throw DiagnosticError(.error("invalid YAML: found undefined alias", at: location(event.start), path: path))
            }
            try count(anchored.size - 1, at: event)
            return anchored.node
        case YAML_SCALAR_EVENT:
            node = RawNode(.scalar(.init(event.text, isPlain: event.isPlain)), at: location(event.start), mergeTag: event.mergeTag)
        case YAML_SEQUENCE_START_EVENT:
            node = try nested(at: event) { loader in
                RawNode(.sequence(try loader.sequenceItems()), at: loader.location(event.start), mergeTag: event.mergeTag)
            }
        case YAML_MAPPING_START_EVENT:
            node = try nested(at: event) { loader in
                RawNode(.mapping(try loader.mappingEntries()), at: loader.location(event.start), mergeTag: event.mergeTag)
            }
        default:
            throw DiagnosticError(.error("invalid YAML: unexpected event", at: location(event.start), path: path))
        }
        if let anchor = event.anchor { anchors[anchor] = (node, nodeCount - countBefore) }
        return node
    }

    private mutating func nested(at event: YAMLEvents.Event, _ build: (inout Self) throws -> RawNode) throws -> RawNode {
        depth += 1
        defer { depth -= 1 }
        if depth > Self.depthLimit {
            throw DiagnosticError(
                .error("invalid YAML: collections nest deeper than \(Self.depthLimit) levels", at: location(event.start), path: path))
        }
        return try build(&self)
    }

    private mutating func count(_ nodes: Int, at event: YAMLEvents.Event) throws {
        nodeCount += nodes
        if nodeCount > Self.nodeLimit {
            throw DiagnosticError(
                .error(
                    "document expands to more than \(Self.nodeLimit) nodes (recursive or exponential aliases)",
                    at: location(event.start), path: path))
        }
    }

    private mutating func sequenceItems() throws -> [RawNode] {
        var items: [RawNode] = []
        while true {
            let event = try nextEvent()
            if event.type == YAML_SEQUENCE_END_EVENT { return items }
            pathParts.append(.index(items.count))
            items.append(try node(from: event))
            pathParts.removeLast()
        }
    }

    /// Explicit keys win over merged ones (`<<`); with a list of merged mappings, earlier win.
    private mutating func mappingEntries() throws -> [RawNode.Entry] {
        var explicit: [RawNode.Entry] = []
        var keys = KeyLines()
        var merged: [RawNode.Entry] = []
        while true {
            let keyEvent = try nextEvent()
            if keyEvent.type == YAML_MAPPING_END_EVENT { break }
            let (key, keyIsPlain) = try mappingKey(keyEvent)
            let keyLocation = location(keyEvent.start)
            let isMerge = keyIsPlain && key == "<<"
            if let previous = keys.insert(key, line: keyLocation.line, entries: explicit, isMerge: isMerge) {
                pathParts.append(.key(key))
                throw DiagnosticError(
                    .error("invalid YAML: duplicate key \"\(key)\" (first at line \(previous))", at: keyLocation, path: path))
            }
            let valueEvent = try nextEvent()
            if isMerge {
                merged.append(contentsOf: try mergeSources(try node(from: valueEvent)))
                continue
            }
            pathParts.append(.key(key))
            let value = try node(from: valueEvent)
            pathParts.removeLast()
            explicit.append(.init(key: key, keyLocation: keyLocation, value: value))
        }
        guard !merged.isEmpty else { return explicit }
        var seen = Set(explicit.map(\.key))
        return merged.filter { seen.insert($0.key).inserted } + explicit
    }

    /// A key's text and whether it was written plain: a scalar, or an alias of one.
    private func mappingKey(_ event: YAMLEvents.Event) throws -> (String, Bool) {
        if event.type == YAML_SCALAR_EVENT { return (event.text, event.isPlain) }
        if event.type == YAML_ALIAS_EVENT, let scalar = anchors[event.anchor ?? ""]?.node.scalar { return (scalar.text, scalar.isPlain) }
        throw DiagnosticError(.error("mapping keys must be scalars", at: location(event.start), path: path))
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

    /// The keys of one mapping so far, with their lines, to find a duplicate: a small mapping
    /// looks through its entries, a large one (the services of a big project) keeps a table.
    private struct KeyLines {
        /// Mappings with this many keys or more keep a table.
        static let tableSize = 16
        private var table: [String: Int]?
        /// The line of a plain `<<` (it merges, so it has no entry).
        private var mergeLine: Int?

        /// Records `key` at `line`, `entries` being the mapping's entries before it (`isMerge`: a plain `<<`).
        /// - Returns: the line of the same key earlier, which makes it a duplicate.
        mutating func insert(_ key: String, line: Int, entries: [RawNode.Entry], isMerge: Bool) -> Int? {
            if key == "<<", let mergeLine { return mergeLine }
            if table == nil, entries.count >= Self.tableSize {
                table = Dictionary(entries.map { ($0.key, $0.keyLocation.line) }, uniquingKeysWith: { first, _ in first })
            }
            if table != nil {
                if let earlier = table?[key] { return earlier }
            } else if let earlier = entries.first(where: { $0.key == key }) {
                return earlier.keyLocation.line
            }
            if isMerge { mergeLine = line } else { table?[key] = line }
            return nil
        }
    }

    private mutating func nextEvent() throws -> YAMLEvents.Event {
        do {
            return try events.next()
        } catch let error as YAMLEvents.Failure {
            throw DiagnosticError(diagnostic(error))
        }
    }

    private mutating func next(expecting type: yaml_event_type_t) throws -> YAMLEvents.Event {
        let event = try nextEvent()
        if event.type != type {
            throw DiagnosticError(.error("invalid YAML: unexpected event", at: location(event.start), path: ""))
        }
        return event
    }

    private func location(_ mark: yaml_mark_t) -> SourceLocation {
        SourceLocation(fileNumber: fileNumber, line: Int(mark.line) + 1 + lineOffset, column: Int(mark.column) + 1)
    }

    private func diagnostic(_ failure: YAMLEvents.Failure) -> Diagnostic {
        guard let mark = failure.mark else {
            return .error("invalid YAML: \(failure.problem)", at: .file(file), path: "")
        }
        return .error("invalid YAML: \(failure.problem)", at: location(mark), path: "")
    }
}
