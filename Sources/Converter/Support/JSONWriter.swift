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
        output += "\""
        if !string.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            output += string
            output += "\""
            return
        }
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20:
                output += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}

extension JSONWriter {
    /// One-line JSON with sorted keys: `{"a":1,"b":[true]}`.
    package static func compact(_ value: JSONValue) -> String {
        var output = ""
        write(value, indent: nil, into: &output)
        return output
    }
}
