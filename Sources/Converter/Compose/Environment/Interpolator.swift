/// Compose variable interpolation: `$V`, `${V}`, `${V:-d}`, `${V-d}`, `${V:?msg}`, `${V?msg}`,
/// `${V:+r}`, `${V+r}`, nested defaults, and `$$` for a literal dollar.
public struct Interpolator: Sendable {
    public enum Failure: Error, Equatable {
        /// `${V:?msg}` or `${V?msg}` with `V` missing.
        case requiredVariable(name: String, message: String)
        /// A `${` with no closing brace, or a name that is not a name.
        case invalidTemplate(String)
    }

    /// Looks a variable up; nil means unset.
    public var lookup: @Sendable (String) -> String?
    /// Called once per use of an unset variable with no default.
    public var onUnset: @Sendable (String) -> Void

    public init(lookup: @escaping @Sendable (String) -> String?, onUnset: @escaping @Sendable (String) -> Void = { _ in }) {
        self.lookup = lookup
        self.onUnset = onUnset
    }

    public init(variables: [String: String], onUnset: @escaping @Sendable (String) -> Void = { _ in }) {
        self.init(lookup: { variables[$0] }, onUnset: onUnset)
    }

    /// The text with every variable substituted.
    /// - Throws: `Failure` for a required variable that is missing or a malformed template.
    public func interpolate(_ text: String) throws -> String {
        guard text.utf8.contains(UInt8(ascii: "$")) else { return text }
        var scanner = Array(text.unicodeScalars)[...]
        return try expand(&scanner, stopAtBrace: false)
    }

    private func expand(_ input: inout ArraySlice<Unicode.Scalar>, stopAtBrace: Bool) throws -> String {
        var output = String.UnicodeScalarView()
        var depth = 0
        while let character = input.first {
            if stopAtBrace, character == "}", depth == 0 { return String(output) }
            input.removeFirst()
            if character == "{" { depth += 1 }
            if character == "}" { depth -= 1 }
            guard character == "$" else {
                output.append(character)
                continue
            }
            output.append(contentsOf: try substitution(&input).unicodeScalars)
        }
        if stopAtBrace { throw Failure.invalidTemplate("missing closing brace") }
        return String(output)
    }

    /// What follows a `$`: `$`, a name, or a braced expression.
    private func substitution(_ input: inout ArraySlice<Unicode.Scalar>) throws -> String {
        guard let next = input.first else { return "$" }
        if next == "$" {
            input.removeFirst()
            return "$"
        }
        if next == "{" {
            input.removeFirst()
            return try braced(&input)
        }
        let name = takeName(&input)
        if name.isEmpty { return "$" }
        return value(of: name) ?? ""
    }

    private func braced(_ input: inout ArraySlice<Unicode.Scalar>) throws -> String {
        let name = takeName(&input)
        guard !name.isEmpty else { throw Failure.invalidTemplate("invalid variable name") }
        guard let operatorCharacter = input.first else { throw Failure.invalidTemplate("missing closing brace") }
        if operatorCharacter == "}" {
            input.removeFirst()
            return value(of: name) ?? ""
        }
        var colon = false
        if operatorCharacter == ":" {
            colon = true
            input.removeFirst()
        }
        guard let kind = input.first, ["-", "?", "+"].contains(kind) else {
            throw Failure.invalidTemplate("invalid character after ${\(name)")
        }
        input.removeFirst()
        let argument = try expand(&input, stopAtBrace: true)
        input.removeFirst()  // the closing brace
        let current = lookup(name)
        let isSet = colon ? !(current ?? "").isEmpty : current != nil
        switch kind {
        case "-":
            return isSet ? (current ?? "") : argument
        case "+":
            return isSet ? argument : ""
        default:
            if isSet { return current ?? "" }
            throw Failure.requiredVariable(name: name, message: argument)
        }
    }

    private func takeName(_ input: inout ArraySlice<Unicode.Scalar>) -> String {
        var name = String.UnicodeScalarView()
        while let character = input.first, Self.isNameCharacter(character, first: name.isEmpty) {
            name.append(character)
            input.removeFirst()
        }
        return String(name)
    }

    private func value(of name: String) -> String? {
        if let value = lookup(name) { return value }
        onUnset(name)
        return nil
    }

    static func isNameCharacter(_ character: Unicode.Scalar, first: Bool) -> Bool {
        switch character {
        case "a"..."z", "A"..."Z", "_": return true
        case "0"..."9": return !first
        default: return false
        }
    }
}
