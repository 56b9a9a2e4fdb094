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

    /// By number: the placeholder `__helm_placeholder_<n>__` stands for the n-th.
    private var replacements: [Replacement] = []

    /// A value that becomes `text` (a complete `{{ … }}` expression, quotes included if needed).
    mutating func inline(_ text: String) -> Manifest {
        add(.inline(text))
    }

    /// A value whose whole line becomes `lines`.
    mutating func lines(_ lines: [String]) -> Manifest {
        add(.lines(lines))
    }

    private mutating func add(_ replacement: Replacement) -> Manifest {
        let token = "\(Self.marker)\(replacements.count)__"
        replacements.append(replacement)
        return .string(token)
    }

    /// The template text of `manifest`, wrapped in `prefix` and `suffix` lines.
    func render(_ manifest: Manifest, prefix: [String] = [], suffix: [String] = []) -> String {
        var yaml = ManifestWriter.yaml(manifest).replacingBytes("{{", with: "{{ \"{{\" }}")
        var output: [UInt8] = []
        output.reserveCapacity(yaml.utf8.count + 1024)
        for line in prefix { appendLine(line, to: &output) }
        yaml.withUTF8 { appendExpanded($0, to: &output) }
        while output.last == UInt8(ascii: "\n") { output.removeLast() }
        if output.isEmpty { return suffix.joined(separator: "\n") + "\n" }
        output.append(UInt8(ascii: "\n"))
        for line in suffix { appendLine(line, to: &output) }
        return String(decoding: output, as: UTF8.self)
    }

    private func appendLine(_ line: String, to output: inout [UInt8]) {
        output += line.utf8
        output.append(UInt8(ascii: "\n"))
    }

    /// `yaml` with every line that holds a placeholder expanded; other lines are copied as they are.
    private func appendExpanded(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        guard !replacements.isEmpty else { return output.append(contentsOf: bytes) }
        var marker = Self.marker
        marker.withUTF8 { marker in
            var copied = 0
            while let found = ByteSearch.firstOffset(of: marker, in: bytes, from: copied) {
                var lineStart = found
                while lineStart > 0, bytes[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
                var lineEnd = found
                while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<lineStart]))
                let expanded = expand(String(decoding: UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd]), as: UTF8.self))
                for (index, line) in expanded.enumerated() {
                    if index > 0 { output.append(UInt8(ascii: "\n")) }
                    output += line.utf8
                }
                // A placeholder that stands for no lines takes its line's break with it.
                copied = expanded.isEmpty && lineEnd < bytes.count ? lineEnd + 1 : lineEnd
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
        }
    }

    private static let marker = "__helm_placeholder_"

    private func expand(_ line: String) -> [String] {
        guard let token = Self.firstToken(in: line), replacements.indices.contains(token.number) else { return [line] }
        let utf8 = line.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: token.start)
        let end = utf8.index(utf8.startIndex, offsetBy: token.end)
        switch replacements[token.number] {
        case .inline(let text):
            return expand(String(line[..<start]) + text + String(line[end...]))
        case .lines(let lines):
            let indent = line.prefix { $0 == " " }.count
            let pad = String(repeating: " ", count: indent)
            return lines.map { line in
                guard line.utf8.contains(UInt8(ascii: "%")) else { return pad + line }
                return pad + line.replacingBytes("%I", with: "\(indent)").replacingBytes("%J", with: "\(indent + 2)")
            }
        }
    }

    /// The first placeholder in `line`: the marker, a number and `__`, as byte offsets.
    private static func firstToken(in line: String) -> (start: Int, end: Int, number: Int)? {
        var line = line
        var marker = Self.marker
        return line.withUTF8 { bytes in
            guard let start = marker.withUTF8({ ByteSearch.firstOffset(of: $0, in: bytes, from: 0) }) else { return nil }
            var index = start + marker.utf8.count
            var number = 0
            let digitsStart = index
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) {
                number = number * 10 + Int(bytes[index] - 0x30)
                index += 1
            }
            guard index > digitsStart, index + 1 < bytes.count, bytes[index] == 0x5F, bytes[index + 1] == 0x5F else { return nil }
            return (start, index + 2, number)
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
