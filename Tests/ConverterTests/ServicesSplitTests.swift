import Testing

@testable import Converter

/// A large file's services parsed in pieces give the tree one parse gives, or the split gives way
/// to one parse (`ServicesSplit`).
@Suite struct ServicesSplitTests {
    /// Services with every construct that spans lines: block scalars (kept trailing lines too),
    /// multi-line plain, quoted and flow values, anchors and merge keys within a service, tags,
    /// comments at every column, CRLF lines and quoted names.
    static func project(services: Int = 400, lineBreak: String = "\n") -> String {
        var lines = ["# generated", "name: big", "x-note: &note {a: 1}", "services:", "# before the first service", ""]
        for index in 0..<services {
            lines += [
                "  s\(index):  # a comment after the name",
                "    image: \"img:\(index)\"",
                "    command: |+",
                "      echo \(index)",
                "        indented more",
                "",
                "# a comment at column 0 inside the block",
                "    entrypoint: >-",
                "      folded",
                "      text",
                "    labels: &l\(index) {a: \"x\", b: [1, 2,",
                "      3]}",
                "    annotations: *l\(index)",
                "    environment:",
                "      <<: {BASE: one, OTHER: two}",
                "      PLAIN: a plain value",
                "        that goes on",
                "      QUOTED: \"a quoted value",
                "        on two lines\"",
                "      EMPTY:",
                "    networks: !reset []",
                "",
            ]
        }
        lines += ["  \"quoted.name\":", "    image: q", "  'single':", "    image: s", "volumes:", "  data: {}", "x-end: {}"]
        return lines.joined(separator: lineBreak) + lineBreak
    }

    @Test(arguments: ["\n", "\r\n"])
    func piecesGiveTheTreeOfOneParse(lineBreak: String) throws {
        var text = Self.project(lineBreak: lineBreak)
        let split = text.withUTF8 { bytes in ServicesSplit(bytes)?.load(file: "big.yaml", lineOffset: 3) }
        let tree = try #require(split, "the split gave way")
        let whole = try YAMLDocumentLoader.load(text, file: "big.yaml", lineOffset: 3, split: false)
        #expect(Self.dump(tree) == Self.dump(whole))
        #expect(whole["services"]?.entries?.count == 402)
        #expect(Self.dump(try YAMLDocumentLoader.load(text, file: "big.yaml", lineOffset: 3)) == Self.dump(whole))
    }

    /// Layouts the split refuses or pieces that fail alone: the load gives one parse's tree or error.
    @Test(arguments: [
        ("an alias to another piece's anchor", "  s399:\n    labels: *l0\n", true),
        ("a quote open across a cut", "  s399:\n    command: \"open\n  s400: x\"\n", true),
        ("a service named twice", "  s0:\n    image: again\n", true),
        ("a merge key at the services' level", "  <<: {x: {image: y}}\n", true),
        ("an alias after the block to an anchor a service redefines", "", false),
        ("a service less indented than the others", " s399:\n    image: y\n", true),
        ("a tab before a service", "\ts399:\n    image: y\n", true),
    ])
    func whatCannotBeCutIsParsedWhole(what: String, appended: String, inServices: Bool) throws {
        var text = Self.project()
        let end = text.range(of: "volumes:\n")!.lowerBound
        text.insert(contentsOf: appended, at: end)
        if !inServices { text = text.replacingOccurrences(of: "x-note: &note", with: "x-note: &l3") + "x-last: *l3\n" }
        let split = text.withUTF8 { bytes in ServicesSplit(bytes)?.load(file: "big.yaml", lineOffset: 0) }
        #expect(split == nil, "\(what)")
        #expect(Self.outcome(text, split: true) == Self.outcome(text, split: false), "\(what)")
    }

    @Test func aFileWithoutAServicesLineOfItsOwnIsParsedWhole() throws {
        var flow = "services: {" + (0..<50).map { "s\($0): {image: x}" }.joined(separator: ", ") + "}\n"
        #expect(flow.withUTF8 { ServicesSplit($0) } == nil)
        var list = "services:\n" + (0..<50).map { "  - s\($0)\n" }.joined()
        #expect(list.withUTF8 { ServicesSplit($0) } == nil)
        var one = "services:\n  only:\n    image: x\n"
        #expect(one.withUTF8 { ServicesSplit($0) } == nil)
    }

    /// The tree, or the error, of a load.
    private static func outcome(_ text: String, split: Bool) -> String {
        do {
            return dump(try YAMLDocumentLoader.load(text, file: "big.yaml", split: split))
        } catch {
            return "error: \(error)"
        }
    }

    /// Every node with its location, plainness and tag; every key with its location.
    static func dump(_ node: RawNode) -> String {
        let head = "@\(node.location.line):\(node.location.column)\(node.mergeTag.map { " \($0.rawValue)" } ?? "")"
        switch node.value {
        case .scalar(let scalar): return "\(head) \(scalar.isPlain ? "plain" : "quoted") \(scalar.text.debugDescription)"
        case .sequence(let items): return "\(head) [" + items.map(dump).joined(separator: ", ") + "]"
        case .mapping(let entries):
            return "\(head) {"
                + entries.map { "\($0.key.debugDescription)@\($0.keyLocation.line):\($0.keyLocation.column): \(dump($0.value))" }
                .joined(separator: ", ") + "}"
        }
    }
}
