import Yams

/// Yams' errors as located diagnostics: `file:line:col: error: invalid YAML: …`.
struct YAMLErrors {
    let text: String
    let file: String
    /// Lines before `text` in its file.
    let lineOffset: Int

    func diagnostic(_ error: YamlError) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            return .error("invalid YAML: \(Self.describe(problem, context: context?.text))", at: location(mark.line, mark.column), path: "")
        case .reader(let problem, let offset, _, _):
            let place = offset.map(position(ofCharacter:)) ?? (line: 1, column: 1)
            return .error("invalid YAML: \(problem)", at: location(place.line, place.column), path: "")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let key = duplicates.first ?? ""
            guard let again = secondOccurrence(of: key, after: context.mark) else {
                return .error(
                    "invalid YAML: duplicate key \"\(key)\" (written again later in the same mapping)",
                    at: location(context.mark.line, context.mark.column), path: "")
            }
            return Self.duplicateKey(key, first: context.mark.line + lineOffset, at: location(again.line, again.column), path: "")
        case .memory:
            return .error("invalid YAML: out of memory", at: .file(file), path: "")
        default:
            return .error("invalid YAML: \(error)", at: .file(file), path: "")
        }
    }

    static func duplicateKey(_ key: String, first line: Int, at location: SourceLocation, path: String) -> Diagnostic {
        .error("invalid YAML: duplicate key \"\(key)\" (first at line \(line))", at: location, path: path)
    }

    /// libyaml's words, with its nesting limit said as what the user wrote.
    private static func describe(_ problem: String, context: String?) -> String {
        if problem.hasPrefix("Maximum nesting level reached") {
            return "collections nest deeper than \(YAMLDocumentLoader.depthLimit) levels"
        }
        return (context.map { $0 + " " } ?? "") + problem
    }

    private func location(_ line: Int, _ column: Int) -> SourceLocation {
        SourceLocation(file: file, line: line + lineOffset, column: column)
    }

    /// The line and column (1-based, in Unicode scalars as libyaml counts) of the character at `offset`.
    private func position(ofCharacter offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for character in text.prefix(offset) {
            if character == "\n" || character == "\r\n" {
                line += 1
                column = 1
            } else {
                column += character.unicodeScalars.count
            }
        }
        return (line, column)
    }

    /// Yams reports a duplicate key where it is first written; the error belongs where it is
    /// written again. In a block mapping that is the next line holding the key at the same
    /// column before the mapping ends (a line indented less); a flow mapping is not searched.
    private func secondOccurrence(of key: String, after mark: Mark) -> (line: Int, column: Int)? {
        let indent = mark.column - 1
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard mark.line < lines.count else { return nil }
        for (index, line) in lines.enumerated().dropFirst(mark.line) {
            let body = line.drop { $0 == " " }
            if body.isEmpty || body.hasPrefix("#") { continue }
            let column = line.count - body.count
            if column < indent { return nil }
            guard column == indent else { continue }
            for written in [key, "\"\(key)\"", "'\(key)'"] where body.hasPrefix(written) {
                if body.dropFirst(written.count).drop(while: { $0 == " " }).hasPrefix(":") { return (index + 1, column + 1) }
            }
        }
        return nil
    }
}
