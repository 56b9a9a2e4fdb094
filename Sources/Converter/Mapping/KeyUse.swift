import Dispatch

/// Which compose keys the rules used and the diagnostics reported, over the project's key paths
/// numbered once (`KeyPathMarks`). Unchecked `Sendable`: it is made on one thread and handed,
/// once, to the conversion that alone uses it; its marks are applied on a queue of its own.
final class KeyUse: @unchecked Sendable {
    private var marks: KeyPathMarks
    /// Every key path of the project with its node.
    let keyPaths: [(path: String, node: Int)]
    /// Marks not applied yet. The rules mark thousands of keys and read the marks only at the
    /// end, so the marks are applied in batches on another core while the rules go on; every
    /// read waits for them first. The result does not depend on when a mark lands: marks only
    /// add bits.
    private var pending: [(path: String, mark: KeyPathMarks.Mark)] = []
    private let marker = DispatchQueue(label: "compose2kube.key-use")
    private static let batchSize = 2_048

    init(locations: [String: SourceLocation]) {
        var marks = KeyPathMarks(capacity: locations.count)
        keyPaths = locations.keys.map { (path: $0, node: marks.node($0)) }
        self.marks = marks
    }

    func mark(_ path: String, _ mark: KeyPathMarks.Mark) {
        pending.append((path, mark))
        if pending.count >= Self.batchSize { applyPending() }
    }

    func isRelated(_ path: String, to mark: KeyPathMarks.Mark) -> Bool {
        settle()
        return marks.isRelated(path, to: mark)
    }

    /// `body` with the marks and every key path of the project with its node.
    func withKeyPaths<Result>(_ body: (KeyPathMarks, [(path: String, node: Int)]) -> Result) -> Result {
        settle()
        return body(marks, keyPaths)
    }

    private func applyPending() {
        let batch = pending
        pending = []
        pending.reserveCapacity(Self.batchSize)
        marker.async {
            for (path, mark) in batch { self.marks.mark(path, mark) }
        }
    }

    /// Waits until every mark made so far is applied.
    private func settle() {
        if !pending.isEmpty { applyPending() }
        marker.sync {}
    }
}
