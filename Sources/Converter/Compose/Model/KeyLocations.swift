import Foundation

/// Where each key path of a project was written (`services.api.ports[0]` → file, line, column):
/// the first location the decoder recorded for each path.
///
/// A thousand services are tens of thousands of paths, and the table of them is wanted only for
/// a diagnostic's location, while the key use numbers the paths from the record itself. So the
/// table is made on another core as soon as the decoder hands over its record (`prepare()`),
/// and a lookup waits for it. Mutation (tests, merges) works on a copy of the table.
public struct KeyLocations: Sendable, ExpressibleByDictionaryLiteral {
    typealias Record = [(path: String, location: SourceLocation)]
    private var storage: Storage

    /// Every path recorded with its location, in the order recorded; a path may repeat, the
    /// first location counts.
    init(recorded: Record) {
        storage = Storage(parts: [recorded])
    }

    /// The records of consecutive parts (the decoder's slices of services), in order: kept as
    /// they are rather than copied into one.
    init(parts: [Record]) {
        storage = Storage(parts: parts)
    }

    public init(dictionaryLiteral elements: (String, SourceLocation)...) {
        self.init(recorded: elements.map { (path: $0.0, location: $0.1) })
    }

    /// Starts making the table on another core; lookups made before it is done wait for it.
    func prepare() {
        let storage = storage
        DispatchQueue.global(qos: .userInitiated).async { _ = storage.table }
    }

    public subscript(path: String) -> SourceLocation? {
        get { storage.table[path] }
        set {
            var table = storage.table
            table[path] = newValue
            storage = Storage(table: table)
        }
    }

    /// The record as the decoder made it (paths may repeat), or the edited table's entries.
    var recorded: FlattenSequence<[Record]> {
        storage.edited ? [storage.table.map { (path: $0.key, location: $0.value) }].joined() : storage.parts.joined()
    }

    /// How many entries `recorded` has.
    var recordedCount: Int {
        storage.edited ? storage.table.count : storage.count
    }

    /// The record and, made once under a lock, its table. Unchecked `Sendable`: `built` is only
    /// read and written under `lock`, and nothing else changes after `init`.
    private final class Storage: @unchecked Sendable {
        let parts: [Record]
        /// How many entries the parts hold together.
        let count: Int
        /// Whether the table was edited after decoding (then it, not `recorded`, is the truth).
        let edited: Bool
        private var built: [String: SourceLocation]?
        private let lock = NSLock()

        init(parts: [Record]) {
            self.parts = parts
            count = parts.reduce(0) { $0 + $1.count }
            edited = false
        }

        init(table: [String: SourceLocation]) {
            parts = []
            count = 0
            edited = true
            built = table
        }

        var table: [String: SourceLocation] {
            lock.lock()
            defer { lock.unlock() }
            if let built { return built }
            var table: [String: SourceLocation] = [:]
            table.reserveCapacity(count)
            // The defaulted subscript inserts the first location with a single lookup.
            for (path, location) in parts.joined() { Self.keep(&table[path, default: location]) }
            built = table
            return table
        }

        private static func keep(_: inout SourceLocation) {}
    }
}
