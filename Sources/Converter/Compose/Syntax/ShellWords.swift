/// Splits a command string into words as a POSIX shell would, without expanding anything:
/// quotes group, backslashes escape (`echo "a b" 'c d'` → `echo`, `a b`, `c d`).
package enum ShellWords {
    package struct Failure: Error, Equatable, CustomStringConvertible {
        package var description: String
    }

    package static func split(_ text: String) throws -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for character in text {
            if escaped {
                current.append(character)
                escaped = false
                continue
            }
            if let open = quote {
                if character == open {
                    quote = nil
                } else if character == "\\", open == "\"" {
                    escaped = true
                } else {
                    current.append(character)
                }
                continue
            }
            switch character {
            case "\\":
                escaped = true
                inWord = true
            case "'", "\"":
                quote = character
                inWord = true
            case " ", "\t", "\n":
                if inWord { words.append(current) }
                current = ""
                inWord = false
            default:
                current.append(character)
                inWord = true
            }
        }
        if quote != nil { throw Failure(description: "unterminated quote in \"\(text)\"") }
        if inWord { words.append(current) }
        return words
    }
}
