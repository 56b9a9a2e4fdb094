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
        let token = Self.token(replacements.count)
        replacements.append(replacement)
        return .string(token)
    }

    /// `__helm_placeholder_<number>__`.
    private static func token(_ number: Int) -> String {
        markerText + "\(number)__"
    }

    /// The template text of `manifest`, wrapped in `prefix` and `suffix` lines.
    func render(_ manifest: Manifest, prefix: [String] = [], suffix: [String] = []) -> String {
        let yaml = BlockYAMLWriter.bytes(manifest)
        var output: [UInt8] = []
        output.reserveCapacity(yaml.count + 1024)
        for line in prefix { appendLine(line, to: &output) }
        yaml.withUnsafeBufferPointer { appendExpanded($0, to: &output) }
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

    /// `yaml` with every line that holds a placeholder expanded; other lines are copied as they
    /// are, but for a literal `{{`, escaped (`appendEscaped`).
    private func appendExpanded(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        guard !replacements.isEmpty else { return Self.appendEscaped(bytes, to: &output) }
        var copied = 0
        while let found = Self.markerOffset(in: bytes, from: copied) {
            var lineStart = found
            while lineStart > 0, bytes[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
            var lineEnd = found
            while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            Self.appendEscaped(UnsafeBufferPointer(rebasing: bytes[copied..<lineStart]), to: &output)
            // The line is escaped before its placeholders are replaced: only the manifest's own text is.
            var line: [UInt8] = []
            Self.appendEscaped(UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd]), to: &line)
            let wroteLines = appendExpandedLine(line, to: &output)
            // A placeholder that stands for no lines takes its line's break with it.
            copied = !wroteLines && lineEnd < bytes.count ? lineEnd + 1 : lineEnd
        }
        Self.appendEscaped(UnsafeBufferPointer(rebasing: bytes[copied...]), to: &output)
    }

    private static let openBraces = Array("{{".utf8)
    private static let escapedBraces = Array("{{ \"{{\" }}".utf8)

    /// Appends `bytes` with each `{{` (left to right, not overlapping) written `{{ "{{" }}`, so
    /// Helm prints it as it stands in the manifest.
    private static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        var copied = 0
        openBraces.withUnsafeBufferPointer { braces in
            while let found = ByteSearch.firstOffset(of: braces, in: bytes, from: copied) {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<found]))
                output.append(contentsOf: escapedBraces)
                copied = found + braces.count
            }
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
    }

    private static let markerText = "__helm_placeholder_"
    private static let marker = Array(markerText.utf8)

    private static func markerOffset(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        marker.withUnsafeBufferPointer { ByteSearch.firstOffset(of: $0, in: bytes, from: start) }
    }

    /// Appends `line` (without its line break) with its placeholders replaced.
    /// - Returns: whether it wrote any line (a placeholder may stand for none).
    private func appendExpandedLine(_ line: [UInt8], to output: inout [UInt8]) -> Bool {
        guard let token = line.withUnsafeBufferPointer(Self.firstToken), replacements.indices.contains(token.number) else {
            output += line
            return true
        }
        switch replacements[token.number] {
        case .inline(let text) where !Self.hasMarker(line[token.end...]) && !Self.hasMarker(text):
            // The line's only placeholder: written in place.
            output += line[..<token.start]
            output += text.utf8
            output += line[token.end...]
            return true
        case .inline(let text):
            return appendExpandedLine(Array(line[..<token.start]) + Array(text.utf8) + Array(line[token.end...]), to: &output)
        case .lines(let lines):
            let indent = line.prefix { $0 == UInt8(ascii: " ") }.count
            for (index, text) in lines.enumerated() {
                if index > 0 { output.append(UInt8(ascii: "\n")) }
                BlockYAMLWriter.pad(indent, into: &output)
                Self.appendIndentations(text, indent: indent, to: &output)
            }
            return !lines.isEmpty
        }
    }

    private static let percent = Array("%".utf8)

    /// `text` with `%I` as `indent` and `%J` as `indent + 2`.
    private static func appendIndentations(_ text: String, indent: Int, to output: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            // The text between markers is copied a run at a time; a `%` that is no marker stays.
            var copied = 0
            var index = 0
            while let found = percent.withUnsafeBufferPointer({ ByteSearch.firstOffset(of: $0, in: bytes, from: index) }),
                found + 1 < bytes.count
            {
                index = found
                let next = bytes[index + 1]
                guard next == UInt8(ascii: "I") || next == UInt8(ascii: "J") else {
                    index += 1
                    continue
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<index]))
                output += String(next == UInt8(ascii: "I") ? indent : indent + 2).utf8
                index += 2
                copied = index
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
        }
    }

    private static func hasMarker(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { markerOffset(in: $0, from: 0) != nil }
    }

    private static func hasMarker(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { markerOffset(in: $0, from: 0) != nil }
    }

    /// The first placeholder in `line`: the marker, a number and `__`, as byte offsets.
    private static func firstToken(in line: UnsafeBufferPointer<UInt8>) -> (start: Int, end: Int, number: Int)? {
        guard let start = markerOffset(in: line, from: 0) else { return nil }
        var index = start + marker.count
        var number = 0
        let digitsStart = index
        while index < line.count, (0x30...0x39).contains(line[index]) {
            number = number * 10 + Int(line[index] - 0x30)
            index += 1
        }
        guard index > digitsStart, index + 1 < line.count, line[index] == 0x5F, line[index + 1] == 0x5F else { return nil }
        return (start, index + 2, number)
    }
}

