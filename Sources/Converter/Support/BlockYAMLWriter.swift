import Foundation

/// A small, fast block-style YAML writer for `Manifest` trees, in the style kubectl users know:
/// two-space indentation, sequences under a key not indented further, strings quoted exactly
/// when they would otherwise read as something else, multi-line strings as literal blocks.
package enum BlockYAMLWriter {
    package static func write(_ manifest: Manifest) -> String {
        var output = ""
        write(manifest, into: &output)
        return output
    }

    /// Appends the document to `output`, so a stream of documents is written into one string.
    package static func write(_ manifest: Manifest, into output: inout String) {
        switch manifest {
        case .map(let pairs) where !pairs.isEmpty: writeMap(pairs, indent: 0, into: &output)
        case .list(let items) where !items.isEmpty: writeList(items, indent: 0, into: &output)
        default:
            output += inline(manifest)
            output += "\n"
        }
    }

    private static func writeMap(_ pairs: [(String, Manifest)], indent: Int, into output: inout String, firstLinePrefix: String? = nil) {
        let pad = String(repeating: " ", count: indent)
        for (index, (key, value)) in pairs.enumerated() {
            output += index == 0 ? firstLinePrefix ?? pad : pad
            output += scalar(key)
            output += ":"
            writeValue(value, indent: indent, into: &output)
        }
    }

    private static func writeList(_ items: [Manifest], indent: Int, into output: inout String) {
        let pad = String(repeating: " ", count: indent)
        for item in items {
            switch item {
            case .map(let pairs) where !pairs.isEmpty:
                writeMap(pairs, indent: indent + 2, into: &output, firstLinePrefix: pad + "- ")
            case .list(let inner) where !inner.isEmpty:
                output += pad
                output += "-\n"
                writeList(inner, indent: indent + 2, into: &output)
            case .string(let text) where text.utf8.contains(10):
                output += pad
                output += "-"
                output += literal(text, indent: indent + 2)
            default:
                output += pad
                output += "- "
                output += inline(item)
                output += "\n"
            }
        }
    }

    /// The part after `key:` — a space and an inline value, or a nested block.
    private static func writeValue(_ value: Manifest, indent: Int, into output: inout String) {
        switch value {
        case .map(let pairs) where !pairs.isEmpty:
            output += "\n"
            writeMap(pairs, indent: indent + 2, into: &output)
        case .list(let items) where !items.isEmpty:
            output += "\n"
            writeList(items, indent: indent, into: &output)
        case .string(let text) where text.utf8.contains(10):
            output += literal(text, indent: indent + 2)
        default:
            output += " "
            output += inline(value)
            output += "\n"
        }
    }

    static func inline(_ value: Manifest) -> String {
        switch value {
        case .null: return "null"
        case .bool(let bool): return bool ? "true" : "false"
        case .int(let int): return String(int)
        case .string(let text): return scalar(text)
        case .list: return "[]"
        case .map: return "{}"
        }
    }

    /// A literal block (`|`, `|-` or `|+` by its trailing newlines). A YAML reader takes the
    /// block's indentation from its first line that is not empty, so when that line starts with
    /// white space the block says its indentation (`|2`).
    private static func literal(_ text: String, indent: Int) -> String {
        if text.unicodeScalars.contains(where: { isUnsafe($0) && $0 != "\n" && $0 != "\t" }) {
            return " " + doubleQuoted(text) + "\n"
        }
        var body = Substring(text)
        var trailing = 0
        while body.hasSuffix("\n") {
            body = body.dropLast()
            trailing += 1
        }
        let chomping = trailing == 0 ? "-" : trailing == 1 ? "" : "+"
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        let indicator = needsIndentationIndicator(lines) ? "2" : ""
        let pad = String(repeating: " ", count: indent)
        var output = " |\(indicator)\(chomping)\n"
        for line in lines {
            output += line.isEmpty ? "\n" : pad + line + "\n"
        }
        if trailing > 1 { output += String(repeating: "\n", count: trailing - 1) }
        return output
    }

    /// Whether the first line that is not empty starts with a space or a tab: a reader would
    /// take it for indentation (or reject the tab).
    private static func needsIndentationIndicator(_ lines: [Substring]) -> Bool {
        guard let first = lines.first(where: { !$0.isEmpty })?.first else { return false }
        return first == " " || first == "\t"
    }

    /// The text plain when it reads back as the same string, double-quoted otherwise.
    package static func scalar(_ text: String) -> String {
        needsQuotes(text) ? doubleQuoted(text) : text
    }

    static let reservedWords: Set<String> = [
        "", "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE", "y", "Y", "yes", "Yes", "YES",
        "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "<<", "=",
    ]

    /// Text longer than every reserved word is not looked up (most scalars are).
    private static let longestReservedWord = reservedWords.map(\.utf8.count).max() ?? 0

    /// One pass over the bytes: indicators, `: ` and ` #`, edge spaces, control and line-break
    /// characters, and anything that reads as a number, a date or a time.
    static func needsQuotes(_ text: String) -> Bool {
        if text.utf8.count <= longestReservedWord, reservedWords.contains(text) { return true }
        var utf8 = text.utf8
        return utf8.withContiguousStorageIfAvailable(needsQuotes)
            ?? {
                var copy = text
                copy.makeContiguousUTF8()
                utf8 = copy.utf8
                return utf8.withContiguousStorageIfAvailable(needsQuotes) ?? true
            }()
    }

    private static func needsQuotes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return true }
        if first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09 || last == 0x3A { return true }  // edge space, trailing ':'
        let isDigit = { (byte: UInt8) in byte >= 0x30 && byte <= 0x39 }
        if indicators[Int(first)] {
            let plainDash = first == 0x2D && bytes.count > 1 && bytes[1] != 0x20 && !isDigit(bytes[1]) && bytes[1] != 0x2E
            if !plainDash { return true }
        }
        var numeric = true
        var sawDigit = false
        var nonASCII = false
        var previous: UInt8 = 0
        for byte in bytes {
            if byte < 0x20 || byte == 0x7F { return true }
            if byte >= 0x80 { nonASCII = true }
            if (previous == 0x3A && byte == 0x20) || (previous == 0x20 && byte == 0x23) { return true }  // ": " and " #"
            if numeric && !numberCharacters[Int(byte)] { numeric = false }
            if isDigit(byte) { sawDigit = true }
            previous = byte
        }
        if numeric && sawDigit {
            let second = bytes.count > 1 ? bytes[1] : 0
            if isDigit(first) || ((first == 0x2B || first == 0x2D || first == 0x2E) && isDigit(second)) { return true }
        }
        if first == 0x2E, bytes.count <= 5 { return true }  // .inf, .nan, .5
        if nonASCII, let text = String(bytes: bytes, encoding: .utf8), text.unicodeScalars.contains(where: isUnsafe) { return true }
        return false
    }

    /// Control characters, byte-order marks and Unicode line breaks: written escaped.
    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || [0xFEFF, 0x2028, 0x2029].contains(scalar.value)
    }

    /// Characters a YAML indicator may start a plain scalar with only in some contexts.
    private static let indicators: [Bool] = (0..<256).map { "-?:,[]{}#&*!|>'\"%@`".utf8.contains(UInt8($0)) }
    /// Characters numbers, dates, times and hex/octal/binary literals are made of.
    private static let numberCharacters: [Bool] = (0..<256).map { "0123456789+-._:eExXoObBabcdefABCDEF".utf8.contains(UInt8($0)) }

    static func doubleQuoted(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\t": output += "\\t"
            case "\r": output += "\\r"
            case _ where isUnsafe(scalar):
                let hex = String(scalar.value, radix: 16)
                output +=
                    scalar.value <= 0xFF
                    ? "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
                    : "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output + "\""
    }
}
