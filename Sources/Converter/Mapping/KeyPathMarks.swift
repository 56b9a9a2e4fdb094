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
    /// Whether a node has a key below it (a key without any is a leaf: a value, or an empty container).
    private var hasChildren: [Bool] = []

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
        hasChildren.append(false)
        if let parent { hasChildren[parent] = true }
        return id
    }

    /// Marks `path`. A path with no node has no key at or below it (every key's ancestors have
    /// nodes), so only its nearest ancestor with a node learns of a marked descendant.
    mutating func mark(_ path: String, _ mark: Mark) {
        if let id = ids[path] { return self.mark(node: id, mark) }
        var last = lastAncestor
        let ancestor = nearestNode(above: path, remembering: &last)
        lastAncestor = last
        if let ancestor { markAncestors(from: ancestor, mark) }
    }

    /// Rules mark a service's keys one after another: the ancestor last found is usually the next's.
    private var lastAncestor: (path: String, node: Int)?

    /// The node of the closest ancestor of `path` that has one; `last` is checked first and updated.
    private func nearestNode(above path: String, remembering last: inout (path: String, node: Int)?) -> Int? {
        var candidate = KeyPath.parent(of: path)
        while let ancestor = candidate {
            if let last, last.path == ancestor { return last.node }
            if let id = ids[String(ancestor)] {
                last = (String(ancestor), id)
                return id
            }
            candidate = KeyPath.parent(of: ancestor)
        }
        return nil
    }

    mutating func mark(node id: Int, _ mark: Mark) {
        bits[id] |= mark.own
        if let parent = parents[id] { markAncestors(from: parent, mark) }
    }

    /// Tells `id` and its ancestors that they have a marked descendant.
    private mutating func markAncestors(from id: Int, _ mark: Mark) {
        var current: Int? = id
        // An ancestor that already knows has ancestors that know too: the walk stops there.
        while let ancestor = current, bits[ancestor] & mark.below == 0 {
            bits[ancestor] |= mark.below
            current = parents[ancestor]
        }
    }

    /// Whether `path`, one of its ancestors or one of its descendants carries `mark`. Of a path
    /// that is no key, only the ancestors count.
    func isRelated(_ path: String, to mark: Mark) -> Bool {
        if let id = ids[path] { return isRelated(node: id, to: mark) }
        var unused: (path: String, node: Int)?
        return nearestNode(above: path, remembering: &unused).map { isMarkedOrUnder($0, mark) } ?? false
    }

    /// Whether no key lies below `id`.
    func isLeaf(node id: Int) -> Bool {
        !hasChildren[id]
    }

    func isRelated(node id: Int, to mark: Mark) -> Bool {
        bits[id] & mark.below != 0 || isMarkedOrUnder(id, mark)
    }

    /// Whether `id` or one of its ancestors carries `mark`.
    private func isMarkedOrUnder(_ id: Int, _ mark: Mark) -> Bool {
        var current: Int? = id
        while let ancestor = current {
            if bits[ancestor] & mark.own != 0 { return true }
            current = parents[ancestor]
        }
        return false
    }
}
