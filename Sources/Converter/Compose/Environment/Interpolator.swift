/// Compose variable interpolation: `$V`, `${V}`, `${V:-d}`, `${V-d}`, `${V:?msg}`, `${V?msg}`,
/// `${V:+r}`, `${V+r}`, nested defaults, and `$$` for a literal dollar.
package struct Interpolator {
    package enum Failure: Error, Equatable {
        /// `${V:?msg}` or `${V?msg}` with `V` missing.
        case requiredVariable(name: String, message: String)
        /// A `${` with no closing brace, or a name that is not a name.
        case invalidTemplate(String)
    }

    /// Looks a variable up; nil means unset.
    package var lookup: (String) -> String?
    /// Called once per use of an unset variable with no default.
    package var onUnset: (String) -> Void

    package init(lookup: @escaping (String) -> String?, onUnset: @escaping (String) -> Void = { _ in }) {
        self.lookup = lookup
        self.onUnset = onUnset
    }

    package init(variables: [String: String], onUnset: @escaping (String) -> Void = { _ in }) {
        self.init(lookup: { variables[$0] }, onUnset: onUnset)
    }

    /// The text with every variable substituted (`Template` parses it and resolves it).
    /// - Throws: `Failure` for a required variable that is missing or a malformed template.
    package func interpolate(_ text: String) throws -> String {
        guard text.utf8.contains(UInt8(ascii: "$")) else { return text }
        return try Template.parse(text).evaluate(lookup, onUnset: onUnset)
    }

    static func isNameCharacter(_ character: Unicode.Scalar, first: Bool) -> Bool {
        switch character {
        case "a"..."z", "A"..."Z", "_": return true
        case "0"..."9": return !first
        default: return false
        }
    }
}
