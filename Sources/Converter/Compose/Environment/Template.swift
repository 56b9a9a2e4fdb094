/// A value as written before interpolation: literal text and `${…}` expressions, so an output
/// can turn the project's variables back into settings (a Helm value per variable) instead of
/// freezing what Compose resolved. `evaluate` resolves it exactly as `Interpolator` does.
package struct Template: Equatable, Sendable {
    /// The operators of `${NAME<op>argument}`.
    package enum Operator: String, Sendable, CaseIterable {
        /// `:-`: the argument when NAME is unset or empty.
        case defaultIfEmpty = ":-"
        /// `-`: the argument when NAME is unset.
        case defaultIfUnset = "-"
        /// `:?`: an error with the argument as message when NAME is unset or empty.
        case requiredNonEmpty = ":?"
        /// `?`: an error when NAME is unset.
        case required = "?"
        /// `:+`: the argument when NAME is set and not empty, else nothing.
        case alternativeIfNonEmpty = ":+"
        /// `+`: the argument when NAME is set, else nothing.
        case alternative = "+"
    }

    /// What `${NAME<op>argument}` does when NAME is (un)set; the argument is a template itself.
    package struct Operation: Equatable, Sendable {
        package var op: Operator
        package var argument: Template

        package init(_ op: Operator, _ argument: Template) {
            self.op = op
            self.argument = argument
        }
    }

    package indirect enum Part: Equatable, Sendable {
        /// Text as it is (`$$` already made `$`).
        case literal(String)
        /// `$NAME`, `${NAME}` (no operation), or `${NAME<op>argument}`.
        case variable(name: String, operation: Operation?)
    }

    package var parts: [Part]

    package init(parts: [Part]) {
        self.parts = parts
    }

    /// Whether the text has no variable in it.
    package var isLiteral: Bool { parts.allSatisfy { if case .literal = $0 { true } else { false } } }

    /// Every variable the template names, arguments included, in order of appearance, once each.
    package var variables: [String] {
        var seen = Set<String>()
        var names: [String] = []
        func walk(_ template: Template) {
            for part in template.parts {
                guard case .variable(let name, let operation) = part else { continue }
                if seen.insert(name).inserted { names.append(name) }
                if let operation { walk(operation.argument) }
            }
        }
        walk(self)
        return names
    }

    /// Parses `text` as Compose writes interpolation.
    /// - Throws: `Interpolator.Failure.invalidTemplate` for a `${` that does not close or a bad name.
    package static func parse(_ text: String) throws -> Template {
        var input = Array(text.unicodeScalars)[...]
        return try parse(&input, stopAtBrace: false)
    }

    private static func parse(_ input: inout ArraySlice<Unicode.Scalar>, stopAtBrace: Bool) throws -> Template {
        var parts: [Part] = []
        var literal = String.UnicodeScalarView()
        var depth = 0
        func flush() {
            if !literal.isEmpty { parts.append(.literal(String(literal))) }
            literal = String.UnicodeScalarView()
        }
        while let character = input.first {
            if stopAtBrace, character == "}", depth == 0 {
                flush()
                return Template(parts: parts)
            }
            input.removeFirst()
            if character == "{" { depth += 1 }
            if character == "}" { depth -= 1 }
            guard character == "$" else {
                literal.append(character)
                continue
            }
            guard let next = input.first else {
                literal.append("$")
                continue
            }
            if next == "$" {
                input.removeFirst()
                literal.append("$")
            } else if next == "{" {
                input.removeFirst()
                flush()
                parts.append(try braced(&input))
            } else {
                let name = takeName(&input)
                if name.isEmpty {
                    literal.append("$")
                } else {
                    flush()
                    parts.append(.variable(name: name, operation: nil))
                }
            }
        }
        if stopAtBrace { throw Interpolator.Failure.invalidTemplate("missing closing brace") }
        flush()
        return Template(parts: parts)
    }

    private static func braced(_ input: inout ArraySlice<Unicode.Scalar>) throws -> Part {
        let name = takeName(&input)
        guard !name.isEmpty else { throw Interpolator.Failure.invalidTemplate("invalid variable name") }
        guard let first = input.first else { throw Interpolator.Failure.invalidTemplate("missing closing brace") }
        if first == "}" {
            input.removeFirst()
            return .variable(name: name, operation: nil)
        }
        var symbol = ""
        if first == ":" {
            symbol = ":"
            input.removeFirst()
        }
        guard let kind = input.first, ["-", "?", "+"].contains(kind), let operation = Operator(rawValue: symbol + String(kind)) else {
            throw Interpolator.Failure.invalidTemplate("invalid character after ${\(name)")
        }
        input.removeFirst()
        let argument = try parse(&input, stopAtBrace: true)
        input.removeFirst()  // the closing brace
        return .variable(name: name, operation: Operation(operation, argument))
    }

    private static func takeName(_ input: inout ArraySlice<Unicode.Scalar>) -> String {
        var name = String.UnicodeScalarView()
        while let character = input.first, Interpolator.isNameCharacter(character, first: name.isEmpty) {
            name.append(character)
            input.removeFirst()
        }
        return String(name)
    }

    /// The value with `lookup`'s variables, as Compose resolves it; `onUnset` hears of every
    /// `$NAME`/`${NAME}` (without an operator) that `lookup` does not know, arguments included.
    /// - Throws: `Interpolator.Failure.requiredVariable` for `:?`/`?` on a missing variable.
    package func evaluate(_ lookup: (String) -> String?, onUnset: (String) -> Void = { _ in }) throws -> String {
        var output = ""
        for part in parts {
            switch part {
            case .literal(let text):
                output += text
            case .variable(let name, nil):
                if let value = lookup(name) { output += value } else { onUnset(name) }
            case .variable(let name, let operation?):
                let resolved = try operation.argument.evaluate(lookup, onUnset: onUnset)
                let current = lookup(name)
                let isSet = operation.op.rawValue.hasPrefix(":") ? !(current ?? "").isEmpty : current != nil
                switch operation.op {
                case .defaultIfEmpty, .defaultIfUnset: output += isSet ? (current ?? "") : resolved
                case .alternativeIfNonEmpty, .alternative: output += isSet ? resolved : ""
                case .requiredNonEmpty, .required:
                    guard isSet else { throw Interpolator.Failure.requiredVariable(name: name, message: resolved) }
                    output += current ?? ""
                }
            }
        }
        return output
    }

    /// The template written back as Compose syntax (`$` in literal text as `$$`).
    package var text: String {
        parts.map { part in
            switch part {
            case .literal(let text): return text.replacingBytes("$", with: "$$")
            case .variable(let name, nil): return "${\(name)}"
            case .variable(let name, let operation?): return "${\(name)\(operation.op.rawValue)\(operation.argument.text)}"
            }
        }.joined()
    }
}

extension Template {
    /// The template cut at every `separator` in its literal text (never inside a variable or its
    /// argument), as the resolved value would be cut when no variable's value holds one.
    package func split(separator: Character) -> [Template] {
        var pieces: [Template] = [Template(parts: [])]
        for part in parts {
            guard case .literal(let text) = part else {
                pieces[pieces.count - 1].parts.append(part)
                continue
            }
            let chunks = text.split(separator: separator, omittingEmptySubsequences: false)
            for (index, chunk) in chunks.enumerated() {
                if index > 0 { pieces.append(Template(parts: [])) }
                if !chunk.isEmpty { pieces[pieces.count - 1].parts.append(.literal(String(chunk))) }
            }
        }
        return pieces
    }
}
