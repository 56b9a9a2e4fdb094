import Foundation

/// Typed views of a `RawNode`, resolving plain scalars the way YAML 1.2's core schema does
/// (as Docker Compose's YAML library does: `yes`/`on` stay strings).
extension RawNode {
    package var scalar: Scalar? {
        if case .scalar(let scalar) = value { return scalar }
        return nil
    }

    package var entries: [Entry]? {
        if case .mapping(let entries) = value { return entries }
        return nil
    }

    package var items: [RawNode]? {
        if case .sequence(let items) = value { return items }
        return nil
    }

    package var isNull: Bool {
        guard case .scalar(let scalar) = value, scalar.isPlain else { return false }
        switch scalar.text {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }

    /// The scalar's text unless it is null; numbers and booleans give their written text.
    package var text: String? {
        guard let scalar, !isNull else { return nil }
        return scalar.text
    }

    package var bool: Bool? {
        guard let scalar else { return nil }
        switch scalar.text {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }

    /// Whether a plain scalar reads as a boolean (so a string-typed key rejects it like compose does).
    package var isPlainBool: Bool {
        scalar?.isPlain == true && bool != nil
    }

    package var int: Int? {
        guard let text = text?.trimmingSpaces() else { return nil }
        if let value = Int(text) { return value }
        if text.hasPrefix("0x"), let value = Int(text.dropFirst(2), radix: 16) { return value }
        if text.hasPrefix("0o"), let value = Int(text.dropFirst(2), radix: 8) { return value }
        return nil
    }

    package var double: Double? {
        guard let text else { return nil }
        return Double(text)
    }

    /// The kind of value, for "expected X, found Y" messages.
    package var kindName: String {
        switch value {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let scalar):
            if isNull { return "null" }
            if scalar.isPlain, bool != nil { return "a boolean" }
            if scalar.isPlain, int != nil || double != nil { return "a number" }
            return "a string"
        }
    }

    /// The value of `key` in a mapping.
    package subscript(key: String) -> RawNode? {
        entry(key)?.value
    }

    /// The entry for `key` in a mapping, with the key's own location. The entries are compared
    /// where they are: walking them with an iterator copied each one (its key, location and
    /// value) to compare its key.
    package func entry(_ key: String) -> Entry? {
        guard case .mapping(let entries) = value else { return nil }
        for index in entries.indices where entries[index].key == key { return entries[index] }
        return nil
    }
}
