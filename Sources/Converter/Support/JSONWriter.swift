/// Writes a `JSONValue` as pretty JSON with two-space indentation and sorted keys.
package enum JSONWriter {
    package static func write(_ value: JSONValue) -> String {
        var output = ""
        write(value, indent: 0, into: &output)
        return output + "\n"
    }

    /// Indentation by depth, made once.
    private static let pads = (0...32).map { String(repeating: "  ", count: $0) }

    private static func padding(_ depth: Int) -> String {
        depth < pads.count ? pads[depth] : String(repeating: "  ", count: depth)
    }

    /// `indent` nil writes one line; otherwise each member gets a line of its own, indented.
    private static func write(_ value: JSONValue, indent: Int?, into output: inout String) {
        switch value {
        case .null: output += "null"
        case .bool(let bool): output += bool ? "true" : "false"
        case .int(let int): output += String(int)
        case .double(let double): output += number(double)
        case .string(let string): appendQuoted(string, to: &output)
        case .array(let items):
            writeMembers(items.count, open: "[", close: "]", indent: indent, into: &output) { index, output in
                write(items[index], indent: indent.map { $0 + 1 }, into: &output)
            }
        case .object(let object):
            let members = object.sorted { $0.key < $1.key }
            writeMembers(members.count, open: "{", close: "}", indent: indent, into: &output) { index, output in
                appendQuoted(members[index].key, to: &output)
                output += indent == nil ? ":" : ": "
                write(members[index].value, indent: indent.map { $0 + 1 }, into: &output)
            }
        }
    }

    /// `open`, the members written by `member` separated by commas, and `close`.
    private static func writeMembers(
        _ count: Int, open: String, close: String, indent: Int?, into output: inout String, member: (Int, inout String) -> Void
    ) {
        output += open
        guard count > 0 else { return output += close }
        for index in 0..<count {
            if let indent {
                output += index == 0 ? "\n" : ",\n"
                output += padding(indent + 1)
            } else if index > 0 {
                output += ","
            }
            member(index, &output)
        }
        if let indent {
            output += "\n"
            output += padding(indent)
        }
        output += close
    }

    static func number(_ double: Double) -> String {
        if double == double.rounded(), abs(double) < 1e15 { return String(Int64(double)) }
        return "\(double)"
    }

    static func quote(_ string: String) -> String {
        var output = ""
        appendQuoted(string, to: &output)
        return output
    }

    /// `string` in double quotes, escaped; copied whole when nothing needs escaping.
    /// `string` as a JSON string, which is also a Go string literal (a Helm template's).
    package static func appendQuoted(_ string: String, to output: inout String) {
        guard string.utf8.contains(where: needsEscape) else {
            output += "\""
            output += string
            output += "\""
            return
        }
        var bytes: [UInt8] = []
        appendQuoted(string, to: &bytes)
        output += String(decoding: bytes, as: UTF8.self)
    }

    /// `appendQuoted` into UTF-8 bytes.
    package static func appendQuoted(_ string: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        guard string.utf8.contains(where: needsEscape) else {
            output += string.utf8
            output.append(UInt8(ascii: "\""))
            return
        }
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output += "\\\"".utf8
            case UInt8(ascii: "\\"): output += "\\\\".utf8
            case UInt8(ascii: "\n"): output += "\\n".utf8
            case UInt8(ascii: "\r"): output += "\\r".utf8
            case UInt8(ascii: "\t"): output += "\\t".utf8
            case ..<0x20:
                let hex = String(byte, radix: 16)
                output += "\\u".utf8
                output += String(repeating: "0", count: 4 - hex.count).utf8
                output += hex.utf8
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    /// Bytes a JSON string holds escaped: control characters, quotes and backslashes.
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }
}

extension JSONWriter {
    /// One-line JSON with sorted keys: `{"a":1,"b":[true]}`.
    package static func compact(_ value: JSONValue) -> String {
        var output = ""
        write(value, indent: nil, into: &output)
        return output
    }

    /// `compact(JSONValue(manifest: value))` written straight from the manifest into bytes, with
    /// no tree made between: a repeated key of a map is one member, as in the dictionary
    /// `JSONValue` builds (the first key written, with the last value).
    package static func appendCompact(_ value: Manifest, to output: inout [UInt8]) {
        switch value {
        case .null: output += "null".utf8
        case .bool(let bool): output += (bool ? "true" : "false").utf8
        case .int(let number): output += String(number).utf8
        case .string(let text): appendQuoted(text, to: &output)
        case .list(let items):
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                appendCompact(item, to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .map(let pairs):
            let sorted = pairs.indices.sorted { pairs[$0].0 < pairs[$1].0 || (pairs[$0].0 == pairs[$1].0 && $0 < $1) }
            output.append(UInt8(ascii: "{"))
            var position = 0
            while position < sorted.count {
                var last = position
                while last + 1 < sorted.count, pairs[sorted[last + 1]].0 == pairs[sorted[position]].0 { last += 1 }
                if position > 0 { output.append(UInt8(ascii: ",")) }
                appendQuoted(pairs[sorted[position]].0, to: &output)
                output.append(UInt8(ascii: ":"))
                appendCompact(pairs[sorted[last]].1, to: &output)
                position = last + 1
            }
            output.append(UInt8(ascii: "}"))
        }
    }
}
