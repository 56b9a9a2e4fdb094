import CYaml

/// libyaml's event parser over a UTF-8 buffer, one event at a time, each copied out of libyaml.
final class YAMLEvents {
    struct Event {
        var type: yaml_event_type_t
        var start: yaml_mark_t
        /// A scalar's text (empty for other events).
        var text = ""
        /// Whether a scalar was written plain (unquoted), which decides its type.
        var isPlain = false
        var anchor: String?
        var mergeTag: RawNode.MergeTag?
    }

    /// A reader, scanner or parser error, located when libyaml knows where.
    struct Failure: Error {
        var problem: String
        var mark: yaml_mark_t?
    }

    private var parser = yaml_parser_t()

    /// `bytes` must not be empty, and stay valid while events are read.
    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        yaml_parser_initialize(&parser)
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
    }

    deinit {
        yaml_parser_delete(&parser)
    }

    func next() throws -> Event {
        var raw = yaml_event_t()
        guard yaml_parser_parse(&parser, &raw) == 1 else { throw failure() }
        defer { yaml_event_delete(&raw) }
        var event = Event(type: raw.type, start: raw.start_mark)
        switch raw.type {
        case YAML_SCALAR_EVENT:
            let scalar = raw.data.scalar
            event.text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
            event.isPlain = scalar.style == YAML_PLAIN_SCALAR_STYLE || scalar.style == YAML_ANY_SCALAR_STYLE
            event.anchor = Self.string(scalar.anchor)
            event.mergeTag = scalar.quoted_implicit == 1 ? nil : Self.string(scalar.tag).flatMap(RawNode.MergeTag.init)
        case YAML_SEQUENCE_START_EVENT:
            let start = raw.data.sequence_start
            event.anchor = Self.string(start.anchor)
            event.mergeTag = start.implicit != 0 ? nil : Self.string(start.tag).flatMap(RawNode.MergeTag.init)
        case YAML_MAPPING_START_EVENT:
            let start = raw.data.mapping_start
            event.anchor = Self.string(start.anchor)
            event.mergeTag = start.implicit != 0 ? nil : Self.string(start.tag).flatMap(RawNode.MergeTag.init)
        case YAML_ALIAS_EVENT:
            event.anchor = Self.string(raw.data.alias.anchor)
        default:
            break
        }
        return event
    }

    private func failure() -> Failure {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
        switch parser.error {
        case YAML_MEMORY_ERROR:
            return Failure(problem: "out of memory")
        case YAML_READER_ERROR:
            return Failure(problem: "\(problem) at byte \(parser.problem_offset)")
        default:
            let context = parser.context.map { String(cString: $0) + " " } ?? ""
            return Failure(problem: context + problem, mark: parser.problem_mark)
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<UInt8>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}
