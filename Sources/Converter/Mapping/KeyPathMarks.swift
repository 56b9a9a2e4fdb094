/// Compose key paths as the nodes of a tree (each knows its parent), with marks on them: used by
/// a rule, reported in a diagnostic. A mark tells the node's ancestors too, so whether a path,
/// an ancestor or a descendant carries a mark is a walk up from the path.
struct KeyPathMarks {
    /// A kind of mark: the bit a marked node gets, and the bit its ancestors get.
    struct Mark {
        fileprivate let own: UInt8
        fileprivate let below: UInt8

        static let used = Mark(own: 1, below: 2)
        static let reported = Mark(own: 4, below: 8)
    }

    private var nodes: [String: Int] = [:]
    private var parents: [Int] = []
    private var bits: [UInt8] = []
    /// Whether a node has a key below it (a key without any is a leaf: a value, or an empty container).
    private var hasChildren: [Bool] = []
    /// The project's key paths, in the order given, each with its node.
    private(set) var keyPaths: [(path: String, node: Int)] = []

    /// The tree of `paths` (each once) and their ancestors, nothing marked.
    init(paths: [String]) {
        keyPaths = paths.map { ($0, node($0)) }
    }

    /// The node of `path`, added with its ancestors when new.
    private mutating func node(_ path: String) -> Int {
        if let id = nodes[path] { return id }
        let parent = KeyPath.parent(of: path).map { node(String($0)) }
        let id = parents.count
        nodes[path] = id
        parents.append(parent ?? -1)
        bits.append(0)
        hasChildren.append(false)
        if let parent { hasChildren[parent] = true }
        return id
    }

    /// The node of `path` (`isOwn`), or else of its nearest ancestor that has one.
    private func nearestNode(_ path: String) -> (id: Int, isOwn: Bool)? {
        var isOwn = true
        for candidate in KeyPath.selfAndAncestors(of: path) {
            if let id = nodes[String(candidate)] { return (id, isOwn) }
            isOwn = false
        }
        return nil
    }

    /// Marks `path`. A path with no node has no key at or below it (every key's ancestors have
    /// nodes), so only its nearest ancestor with a node learns of a marked descendant.
    mutating func mark(_ path: String, _ mark: Mark) {
        guard let (id, isOwn) = nearestNode(path) else { return }
        if isOwn {
            bits[id] |= mark.own
            markAncestors(from: parents[id], mark)
        } else {
            markAncestors(from: id, mark)
        }
    }

    /// Tells `id` and its ancestors that they have a marked descendant.
    private mutating func markAncestors(from id: Int, _ mark: Mark) {
        var current = id
        // An ancestor that already knows has ancestors that know too: the walk stops there.
        while current >= 0, bits[current] & mark.below == 0 {
            bits[current] |= mark.below
            current = parents[current]
        }
    }

    /// Whether `path`, one of its ancestors or one of its descendants carries `mark`. Of a path
    /// that is no key, only the ancestors count.
    func isRelated(_ path: String, to mark: Mark) -> Bool {
        guard let (id, isOwn) = nearestNode(path) else { return false }
        return isOwn ? isRelated(node: id, to: mark) : isMarkedOrUnder(id, mark)
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
        var current = id
        while current >= 0 {
            if bits[current] & mark.own != 0 { return true }
            current = parents[current]
        }
        return false
    }
}
