/// Which compose keys the rules used and the diagnostics reported. The project's key paths are
/// numbered (`KeyPathMarks`) on another core while the rules run; marks made before that is done
/// are kept in a list and applied when a question is first asked.
final class KeyUse {
    private struct Index: Sendable {
        var marks: KeyPathMarks
        var keyPaths: [(path: String, node: Int)]
    }

    private let index: BackgroundValue<Index>
    private var marks: KeyPathMarks?
    private var pending: [(path: String, mark: KeyPathMarks.Mark)] = []

    init(locations: [String: SourceLocation]) {
        index = BackgroundValue {
            var marks = KeyPathMarks(capacity: locations.count)
            let keyPaths = locations.keys.map { (path: $0, node: marks.node($0)) }
            return Index(marks: marks, keyPaths: keyPaths)
        }
    }

    /// Every key path of the project with its node.
    var keyPaths: [(path: String, node: Int)] { index.value.keyPaths }

    func mark(_ path: String, _ mark: KeyPathMarks.Mark) {
        if marks == nil {
            pending.append((path, mark))
        } else {
            marks?.mark(path, mark)
        }
    }

    func isRelated(_ path: String, to mark: KeyPathMarks.Mark) -> Bool {
        settled().isRelated(path, to: mark)
    }

    /// `body` with the settled marks and every key path of the project with its node.
    func withKeyPaths<Result>(_ body: (KeyPathMarks, [(path: String, node: Int)]) -> Result) -> Result {
        body(settled(), keyPaths)
    }

    /// The marks with the waiting ones applied.
    private func settled() -> KeyPathMarks {
        if let marks { return marks }
        var settled = index.value.marks
        for (path, mark) in pending { settled.mark(path, mark) }
        pending = []
        marks = settled
        return settled
    }
}
