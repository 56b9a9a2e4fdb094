import Foundation

/// Reads `.env` and `env_file` files the way Compose does: `KEY=VALUE`, `export KEY=VALUE`,
/// comments, single quotes (literal), double quotes (escapes and interpolation), and bare `KEY`.
package enum DotEnvParser {
    package struct Failure: Error, Equatable {
        package var line: Int
        package var message: String
    }

    /// The variables of `text` in order; a bare `KEY` takes its value from `lookup` and is left
    /// out when that has none.
    /// - Parameter lookup: earlier definitions are consulted first, then this (the process environment).
    package static func parse(_ text: String, lookup: @escaping (String) -> String? = { _ in nil }) throws -> [(key: String, value: String)]
    {
        var result: [(key: String, value: String)] = []
        var defined: [String: String] = [:]
        var lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)[...]
        var lineNumber = 0
        while let rawLine = lines.popFirst() {
            lineNumber += 1
            var line = rawLine.drop { $0 == " " || $0 == "\t" }
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = line.dropFirst(7).drop { $0 == " " } }
            guard let separator = line.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
                let key = String(line).trimmingCharacters(in: .whitespaces)
                try validate(key: key, line: lineNumber)
                if let value = defined[key] ?? lookup(key) { result.append((key, value)) }
                continue
            }
            let key = String(line[..<separator]).trimmingCharacters(in: .whitespaces)
            try validate(key: key, line: lineNumber)
            var rest = String(line[line.index(after: separator)...])
            let startLine = lineNumber
            let value = try parseValue(&rest, continuation: &lines, lineNumber: &lineNumber, startLine: startLine) { name in
                defined[name] ?? lookup(name)
            }
            defined[key] = value
            result.append((key, value))
        }
        return result
    }

    private static func validate(key: String, line: Int) throws {
        guard !key.isEmpty, !key.contains(where: { $0 == " " || $0 == "\t" }) else {
            throw Failure(line: line, message: "unexpected character in variable name \"\(key)\"")
        }
    }

    private static func parseValue(
        _ rest: inout String, continuation lines: inout ArraySlice<Substring>, lineNumber: inout Int,
        startLine: Int, lookup: @escaping (String) -> String?
    ) throws -> String {
        let trimmed = rest.drop { $0 == " " || $0 == "\t" }
        guard let quote = trimmed.first, quote == "'" || quote == "\"" else {
            return try interpolate(unquoted(trimmed), lookup: lookup, line: startLine)
        }
        var body = String(trimmed.dropFirst())
        var closingIndex = closingQuoteIndex(body, quote: quote)
        while closingIndex == nil {
            guard let next = lines.popFirst() else {
                throw Failure(line: startLine, message: "unterminated quoted value")
            }
            lineNumber += 1
            body += "\n" + next
            closingIndex = closingQuoteIndex(body, quote: quote)
        }
        guard let closing = closingIndex else { return body }
        let inner = String(body[..<closing])
        if quote == "'" { return inner }
        return try interpolate(unescape(inner), lookup: lookup, line: startLine)
    }

    private static func unquoted(_ text: Substring) -> String {
        var value = text
        if let comment = value.range(of: " #") { value = value[..<comment.lowerBound] }
        return value.trimmingCharacters(in: .whitespaces)
    }

    private static func closingQuoteIndex(_ body: String, quote: Character) -> String.Index? {
        var escaped = false
        for index in body.indices {
            let character = body[index]
            if escaped {
                escaped = false
                continue
            }
            if character == "\\", quote == "\"" {
                escaped = true
                continue
            }
            if character == quote { return index }
        }
        return nil
    }

    private static func unescape(_ text: String) -> String {
        var output = ""
        var escaped = false
        for character in text {
            if escaped {
                switch character {
                case "n": output.append("\n")
                case "t": output.append("\t")
                case "r": output.append("\r")
                default: output.append(character)
                }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                output.append(character)
            }
        }
        return output
    }

    private static func interpolate(_ text: String, lookup: @escaping (String) -> String?, line: Int) throws -> String {
        do {
            return try Interpolator(lookup: lookup).interpolate(text)
        } catch let failure as Interpolator.Failure {
            throw Failure(line: line, message: "\(failure)")
        }
    }
}
