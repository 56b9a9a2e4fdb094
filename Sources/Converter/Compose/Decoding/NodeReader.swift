/// Reads typed values out of one mapping of the raw tree, reporting wrong types and unknown keys
/// at their location and recording where every key was written.
struct NodeReader {
    let node: RawNode
    let path: String
    let context: DecodingContext

    init?(_ node: RawNode?, path: String, context: DecodingContext) {
        guard let node, !node.isNull else { return nil }
        guard node.entries != nil else {
            context.sink.error("expected a mapping, found \(node.kindName)", at: node.location, path: path)
            return nil
        }
        self.node = node
        self.path = path
        self.context = context
    }

    var keys: [String] { node.entries?.map(\.key) ?? [] }

    func childPath(_ key: String) -> String { KeyPath.child(path, key: key) }

    /// The value of `key`, recording where it was written; nil when absent or null.
    func value(_ key: String) -> RawNode? {
        guard let entry = node.entry(key) else { return nil }
        let path = childPath(key)
        context.record(path, at: entry.keyLocation)
        context.recordWritten(path, entry.value)
        return entry.value.isNull ? nil : entry.value
    }

    /// Every entry in written order, each recorded; a null value is nil.
    func recordedEntries() -> [(key: String, value: RawNode?)] {
        (node.entries ?? []).map { entry in
            context.record(childPath(entry.key), at: entry.keyLocation)
            return (entry.key, entry.value.isNull ? nil : entry.value)
        }
    }

    /// The value of `key` converted by `convert`; a value it rejects is reported as not `expected`.
    func scalar<T>(_ key: String, expected: String, _ convert: (RawNode) -> T?) -> T? {
        guard let value = value(key) else { return nil }
        guard let converted = convert(value) else {
            typeError(key, expected: expected, found: value)
            return nil
        }
        return converted
    }

    func string(_ key: String) -> String? {
        scalar(key, expected: "a string") { $0.scalar != nil ? $0.text : nil }
    }

    func int(_ key: String) -> Int? {
        scalar(key, expected: "an integer", \.int)
    }

    /// An integer Compose reads as unsigned (`uint64` in compose-go: `healthcheck.retries`), so a
    /// negative one is refused as Compose refuses it.
    func unsigned(_ key: String) -> Int? {
        scalar(key, expected: "an integer that is not negative") { $0.int.flatMap { $0 >= 0 ? $0 : nil } }
    }

    func double(_ key: String) -> Double? {
        scalar(key, expected: "a number", \.double)
    }

    func bool(_ key: String) -> Bool? {
        scalar(key, expected: "true or false", \.bool)
    }

    /// A Go-style duration (`1m30s`); a plain integer counts seconds.
    func duration(_ key: String) -> Duration? {
        scalar(key, expected: "a duration such as 1m30s or 500ms") { value in
            if value.scalar?.isPlain == true, let seconds = value.int {
                let (nanoseconds, overflow) = Int64(seconds).multipliedReportingOverflow(by: 1_000_000_000)
                return overflow ? nil : Duration(nanoseconds: nanoseconds)
            }
            return value.text.flatMap(DurationSyntax.nanoseconds).map(Duration.init)
        }
    }

    func byteSize(_ key: String) -> Int64? {
        scalar(key, expected: "a byte size such as 512m or 1g") { $0.text.flatMap(ByteSizeSyntax.bytes) }
    }

    /// A list of strings; a single string is accepted where compose accepts one.
    func strings(_ key: String) -> [String] {
        guard let value = value(key) else { return [] }
        if value.scalar != nil, let text = value.text { return [text] }
        guard let items = value.items else {
            typeError(key, expected: "a list of strings", found: value)
            return []
        }
        let path = childPath(key)
        return items.enumerated().compactMap { index, item in
            let itemPath = KeyPath.item(path, index: index)
            guard item.scalar != nil, let text = item.text else {
                context.sink.error("expected a string, found \(item.kindName)", at: item.location, path: itemPath)
                return nil
            }
            context.record(itemPath, at: item.location)
            context.recordWritten(itemPath, item)
            return text
        }
    }

