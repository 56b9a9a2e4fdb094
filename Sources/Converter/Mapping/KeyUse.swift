/// Which compose keys the rules used and the diagnostics reported, over the project's key paths
/// numbered once (`KeyPathMarks`). Unchecked `Sendable`: it is made on one thread and handed,
/// once, to the conversion that alone uses it.
final class KeyUse: @unchecked Sendable {
    private var marks: KeyPathMarks
    /// Every key path of the project with its node.
    let keyPaths: [(path: String, node: Int)]

    init(locations: [String: SourceLocation]) {
        var marks = KeyPathMarks(capacity: locations.count)
        keyPaths = locations.keys.map { (path: $0, node: marks.node($0)) }
        self.marks = marks
    }

    func mark(_ path: String, _ mark: KeyPathMarks.Mark) {
        marks.mark(path, mark)
    }

    func isRelated(_ path: String, to mark: KeyPathMarks.Mark) -> Bool {
        marks.isRelated(path, to: mark)
    }

    /// `body` with the marks and every key path of the project with its node.
    func withKeyPaths<Result>(_ body: (KeyPathMarks, [(path: String, node: Int)]) -> Result) -> Result {
        body(marks, keyPaths)
    }
}
