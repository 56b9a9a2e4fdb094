/// Compose key paths numbered as the nodes of a tree (each knows its parent), with marks on
/// them (used by a rule, reported in a diagnostic). Marking a path and asking whether it, an
/// ancestor or a descendant carries a mark become walks over integers, where string paths
/// would hash every ancestor of every key.
struct KeyPathMarks {
    /// A kind of mark: the bit a marked node gets, and the bit its ancestors get.
    struct Mark {
        fileprivate let own: UInt8
        fileprivate let below: UInt8

        static let used = Mark(own: 1, below: 2)
        static let reported = Mark(own: 4, below: 8)
    }

    private var ids: [String: Int] = [:]
    private var parents: [Int?] = []
    private var bits: [UInt8] = []

    init(capacity: Int = 0) {
        ids.reserveCapacity(capacity)
    }

    /// The node of `path`, added with its ancestors when new.
    mutating func node(_ path: String) -> Int {
        if let id = ids[path] { return id }
        let parent = KeyPath.parent(of: path).map { node(String($0)) }
        let id = parents.count
        ids[path] = id
        parents.append(parent)
        bits.append(0)
        return id
    }

    mutating func mark(_ path: String, _ mark: Mark) {
        let id = node(path)
        self.mark(node: id, mark)
    }

    mutating func mark(node id: Int, _ mark: Mark) {
        bits[id] |= mark.own
        var current = parents[id]
        // An ancestor that already knows has ancestors that know too: the walk stops there.
        while let ancestor = current, bits[ancestor] & mark.below == 0 {
            bits[ancestor] |= mark.below
            current = parents[ancestor]
        }
    }

    /// Whether `path`, one of its ancestors or one of its descendants carries `mark`.
    mutating func isRelated(_ path: String, to mark: Mark) -> Bool {
        let id = node(path)
        return isRelated(node: id, to: mark)
    }

    func isRelated(node id: Int, to mark: Mark) -> Bool {
        if bits[id] & (mark.own | mark.below) != 0 { return true }
        var current = parents[id]
        while let ancestor = current {
            if bits[ancestor] & mark.own != 0 { return true }
            current = parents[ancestor]
        }
        return false
    }
}