extension Manifest {
    /// A copy with the value at `path` replaced (or added at the end of its map); nil removes it.
    func setting(_ path: [String], to value: Manifest?) -> Manifest {
        var copy = self
        copy.set(path[...], to: value)
        return copy
    }

    /// Replaces the value at `path` (or adds it at the end of its map); nil removes it. In place:
    /// a tree only this value holds is edited where it is, not copied level by level.
    mutating func set(_ path: [String], to value: Manifest?) {
        set(path[...], to: value)
    }

    private mutating func set(_ path: ArraySlice<String>, to value: Manifest?) {
        guard let key = path.first else {
            if let value { self = value }
            return
        }
        let rest = path.dropFirst()
        if var pairs = takePairs() {
            if let index = pairs.firstIndex(where: { $0.0 == key }) {
                if rest.isEmpty, value == nil {
                    pairs.remove(at: index)
                } else {
                    pairs[index].1.set(rest, to: value)
                }
            } else if let value {
                var child = Manifest.map([])
                child.set(rest, to: value)
                pairs.append((key, child))
            }
            self = .map(pairs)
        } else if var items = takeItems() {
            if let index = Int(key), items.indices.contains(index) { items[index].set(rest, to: value) }
            self = .list(items)
        } else if rest.isEmpty, let value {
            self = value
        }
    }

    /// Replaces, in place, each string `replacement` gives another value for; it is passed the
    /// string, the key it sits under (a list item's index) and that key's own key.
    mutating func replaceStrings(key: String? = nil, parent: String? = nil, _ replacement: (String, String?, String?) -> Manifest?) {
        if var pairs = takePairs() {
            for index in pairs.indices { pairs[index].1.replaceStrings(key: pairs[index].0, parent: key, replacement) }
            self = .map(pairs)
        } else if var items = takeItems() {
            for index in items.indices { items[index].replaceStrings(key: String(index), parent: key, replacement) }
            self = .list(items)
        } else if case .string(let text) = self, let replaced = replacement(text, key, parent) {
            self = replaced
        }
    }

    /// A map's pairs, taken out (the value becomes null): held only by the caller, they are
    /// edited in place. (`switch self { case .map(var pairs): … }` keeps a second reference, so
    /// every edit copied them.)
    mutating func takePairs() -> [(String, Manifest)]? {
        guard case .map(let pairs) = self else { return nil }
        self = .null
        return pairs
    }

    /// A list's items, taken out like `takePairs`.
    mutating func takeItems() -> [Manifest]? {
        guard case .list(let items) = self else { return nil }
        self = .null
        return items
    }

    func value(at path: [String]) -> Manifest? {
        value(at: path[...])
    }

    private func value(at path: ArraySlice<String>) -> Manifest? {
        guard let key = path.first else { return self }
        switch self {
        case .map: return self[key]?.value(at: path.dropFirst())
        case .list(let items): return Int(key).flatMap { items.indices.contains($0) ? items[$0] : nil }?.value(at: path.dropFirst())
        default: return nil
        }
    }
}
