/// A large compose file parsed on every core: its `services:` block is cut where a service
/// starts, each piece is parsed alone (at its own line offset, so every location is the one in
/// the file), and the rest of the file is parsed with the block's lines left empty.
///
/// The pieces give the tree one parse gives, or nothing: a line at the services' indentation ends
/// every value nested in a service (a block scalar, a plain scalar), and whatever else could span
/// a cut (a quote, a bracket, an alias to an anchor in another piece) makes a piece fail alone.
/// A piece or the rest that fails, a service name in two pieces, too many nodes or a layout not
/// cut so (no top-level `services:` line of its own, a tab, a list) gives nil, and the caller
/// parses the whole text: the same tree, or the same error, as always.
struct ServicesSplit {
    /// The file with the services block's lines left empty.
    private let rest: [UInt8]
    /// The pieces of the block, each with the number of lines before it.
    private let pieces: [(text: [UInt8], lineOffset: Int)]
    /// The line of `services:` (0 for the first).
    private let servicesLine: Int
    /// The column the services' names start at (0 for the first).
    private let indent: Int

    /// About how many pieces a block is cut into: several per core, so the cores stay busy.
    static let pieceCount = 8

    /// The cut of `bytes`, or nil when its services block is not laid out to be cut.
    init?(_ bytes: UnsafeBufferPointer<UInt8>) {
        let lines = Self.lineStarts(bytes)
        func line(_ index: Int) -> UnsafeBufferPointer<UInt8> {
            let end = index + 1 < lines.count ? lines[index + 1] : bytes.count
            return UnsafeBufferPointer(rebasing: bytes[lines[index]..<end])
        }
        guard let servicesLine = lines.indices.first(where: { Self.isServicesKey(line($0)) }) else { return nil }
        // The block: every line after `services:` up to the next one that starts at column 0.
        var blockEnd = servicesLine + 1
        var indent: Int?
        var cuts: [Int] = []
        while blockEnd < lines.count {
            let text = line(blockEnd)
            let spaces = text.prefix { $0 == UInt8(ascii: " ") }.count
            let first = spaces < text.count ? text[spaces] : UInt8(ascii: "\n")
            if first == UInt8(ascii: "\t") { return nil }
            let isBlank = first == UInt8(ascii: "\n") || first == UInt8(ascii: "\r") || first == UInt8(ascii: "#")
            if spaces == 0, !isBlank { break }
            if !isBlank, spaces <= indent ?? spaces {
                // At the services' level only their names: no list, merge key, tag or bracket.
                guard Self.startsKey(first), spaces == indent ?? spaces else { return nil }
                indent = spaces
                cuts.append(blockEnd)
            }
            blockEnd += 1
        }
        guard let indent, cuts.count > 1 else { return nil }
        let blockStart = servicesLine + 1
        let blockBytes = (lines[blockStart], blockEnd < lines.count ? lines[blockEnd] : bytes.count)
        // Pieces of about equal size, each from a service's first line to the next piece's.
        var starts = [blockStart]
        let size = (blockBytes.1 - blockBytes.0) / Self.pieceCount + 1
        for cut in cuts.dropFirst() where lines[cut] - lines[starts[starts.count - 1]] >= size { starts.append(cut) }
        pieces = starts.indices.map { index in
            let end = index + 1 < starts.count ? lines[starts[index + 1]] : blockBytes.1
            return (Array(bytes[lines[starts[index]]..<end]), starts[index])
        }
        rest =
            Array(bytes[..<blockBytes.0]) + [UInt8](repeating: UInt8(ascii: "\n"), count: blockEnd - blockStart)
            + Array(bytes[blockBytes.1...])
        // An alias outside the block could name an anchor a service redefines, which one parse
        // would give it and the rest alone would not.
        let block = UnsafeBufferPointer(rebasing: bytes[blockBytes.0..<blockBytes.1])
        if ByteSearch.firstOffset(of: UInt8(ascii: "&"), in: block, from: 0) != nil,
            rest.withUnsafeBufferPointer({ ByteSearch.firstOffset(of: UInt8(ascii: "*"), in: $0, from: 0) }) != nil
        {
            return nil
        }
        self.servicesLine = servicesLine
        self.indent = indent
    }

    /// The document, parsed in pieces on every core; nil when one parse of the whole text is needed.
    func load(file: String, lineOffset: Int) -> RawNode? {
        let texts = [(rest, 0)] + pieces
        let (indent, servicesLine) = (indent, servicesLine)
        let parsed = Parallel.map(Array(texts.indices)) { index -> (node: RawNode, nodes: Int)? in
            texts[index].0.withUnsafeBufferPointer { bytes in
                // The rest is the document; a piece is the services mapping, a level below the root.
                try? YAMLDocumentLoader.parse(
                    bytes, file: file, lineOffset: lineOffset + texts[index].1, path: index == 0 ? [] : ["services"],
                    depth: index == 0 ? 0 : 1)
            }
        }
        guard let document = parsed[0], var entries = document.node.entries,
            let position = entries.firstIndex(where: { $0.key == "services" }),
            entries[position].keyLocation == SourceLocation(file: file, line: lineOffset + servicesLine + 1, column: 1),
            entries[position].value.scalar == RawNode.Scalar("", isPlain: true)
        else { return nil }
        var services: [RawNode.Entry] = []
        var nodes = document.nodes - 1
        for piece in parsed.dropFirst() {
            guard let piece, let pieceEntries = piece.node.entries,
                pieceEntries.allSatisfy({ $0.keyLocation.column == indent + 1 })
            else { return nil }
            services += pieceEntries
            nodes += piece.nodes - 1
        }
        guard nodes + 1 <= YAMLDocumentLoader.nodeLimit, Set(services.map(\.key)).count == services.count,
            let first = parsed[1]?.node.location
        else { return nil }
        entries[position].value = RawNode(.mapping(services), at: first)
        return RawNode(.mapping(entries), at: document.node.location, mergeTag: document.node.mergeTag)
    }

    /// The offset of every line's first byte.
    private static func lineStarts(_ bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
        var starts = [0]
        var from = 0
        while let found = ByteSearch.firstOffset(of: UInt8(ascii: "\n"), in: bytes, from: from), found + 1 < bytes.count {
            starts.append(found + 1)
            from = found + 1
        }
        return starts
    }

    /// Whether `line` is `services:` alone at column 0 (spaces or a comment may follow).
    private static func isServicesKey(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        let key = Array("services:".utf8)
        guard line.count >= key.count, line.prefix(key.count).elementsEqual(key) else { return false }
        let after = line.dropFirst(key.count).drop { $0 == UInt8(ascii: " ") }
        guard let next = after.first else { return true }
        // A comment needs a space before it, as in YAML.
        return next == UInt8(ascii: "\n") || next == UInt8(ascii: "\r")
            || (next == UInt8(ascii: "#") && after.count < line.count - key.count)
    }

    /// Whether a line whose first character is `byte` can start a service's key: a letter,
    /// digit, `_` or quote (never `-`, `?`, `&`, `*`, `!` or a flow bracket).
    private static func startsKey(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "_"), UInt8(ascii: "\""), UInt8(ascii: "'"):
            return true
        default:
            return false
        }
    }
}