    /// A mapping of strings to optional strings (environment, labels, args).
    func stringMap(_ key: String) -> [String: String?] {
        guard let value = value(key) else { return [:] }
        guard let entries = value.entries else {
            typeError(key, expected: "a mapping or a list of KEY=VALUE", found: value)
            return [:]
        }
        var result: [String: String?] = [:]
        let path = childPath(key)
        for entry in entries {
            let entryPath = KeyPath.dotted(path, entry.key)
            context.record(entryPath, at: entry.keyLocation)
            context.recordWritten(entryPath, entry.value)
            if entry.value.isNull {
                result[entry.key] = .some(nil)
            } else if entry.value.scalar != nil {
                result[entry.key] = entry.value.text
            } else {
                context.sink.error(
                    "expected a string, number or boolean, found \(entry.value.kindName)",
                    at: entry.value.location, path: entryPath)
            }
        }
        return result
    }

    /// Like `stringMap`, with null values read as empty strings.
    func labels(_ key: String) -> [String: String] {
        stringMap(key).mapValues { $0 ?? "" }
    }

    func child(_ key: String) -> NodeReader? {
        NodeReader(value(key), path: childPath(key), context: context)
    }

    func json(_ key: String) -> JSONValue? {
        value(key).map(JSONValue.init)
    }

    /// Items of a list under `key`, each with its path.
    func list(_ key: String) -> [(node: RawNode, path: String)] {
        guard let value = value(key) else { return [] }
        guard let items = value.items else {
            typeError(key, expected: "a list", found: value)
            return []
        }
        let path = childPath(key)
        return items.enumerated().map { index, item in
            let itemPath = KeyPath.item(path, index: index)
            context.record(itemPath, at: item.location)
            return (item, itemPath)
        }
    }

    /// Keys that are neither known nor `x-` extensions are errors, as in Compose (its schema
    /// allows no other key), with the closest known key suggested.
    func reportUnknownKeys(known: [String], what: String) {
        for entry in node.entries ?? [] where !known.contains(entry.key) && !entry.key.hasPrefix("x-") {
            let hint = Suggestion.closest(to: entry.key, in: known).map { ", did you mean \"\($0)\"?" } ?? ""
            context.sink.error("unknown \(what) key \"\(entry.key)\"\(hint)", at: entry.keyLocation, path: childPath(entry.key))
        }
    }

    /// Extension fields (`x-*`) of this mapping.
    func extensions() -> [String: JSONValue] {
        var result: [String: JSONValue] = [:]
        for entry in node.entries ?? [] where entry.key.hasPrefix("x-") {
            context.record(childPath(entry.key), at: entry.keyLocation)
            // compose2kube's own extension: its settings are located one by one, for the warnings about them.
            if entry.key == "x-kubernetes" {
                for setting in entry.value.entries ?? [] {
                    context.record("\(childPath(entry.key)).\(setting.key)", at: setting.keyLocation)
                }
            }
            result[entry.key] = JSONValue(entry.value)
        }
        return result
    }

    func typeError(_ key: String, expected: String, found value: RawNode) {
        let shown = value.text.map { " \"\($0)\"" } ?? ""
        context.sink.error("expected \(expected), found \(value.kindName)\(shown)", at: value.location, path: childPath(key))
    }
}

/// State shared by all readers of one project: the diagnostics and the key locations.
final class DecodingContext {
    let sink: DiagnosticSink
    /// Where each key path was written: the first location recorded for it.
    private(set) var locations = KeyLocations()

    init(sink: DiagnosticSink) {
        self.sink = sink
    }

    func record(_ path: String, at location: SourceLocation) {
        locations.record(path, at: location)
    }

    /// What interpolation started from, by key path, for scalars it changed.
    private(set) var written: [String: String] = [:]

    /// Keeps `node`'s text as written when interpolation changed it.
    func recordWritten(_ path: String, _ node: RawNode) {
        if case .scalar(let scalar) = node.value, let text = scalar.written { written[path] = text }
    }
}
