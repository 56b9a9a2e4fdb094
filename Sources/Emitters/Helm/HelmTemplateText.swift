import Converter
import Foundation

/// Turns a manifest with placeholders into Helm template text. A placeholder is a string
/// value standing for either an inline expression (`image: {{ … }}`) or whole template lines
/// that replace its line, indented like it (`%I` in them is that indentation, `%J` two more,
/// for `nindent`). Literal `{{` in the manifest is escaped so Helm prints it as written.
struct HelmTemplateText {
    private enum Replacement {
        case inline(String)
        case lines([String])
    }

    private var replacements: [String: Replacement] = [:]

    /// A value that becomes `text` (a complete `{{ … }}` expression, quotes included if needed).
    mutating func inline(_ text: String) -> Manifest {
        add(.inline(text))
    }

    /// A value whose whole line becomes `lines`.
    mutating func lines(_ lines: [String]) -> Manifest {
        add(.lines(lines))
    }

    private mutating func add(_ replacement: Replacement) -> Manifest {
        let token = "__helm_placeholder_\(replacements.count)__"
        replacements[token] = replacement
        return .string(token)
    }

    /// The template text of `manifest`, wrapped in `prefix` and `suffix` lines.
    func render(_ manifest: Manifest, prefix: [String] = [], suffix: [String] = []) -> String {
        let yaml = ManifestWriter.yaml(manifest).replacingBytes("{{", with: "{{ \"{{\" }}")
        var output = prefix.map { $0 + "\n" }.joined()
        output.reserveCapacity(output.utf8.count + yaml.utf8.count + 256)
        if replacements.isEmpty {
            output += yaml
        } else {
            appendExpanded(yaml, to: &output)
        }
        while output.last == "\n" { output.removeLast() }
        if output.isEmpty { return suffix.joined(separator: "\n") + "\n" }
        return output + "\n" + suffix.map { $0 + "\n" }.joined()
    }

    /// `yaml` with every line that holds a placeholder expanded; other lines are copied as they are.
    private func appendExpanded(_ yaml: String, to output: inout String) {
        var text = yaml
        text.withUTF8 { bytes in
            var marker = Self.marker
            marker.withUTF8 { marker in
                var copied = 0
                var searchFrom = 0
                while let found = ByteSearch.firstOffset(of: marker, in: bytes, from: searchFrom) {
                    var lineStart = found
                    while lineStart > 0, bytes[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
                    var lineEnd = found
                    while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
                    output += String(decoding: UnsafeBufferPointer(rebasing: bytes[copied..<lineStart]), as: UTF8.self)
                    let line = String(decoding: UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd]), as: UTF8.self)
                    let expanded = expand(line)
                    output += expanded.joined(separator: "\n")
                    // A placeholder that stands for no lines takes its line's break with it.
                    copied = expanded.isEmpty && lineEnd < bytes.count ? lineEnd + 1 : lineEnd
                    searchFrom = lineEnd
                }
                output += String(decoding: UnsafeBufferPointer(rebasing: bytes[copied...]), as: UTF8.self)
            }
        }
    }

    private static let marker = "__helm_placeholder_"

    private func expand(_ line: String) -> [String] {
        guard let startOffset = line.utf8Offset(of: Self.marker) else { return [line] }
        let utf8 = line.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: startOffset)
        // A token is the marker, a number and `__`.
        var end = utf8.index(start, offsetBy: Self.marker.utf8.count)
        while end < utf8.endIndex, (0x30...0x39).contains(utf8[end]) { end = utf8.index(after: end) }
        guard utf8[end...].starts(with: "__".utf8) else { return [line] }
        end = utf8.index(end, offsetBy: 2)
        let token = String(line[start..<end])
        switch replacements[token] {
        case .inline(let text)?:
            return expand(String(line[..<start]) + text + String(line[end...]))
        case .lines(let lines)?:
            let indent = line.prefix { $0 == " " }.count
            let pad = String(repeating: " ", count: indent)
            return lines.map {
                pad + $0.replacingBytes("%I", with: "\(indent)").replacingBytes("%J", with: "\(indent + 2)")
            }
        case nil:
            return [line]
        }
    }
}

extension Manifest {
    /// A copy with the value at `path` replaced (or added at the end of its map); nil removes it.
    func setting(_ path: [String], to value: Manifest?) -> Manifest {
        guard let key = path.first else { return value ?? self }
        switch self {
        case .map(var pairs):
            if let index = pairs.firstIndex(where: { $0.0 == key }) {
                if path.count == 1, value == nil {
                    pairs.remove(at: index)
                } else {
                    pairs[index].1 = pairs[index].1.setting(Array(path.dropFirst()), to: value)
                }
            } else if let value {
                pairs.append((key, Manifest.map([]).setting(Array(path.dropFirst()), to: value)))
            }
            return .map(pairs)
        case .list(var items):
            guard let index = Int(key), items.indices.contains(index) else { return self }
            items[index] = items[index].setting(Array(path.dropFirst()), to: value)
            return .list(items)
        default:
            return path.count == 1 ? (value ?? self) : self
        }
    }

    func value(at path: [String]) -> Manifest? {
        guard let key = path.first else { return self }
        switch self {
        case .map: return self[key]?.value(at: Array(path.dropFirst()))
        case .list(let items): return Int(key).flatMap { items.indices.contains($0) ? items[$0] : nil }?.value(at: Array(path.dropFirst()))
        default: return nil
        }
    }
}
