import Dispatch

/// Which compose keys the rules used and the diagnostics reported, over the project's key paths
/// numbered once (`KeyPathMarks`). Unchecked `Sendable`: it is made on one thread and handed,
/// once, to the conversion that alone uses it; its tree and marks are made on a queue of its own.
///
/// The rules mark thousands of keys and read the marks only at the end, so the key paths are
/// numbered, and the marks applied in batches, on another core while the graph is built and the
/// rules go on; every read waits for them first. The result does not depend on when a mark
/// lands: marks only add bits.
final class KeyUse: @unchecked Sendable {
    private var marks = KeyPathMarks()
    private var numbered: [(path: String, node: Int)] = []
    /// Marks not handed to the queue yet.
    private var pending: [Pending] = []
    private let marker = DispatchQueue(label: "compose2kube.key-use")
    private static let batchSize = 2_048

    /// Returns at once: the key paths are numbered on the queue.
    init(locations: KeyLocations) {
        marker.async { [self] in
            // From the decoder's record, in order: no table of the paths is needed for it.
            let count = locations.recordedCount
            var marks = KeyPathMarks(capacity: count)
            var listed: [Bool] = []
            listed.reserveCapacity(count)
            var numbered: [(path: String, node: Int)] = []
            numbered.reserveCapacity(count)
            for (path, _) in locations.recorded {
                let node = marks.node(path)
                if node >= listed.count { listed += repeatElement(false, count: node - listed.count + 1) }
                if listed[node] { continue }
                listed[node] = true
                numbered.append((path, node))
            }
            self.numbered = numbered
            self.marks = marks
        }
    }

    /// Every key path of the project with its node.
    var keyPaths: [(path: String, node: Int)] {
        settle()
        return numbered
    }

    /// A mark to apply: on `path`, or on `services.<service>.<path>`.
    private struct Pending {
        var service: String?
        var path: String
        var mark: KeyPathMarks.Mark
    }

    func mark(_ path: String, _ mark: KeyPathMarks.Mark) {
        append(Pending(service: nil, path: path, mark: mark))
    }

    /// Marks `services.<service>.<key>`, the path made with the mark.
    func mark(_ key: String, ofService service: String, _ mark: KeyPathMarks.Mark) {
        append(Pending(service: service, path: key, mark: mark))
    }

    private func append(_ mark: Pending) {
        pending.append(mark)
        if pending.count >= Self.batchSize { applyPending() }
    }

    func isRelated(_ path: String, to mark: KeyPathMarks.Mark) -> Bool {
        settle()
        return marks.isRelated(path, to: mark)
    }

    /// `body` with the marks and every key path of the project with its node.
    func withKeyPaths<Result>(_ body: (KeyPathMarks, [(path: String, node: Int)]) -> Result) -> Result {
        settle()
        return body(marks, numbered)
    }

    private func applyPending() {
        let batch = pending
        pending = []
        pending.reserveCapacity(Self.batchSize)
        marker.async {
            for pending in batch {
                if let service = pending.service {
                    self.marks.mark(pending.path, ofService: service, pending.mark)
                } else {
                    self.marks.mark(pending.path, pending.mark)
                }
            }
        }
    }

    /// Waits until every mark made so far is applied.
    private func settle() {
        if !pending.isEmpty { applyPending() }
        marker.sync {}
    }
}
