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
    /// Lines before this document in its file (for streams split on `---`).
    let lineOffset: Int
    private var events: YAMLEvents
    private let prefetched: PrefetchedYAMLEvents?
    private var nodeCount = 0
    private var depth = 0
    /// Anchored nodes with the number of nodes each stands for, so aliases count toward the limit.
    private var anchors: [String: (node: RawNode, size: Int)] = [:]

    /// Files this large (in bytes) are parsed ahead of the tree (`PrefetchedYAMLEvents`).
    static let prefetchSize = 256 << 10

    private init(events: YAMLEvents, prefetched: PrefetchedYAMLEvents?, file: String, lineOffset: Int) {
        self.events = events
        self.prefetched = prefetched
        self.file = file
        fileNumber = FileNames.number(of: file)
        self.lineOffset = lineOffset
    }

    /// Parses `text`; an empty document gives an empty mapping.
    /// - Throws: `DiagnosticError` with the YAML error's location.
    /// - Parameter readAhead: whether libyaml runs ahead on another thread (`PrefetchedYAMLEvents`);
    ///   by default, for a text of `prefetchSize` bytes or more.
    package static func load(_ text: String, file: String, lineOffset: Int = 0, readAhead: Bool? = nil) throws -> RawNode {
        // libyaml needs a buffer to point at; an empty text is an empty stream.
        var text = text.isEmpty ? "\n" : text
        return try text.withUTF8 { bytes in
            let events = YAMLEvents(bytes)
            // A large file is read ahead on another thread (the thread costs more than it saves on a small one).
            let prefetched = readAhead ?? (bytes.count >= prefetchSize) ? PrefetchedYAMLEvents(events) : nil
            defer { prefetched?.finish() }
            var loader = YAMLDocumentLoader(events: events, prefetched: prefetched, file: file, lineOffset: lineOffset)
            return try loader.document()
        }
    }

    /// The stream's single document.
    private mutating func document() throws -> RawNode {
        _ = try next(expecting: YAML_STREAM_START_EVENT)
        let start = try nextEvent()
        if start.type == YAML_STREAM_END_EVENT {
            return .mapping([], at: SourceLocation(file: file, line: 1 + lineOffset, column: 1))
        }
        var path = ""
        let root = try node(from: try nextEvent(), path: &path)
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

    /// The node that starts with `event`; `path` is its key path, extended in place below it.
    private mutating func node(from event: YAMLEvents.Event, path: inout String) throws -> RawNode {
        let countBefore = nodeCount
        try count(1, at: event, path: path)
        let node: RawNode
        switch event.type {
        case YAML_ALIAS_EVENT:
            guard let anchored = anchors[event.anchor ?? ""] else {
                throw DiagnosticError(.error("invalid YAML: found undefined alias", at: location(event.start), path: path))
            }
            try count(anchored.size - 1, at: event, path: path)
            return anchored.node
        case YAML_SCALAR_EVENT:
            node = RawNode(.scalar(.init(event.text, isPlain: event.isPlain)), at: location(event.start), mergeTag: event.mergeTag)
        case YAML_SEQUENCE_START_EVENT:
            node = try nested(at: event, path: path) { loader in
                RawNode(.sequence(try loader.sequenceItems(path: &path)), at: loader.location(event.start), mergeTag: event.mergeTag)
            }
        case YAML_MAPPING_START_EVENT:
            node = try nested(at: event, path: path) { loader in
                RawNode(.mapping(try loader.mappingEntries(path: &path)), at: loader.location(event.start), mergeTag: event.mergeTag)
            }
        default:
            throw DiagnosticError(.error("invalid YAML: unexpected event", at: location(event.start), path: path))
        }
        if let anchor = event.anchor { anchors[anchor] = (node, nodeCount - countBefore) }
        return node
    }

    private mutating func nested(at event: YAMLEvents.Event, path: String, _ build: (inout Self) throws -> RawNode) throws -> RawNode {
        depth += 1
        defer { depth -= 1 }
        if depth > Self.depthLimit {
            throw DiagnosticError(
                .error("invalid YAML: collections nest deeper than \(Self.depthLimit) levels", at: location(event.start), path: path))
        }
        return try build(&self)
    }

    private mutating func count(_ nodes: Int, at event: YAMLEvents.Event, path: String) throws {
        nodeCount += nodes
        if nodeCount > Self.nodeLimit {
            throw DiagnosticError(
                .error(
                    "document expands to more than \(Self.nodeLimit) nodes (recursive or exponential aliases)",
                    at: location(event.start), path: path))
        }
    }

    private mutating func sequenceItems(path: inout String) throws -> [RawNode] {
        var items: [RawNode] = []
        while true {
            let event = try nextEvent()
            if event.type == YAML_SEQUENCE_END_EVENT { return items }
            let index = items.count
            items.append(try KeyPath.descend(&path, index: index) { try node(from: event, path: &$0) })
        }
    }

    /// Explicit keys win over merged ones (`<<`); with a list of merged mappings, earlier win.
    private mutating func mappingEntries(path: inout String) throws -> [RawNode.Entry] {
        var explicit: [RawNode.Entry] = []
        var lines: [String: Int] = [:]
        var merged: [RawNode.Entry] = []
        while true {
            let keyEvent = try nextEvent()
            if keyEvent.type == YAML_MAPPING_END_EVENT { break }
            let (key, keyIsPlain) = try mappingKey(keyEvent, path: path)
            let keyLocation = location(keyEvent.start)
            if let previous = lines.updateValue(keyLocation.line, forKey: key) {
                throw DiagnosticError(
                    .error(
                        "invalid YAML: duplicate key \"\(key)\" (first at line \(previous))", at: keyLocation,
                        path: path.isEmpty ? key : "\(path).\(key)"))
            }
            let valueEvent = try nextEvent()
            if keyIsPlain, key == "<<" {
                merged.append(contentsOf: try mergeSources(try node(from: valueEvent, path: &path), path: path))
                continue
            }
            let value = try KeyPath.descend(&path, key: key) { try node(from: valueEvent, path: &$0) }
            explicit.append(.init(key: key, keyLocation: keyLocation, value: value))
        }
        guard !merged.isEmpty else { return explicit }
        var seen = Set(explicit.map(\.key))
        return merged.filter { seen.insert($0.key).inserted } + explicit
    }

    /// A key's text and whether it was written plain: a scalar, or an alias of one.
    private func mappingKey(_ event: YAMLEvents.Event, path: String) throws -> (String, Bool) {
        if event.type == YAML_SCALAR_EVENT { return (event.text, event.isPlain) }
        if event.type == YAML_ALIAS_EVENT, let scalar = anchors[event.anchor ?? ""]?.node.scalar { return (scalar.text, scalar.isPlain) }
        throw DiagnosticError(.error("mapping keys must be scalars", at: location(event.start), path: path))
    }

    /// The entries a `<<` key brings in; with a list, earlier mappings win over later ones.
    private func mergeSources(_ node: RawNode, path: String) throws -> [RawNode.Entry] {
        let sources = node.items ?? [node]
        return try sources.flatMap { source in
            guard let entries = source.entries else {
                throw DiagnosticError(.error("merge key `<<` takes a mapping or a list of mappings", at: source.location, path: path))
            }
            return entries
        }
    }

    private mutating func nextEvent() throws -> YAMLEvents.Event {
        do {
            return try prefetched?.next() ?? events.next()
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
