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

    private var ids: [PathKey: Int] = [:]
    private var parents: [Int?] = []
    private var bits: [UInt8] = []
    /// Whether a node has a key below it (a key without any is a leaf: a value, or an empty container).
    private var hasChildren: [Bool] = []

    init(capacity: Int = 0) {
        ids.reserveCapacity(capacity)
    }

    /// The node of `path`, added with its ancestors when new.
    mutating func node(_ path: String) -> Int {
        node(Substring(path))
    }

    private mutating func node(_ path: Substring) -> Int {
        let key = PathKey(path)
        if let id = ids[key] { return id }
        let parent = KeyPath.parent(of: path).map { node($0) }
        let id = parents.count
        ids[key] = id
        parents.append(parent)
        bits.append(0)
        hasChildren.append(false)
        if let parent { hasChildren[parent] = true }
        return id
    }

    /// Marks `path`. A path with no node has no key at or below it (every key's ancestors have
    /// nodes), so only its nearest ancestor with a node learns of a marked descendant.
    mutating func mark(_ path: String, _ mark: Mark) {
        if let id = ids[PathKey(Substring(path))] { return self.mark(node: id, mark) }
        var last = lastAncestor
        let ancestor = nearestNode(above: path, remembering: &last)
        lastAncestor = last
        if let ancestor { markAncestors(from: ancestor, mark) }
    }

    /// Rules mark a service's keys one after another: the ancestor last found is usually the next's.
    private var lastAncestor: (path: Substring, node: Int)?

    /// The node of the closest ancestor of `path` that has one; `last` is checked first and updated.
    private func nearestNode(above path: String, remembering last: inout (path: Substring, node: Int)?) -> Int? {
        var candidate = KeyPath.parent(of: path)
        while let ancestor = candidate {
            if let last, last.path == ancestor { return last.node }
            if let id = ids[PathKey(ancestor)] {
                last = (ancestor, id)
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
        if let id = ids[PathKey(Substring(path))] { return isRelated(node: id, to: mark) }
        var unused: (path: Substring, node: Int)?
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

/// A key path as a dictionary key: an ancestor, a `Substring` of its descendant's path, is
/// looked up as it is (no `String` made for it). The hash reads the bytes eight at a time, once,
/// and is kept: a lookup compares it with each key it probes before comparing text.
private struct PathKey: Hashable {
    let text: Substring
    let hash: UInt64

    init(_ text: Substring) {
        self.text = text
        hash = Self.wordHash(text)
    }

    static func == (lhs: PathKey, rhs: PathKey) -> Bool {
        lhs.hash == rhs.hash && lhs.text == rhs.text
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(hash)
    }

    private static func wordHash(_ text: Substring) -> UInt64 {
        var text = text
        return text.withUTF8 { bytes in
            let raw = UnsafeRawBufferPointer(bytes)
            var hash = UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15
            var offset = 0
            while offset + 8 <= bytes.count {
                hash = (hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
                hash ^= hash >> 32
                offset += 8
            }
            var tail: UInt64 = 0
            while offset < bytes.count {
                tail = tail << 8 | UInt64(bytes[offset])
                offset += 1
            }
            hash = (hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53
            return hash ^ hash >> 29
        }
    }
}
