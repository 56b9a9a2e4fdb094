import Foundation

/// Compose key paths numbered as the nodes of a tree (each knows its parent), with marks on
/// them (used by a rule, reported in a diagnostic). Marking a path and asking whether it, an
/// ancestor or a descendant carries a mark become walks over integers, where string paths
/// would hash every ancestor of every key.
///
/// The paths are looked up by their bytes in a table of their own (`PathTable`): an ancestor
/// is the start of its descendant's bytes and a rule's key is written into a scratch buffer, so
/// neither becomes a `String` to be looked up.
struct KeyPathMarks {
    /// A kind of mark: the bit a marked node gets, and the bit its ancestors get.
    struct Mark {
        fileprivate let own: UInt8
        fileprivate let below: UInt8

        static let used = Mark(own: 1, below: 2)
        static let reported = Mark(own: 4, below: 8)
    }

    private var table: PathTable
    private var parents: [Int32] = []
    private var bits: [UInt8] = []
    /// Whether a node has a key below it (a key without any is a leaf: a value, or an empty container).
    private var hasChildren: [Bool] = []
    /// Where `services.<service>.<key>` is written to be marked.
    private var scratch: [UInt8] = []

    init(capacity: Int = 0) {
        table = PathTable(capacity: capacity)
        parents.reserveCapacity(capacity)
        bits.reserveCapacity(capacity)
        hasChildren.reserveCapacity(capacity)
    }

    /// The node of `path`, added with its ancestors when new.
    mutating func node(_ path: String) -> Int {
        var path = path
        return path.withUTF8 { node($0) }
    }

    private mutating func node(_ path: UnsafeBufferPointer<UInt8>) -> Int {
        let hash = PathTable.hash(path)
        if let id = table.find(path, hash: hash) { return id }
        let parent = KeyPath.lastCut(path).map { node(UnsafeBufferPointer(rebasing: path[..<$0])) }
        let id = table.insert(path, hash: hash)
        parents.append(Int32(parent ?? -1))
        bits.append(0)
        hasChildren.append(false)
        if let parent { hasChildren[parent] = true }
        return id
    }

    /// Marks `path`. A path with no node has no key at or below it (every key's ancestors have
    /// nodes), so only its nearest ancestor with a node learns of a marked descendant.
    mutating func mark(_ path: String, _ mark: Mark) {
        var path = path
        path.withUTF8 { self.mark($0, mark) }
    }

    /// Marks `services.<service>.<key>`, written into a buffer kept for it.
    mutating func mark(_ key: String, ofService service: String, _ mark: Mark) {
        var path: [UInt8] = []
        swap(&path, &scratch)  // the buffer's only holder while it is written, so it is reused
        path.removeAll(keepingCapacity: true)
        path += "services.".utf8
        path += service.utf8
        path.append(UInt8(ascii: "."))
        path += key.utf8
        path.withUnsafeBufferPointer { self.mark($0, mark) }
        scratch = path
    }

    private mutating func mark(_ path: UnsafeBufferPointer<UInt8>, _ mark: Mark) {
        if let id = table.find(path, hash: PathTable.hash(path)) { return self.mark(node: id, mark) }
        if let ancestor = nearestNode(above: path) { markAncestors(from: ancestor, mark) }
    }

    /// The node of the closest ancestor of `path` that has one.
    private func nearestNode(above path: UnsafeBufferPointer<UInt8>) -> Int? {
        var length = KeyPath.lastCut(path)
        while let end = length {
            let ancestor = UnsafeBufferPointer(rebasing: path[..<end])
            if let id = table.find(ancestor, hash: PathTable.hash(ancestor)) { return id }
            length = KeyPath.lastCut(ancestor)
        }
        return nil
    }

    mutating func mark(node id: Int, _ mark: Mark) {
        bits[id] |= mark.own
        if parents[id] >= 0 { markAncestors(from: Int(parents[id]), mark) }
    }

    /// Tells `id` and its ancestors that they have a marked descendant.
    private mutating func markAncestors(from id: Int, _ mark: Mark) {
        var current = id
        // An ancestor that already knows has ancestors that know too: the walk stops there.
        while current >= 0, bits[current] & mark.below == 0 {
            bits[current] |= mark.below
            current = Int(parents[current])
        }
    }

    /// Whether `path`, one of its ancestors or one of its descendants carries `mark`. Of a path
    /// that is no key, only the ancestors count.
    func isRelated(_ path: String, to mark: Mark) -> Bool {
        var path = path
        return path.withUTF8 { bytes in
            if let id = table.find(bytes, hash: PathTable.hash(bytes)) { return isRelated(node: id, to: mark) }
            return nearestNode(above: bytes).map { isMarkedOrUnder($0, mark) } ?? false
        }
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
            current = Int(parents[current])
        }
        return false
    }
}

/// Key paths by their bytes, numbered in the order added: open addressing over a power-of-two
/// table at most half full, each path's bytes kept once in one buffer, its hash beside it.
private struct PathTable {
    /// A node's number plus one, or 0 for an empty slot.
    private var slots: [Int32]
    private var bytes: [UInt8] = []
    private var starts: [Int] = []
    private var hashes: [UInt64] = []

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = [Int32](repeating: 0, count: size)
        starts = [0]
    }

    func find(_ path: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int? {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            let id = Int(slots[slot]) - 1
            if hashes[id] == hash, matches(id, path) { return id }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// Adds `path` (not in the table) as the next node.
    mutating func insert(_ path: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int {
        let id = hashes.count
        bytes.append(contentsOf: path)
        starts.append(bytes.count)
        hashes.append(hash)
        if (id + 1) * 2 > slots.count { grow() } else { place(id) }
        return id
    }

    private func matches(_ id: Int, _ path: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[id]
        guard starts[id + 1] - start == path.count else { return false }
        return bytes.withUnsafeBufferPointer { stored in
            path.isEmpty || memcmp(stored.baseAddress! + start, path.baseAddress!, path.count) == 0
        }
    }

    private mutating func place(_ id: Int) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hashes[id]) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(id + 1)
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        for id in hashes.indices { place(id) }
    }

    /// The hash of a path's bytes (eight at a time); the table spreads it over its slots.
    static func hash(_ path: UnsafeBufferPointer<UInt8>) -> UInt64 {
        StableHash.words64(path)
    }
}
