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

    private static func write(_ value: JSONValue, indent: Int, into output: inout String) {
        let pad = padding(indent + 1)
        let closePad = padding(indent)
        switch value {
        case .null: output += "null"
        case .bool(let bool): output += bool ? "true" : "false"
        case .int(let int): output += String(int)
        case .double(let double): output += number(double)
        case .string(let string): appendQuoted(string, to: &output)
        case .array(let items):
            guard !items.isEmpty else {
                output += "[]"
                return
            }
            output += "[\n"
            for (index, item) in items.enumerated() {
                output += pad
                write(item, indent: indent + 1, into: &output)
                output += index == items.count - 1 ? "\n" : ",\n"
            }
            output += closePad + "]"
        case .object(let object):
            guard !object.isEmpty else {
                output += "{}"
                return
            }
            output += "{\n"
            let members = object.sorted { $0.key < $1.key }
            for (index, member) in members.enumerated() {
                output += pad
                appendQuoted(member.key, to: &output)
                output += ": "
                write(member.value, indent: indent + 1, into: &output)
                output += index == members.count - 1 ? "\n" : ",\n"
            }
            output += closePad + "}"
        }
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
        appendCompact(value, to: &output)
        return output
    }

    private static func appendCompact(_ value: JSONValue, to output: inout String) {
        switch value {
        case .null: output += "null"
        case .bool(let bool): output += bool ? "true" : "false"
        case .int(let int): output += String(int)
        case .double(let double): output += number(double)
        case .string(let string): appendQuoted(string, to: &output)
        case .array(let items):
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += "," }
                appendCompact(item, to: &output)
            }
            output += "]"
        case .object(let object):
            output += "{"
            for (index, member) in object.sorted(by: { $0.key < $1.key }).enumerated() {
                if index > 0 { output += "," }
                appendQuoted(member.key, to: &output)
                output += ":"
                appendCompact(member.value, to: &output)
            }
            output += "}"
        }
    }
}
