import Foundation

/// A small block-style YAML writer for `Manifest` trees, in the style kubectl users know:
/// two-space indentation, sequences under a key not indented further, strings quoted exactly
/// when they would otherwise read as something else, multi-line strings as literal blocks.
package enum BlockYAMLWriter {
    package static func write(_ manifest: Manifest) -> String {
        String(decoding: bytes(manifest), as: UTF8.self)
    }

    /// Appends the document to `output`, so a stream of documents is written into one string.
    package static func write(_ manifest: Manifest, into output: inout String) {
        output += write(manifest)
    }

    /// The document as UTF-8 bytes.
    package static func bytes(_ manifest: Manifest) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(4096)
        switch manifest {
        case .map(let pairs) where !pairs.isEmpty: writeMap(pairs, indent: 0, into: &output)
        case .list(let items) where !items.isEmpty: writeList(items, indent: 0, into: &output)
        default:
            appendInline(manifest, to: &output)
            output.append(newline)
        }
        return output
    }

    private static let newline = UInt8(ascii: "\n")
    private static let space = UInt8(ascii: " ")

    /// Spaces to indent with, copied a run at a time (deeper indentation is rare, and added in runs).
    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 64)

    package static func pad(_ indent: Int, into output: inout [UInt8]) {
        var left = indent
        while left > 0 {
            let run = min(left, spaces.count)
            output.append(contentsOf: spaces[..<run])
            left -= run
        }
    }

    /// Whether `text` holds a line break (it is then written as a literal block).
    private static func isMultiline(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.baseAddress.map { memchr($0, Int32(newline), bytes.count) != nil } ?? false
        } ?? text.utf8.contains(newline)
    }

    /// `firstLineIsItem`: the first key follows a `- ` at `indent - 2` (a map that is a list item).
    private static func writeMap(_ pairs: [(String, Manifest)], indent: Int, into output: inout [UInt8], firstLineIsItem: Bool = false) {
        for (index, (key, value)) in pairs.enumerated() {
            if index == 0, firstLineIsItem {
                pad(indent - 2, into: &output)
                output.append(UInt8(ascii: "-"))
                output.append(space)
            } else {
                pad(indent, into: &output)
            }
            appendScalar(key, to: &output)
            output.append(UInt8(ascii: ":"))
            writeValue(value, indent: indent, into: &output)
        }
    }

    private static func writeList(_ items: [Manifest], indent: Int, into output: inout [UInt8]) {
        for item in items {
            switch item {
            case .map(let pairs) where !pairs.isEmpty:
                writeMap(pairs, indent: indent + 2, into: &output, firstLineIsItem: true)
            case .list(let inner) where !inner.isEmpty:
                pad(indent, into: &output)
                output.append(UInt8(ascii: "-"))
                output.append(newline)
                writeList(inner, indent: indent + 2, into: &output)
            case .string(let text) where isMultiline(text):
                pad(indent, into: &output)
                output.append(UInt8(ascii: "-"))
                appendLiteral(text, indent: indent + 2, to: &output)
            default:
                pad(indent, into: &output)
                output.append(UInt8(ascii: "-"))
                output.append(space)
                appendInline(item, to: &output)
                output.append(newline)
            }
        }
    }

    /// The part after `key:` — a space and an inline value, or a nested block.
    private static func writeValue(_ value: Manifest, indent: Int, into output: inout [UInt8]) {
        switch value {
        case .map(let pairs) where !pairs.isEmpty:
            output.append(newline)
            writeMap(pairs, indent: indent + 2, into: &output)
        case .list(let items) where !items.isEmpty:
            output.append(newline)
            writeList(items, indent: indent, into: &output)
        case .string(let text) where isMultiline(text):
            appendLiteral(text, indent: indent + 2, to: &output)
        default:
            output.append(space)
            appendInline(value, to: &output)
            output.append(newline)
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

    private static func appendInline(_ value: Manifest, to output: inout [UInt8]) {
        if case .string(let text) = value { return appendScalar(text, to: &output) }
        output += inline(value).utf8
    }

    private static func appendScalar(_ text: String, to output: inout [UInt8]) {
        if needsQuotes(text) { output += doubleQuoted(text).utf8 } else { output += text.utf8 }
    }

    /// A literal block (`|`, `|-` or `|+` by its trailing newlines). A YAML reader takes the
    /// block's indentation from its first line that is not empty, so when that line starts with
    /// white space the block says its indentation (`|2`).
    private static func appendLiteral(_ text: String, indent: Int, to output: inout [UInt8]) {
        if text.unicodeScalars.contains(where: { isUnsafe($0) && $0 != "\n" && $0 != "\t" }) {
            output.append(space)
            output += doubleQuoted(text).utf8
            output.append(newline)
            return
        }
        var body = text.utf8[...]
        var trailing = 0
        while body.last == newline {
            body = body.dropLast()
            trailing += 1
        }
        let lines = body.split(separator: newline, omittingEmptySubsequences: false)
        output += " |".utf8
        if needsIndentationIndicator(lines) { output.append(UInt8(ascii: "2")) }
        if trailing != 1 { output.append(trailing == 0 ? UInt8(ascii: "-") : UInt8(ascii: "+")) }
        output.append(newline)
        for line in lines {
            if !line.isEmpty {
                pad(indent, into: &output)
                output += line
            }
            output.append(newline)
        }
        if trailing > 1 { output.append(contentsOf: repeatElement(newline, count: trailing - 1)) }
    }

    /// Whether the first line that is not empty starts with a space or a tab: a reader would
    /// take it for indentation (or reject the tab).
    private static func needsIndentationIndicator(_ lines: [Substring.UTF8View.SubSequence]) -> Bool {
        guard let first = lines.first(where: { !$0.isEmpty })?.first else { return false }
        return first == space || first == UInt8(ascii: "\t")
    }

    /// The text plain when it reads back as the same string, double-quoted otherwise.
    package static func scalar(_ text: String) -> String {
        needsQuotes(text) ? doubleQuoted(text) : text
    }

    /// Scalars a YAML reader takes for null, a boolean, a merge key or a value: written quoted.
    private static let reservedWords = [
        "", "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE", "y", "Y", "yes", "Yes", "YES",
        "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "<<", "=",
    ]

    /// The reserved words' bytes by their length: a short scalar (keys, ports, protocols) is
    /// compared with the few of its length, not hashed.
    private static let reservedWordsByLength: [[[UInt8]]] = {
        var table = [[[UInt8]]](repeating: [], count: (reservedWords.map(\.utf8.count).max() ?? 0) + 1)
        for word in reservedWords { table[word.utf8.count].append(Array(word.utf8)) }
        return table
    }()

    private static func isReservedWord(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count < reservedWordsByLength.count && reservedWordsByLength[bytes.count].contains { $0.elementsEqual(bytes) }
    }

    /// One pass over the bytes: indicators, `: ` and ` #`, edge spaces, control and line-break
    /// characters, and anything that reads as a number, a date or a time.
    static func needsQuotes(_ text: String) -> Bool {
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
        if isReservedWord(bytes) { return true }
        guard let first = bytes.first, let last = bytes.last else { return true }
        if first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09 || last == 0x3A { return true }  // edge space, trailing ':'
        let isDigit = { (byte: UInt8) in byte >= 0x30 && byte <= 0x39 }
        if indicators[Int(first)] {
            let plainDash = first == 0x2D && bytes.count > 1 && bytes[1] != 0x20 && !isDigit(bytes[1]) && bytes[1] != 0x2E
            if !plainDash { return true }
        }
        // One table lookup per byte; what holds for every byte and for any byte is gathered as it goes.
        var every = ByteClass.all
        var any: UInt8 = 0
        let found = byteClasses.withUnsafeBufferPointer { classes -> Bool in
            var previous: UInt8 = 0
            for byte in bytes {
                let flags = classes[Int(byte)]
                if flags & ByteClass.control != 0 { return true }
                // ": " and " #"
                if flags & ByteClass.spaceColonOrHash != 0, (previous == 0x3A && byte == 0x20) || (previous == 0x20 && byte == 0x23) {
                    return true
                }
                every &= flags
                any |= flags
                previous = byte
            }
            return false
        }
        if found { return true }
        let numeric = every & ByteClass.number != 0
        let sawDigit = any & ByteClass.digit != 0
        let nonASCII = any & ByteClass.nonASCII != 0
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
    /// What `needsQuotes` asks of a byte, as bits (`byteClasses`).
    private enum ByteClass {
        static let control: UInt8 = 1
        static let nonASCII: UInt8 = 2
        /// A character numbers, dates, times and hex/octal/binary literals are made of.
        static let number: UInt8 = 4
        static let digit: UInt8 = 8
        static let spaceColonOrHash: UInt8 = 16
        static let all: UInt8 = 0xFF
    }

    /// `ByteClass` bits of each byte.
    private static let byteClasses: [UInt8] = (0..<256).map { value in
        let byte = UInt8(value)
        var flags: UInt8 = 0
        if byte < 0x20 || byte == 0x7F { flags |= ByteClass.control }
        if byte >= 0x80 { flags |= ByteClass.nonASCII }
        if "0123456789+-._:eExXoObBabcdefABCDEF".utf8.contains(byte) { flags |= ByteClass.number }
        if byte >= 0x30 && byte <= 0x39 { flags |= ByteClass.digit }
        if byte == 0x20 || byte == 0x3A || byte == 0x23 { flags |= ByteClass.spaceColonOrHash }
        return flags
    }

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
