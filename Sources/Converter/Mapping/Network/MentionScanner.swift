import Foundation

/// Finds the names of `names` in text, with a port when one is written or implied.
struct MentionScanner {
    let names: [String: String]
    let from: String
    /// Names that mean the service itself here (`localhost` in its own healthcheck).
    private var localNames: Set<String> = []
    private(set) var found: [ServiceReferences.Reference] = []
    private var seen = Set<ServiceReferences.Reference>()

    init(names: [String: String], from: String) {
        self.names = names
        self.from = from
    }

    /// A healthcheck: `localhost:PORT` and `127.0.0.1:PORT` there are the service's own port.
    mutating func healthcheck(_ test: Healthcheck.Test, path: String) {
        let text: String
        switch test {
        case .exec(let argv): text = argv.joined(separator: " ")
        case .shell(let command): text = command
        case .none: return
        }
        var scanner = MentionScanner(names: names, from: from)
        scanner.localNames = ["localhost", "127.0.0.1", "0.0.0.0"]
        scanner.scan(text, path: path)
        for reference in scanner.found where !(reference.port == nil && reference.to == from) { add(reference) }
        for port in Self.portArguments(text) {
            add(ServiceReferences.Reference(from: from, to: from, name: from.lowercased(), port: port, path: path))
        }
    }

    /// Ports a check names as arguments: `--port 5432`, `--port=5432`, `-p 6379`, `-P 3306`, or
    /// a number right after a local host (`nc -z 127.0.0.1 7000`).
    static func portArguments(_ text: String) -> [Int] {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
        var ports: [Int] = []
        for (index, word) in words.enumerated() {
            if word.hasPrefix("--port="), let port = Int(word.dropFirst("--port=".count)) { ports.append(port) }
            guard index + 1 < words.count, wordsBeforeAPort.contains(word), let port = Int(words[index + 1]), (1...65535).contains(port)
            else { continue }
            ports.append(port)
        }
        return ports
    }

    private static let wordsBeforeAPort: Set<String> = ["--port", "-p", "-P", "localhost", "127.0.0.1", "0.0.0.0"]

    mutating func scan(_ text: String, path: String) {
        guard text.contains("...") else { return scanWords(text, path: path) }
        for word in text.split(separator: " ") {
            let expanded = Self.expandingEllipses(String(word))
            // MinIO's endpoints without a port use the server's own port (`--address`, 9000 by
            // default), which every node shares, not the scheme's: `http://minio{1...4}/data`
            // reaches port 9000 (https://min.io/docs/minio/linux/operations/install-deploy-manage/deploy-minio-multi-node-multi-drive.html).
            schemePortsImplied = expanded == String(word)
            scanWords(expanded, path: path)
            schemePortsImplied = true
        }
    }

    /// Whether a URL without a port reaches its scheme's port.
    private var schemePortsImplied = true

    private mutating func scanWords(_ text: String, path: String) {
        let bytes = Array(text.utf8)
        for word in Self.hostWords(bytes) { mention(bytes, start: word.lowerBound, end: word.upperBound, path: path) }
    }

    private mutating func mention(_ bytes: [UInt8], start: Int, end: Int, path: String) {
        var hostEnd = end
        while hostEnd > start, bytes[hostEnd - 1] == UInt8(ascii: ".") { hostEnd -= 1 }
        // Host bytes are ASCII, so decoding never repairs anything.
        let host = String(decoding: bytes[start..<hostEnd], as: UTF8.self).lowercased()
        guard hostEnd > start, let target = localNames.contains(host) ? from : names[host]
        else { return }
        let scheme = Self.scheme(before: start, in: bytes)
        let previous = start > 0 ? bytes[start - 1] : 0
        let next = hostEnd < bytes.count ? bytes[hostEnd] : 0
        if scheme == nil, previous == UInt8(ascii: "/") || previous == UInt8(ascii: "$") { return }  // a path or a variable
        var port: Int?
        var morePorts: [Int] = []
        if hostEnd == end, next == UInt8(ascii: ":") {
            switch Self.port(after: end + 1, in: bytes) {
            case .number(let number, let portEnd):
                port = number
                morePorts = Self.morePorts(after: portEnd, in: bytes)
            case .version: return  // `postgres:16.2`, an image tag
            case .none: break
            }
        }
        if hostEnd + 1 < bytes.count, next == UInt8(ascii: ":"), bytes[hostEnd + 1] == UInt8(ascii: "/") { return }  // a scheme
        if scheme == nil {
            if port == nil, [UInt8(ascii: "="), UInt8(ascii: "/"), UInt8(ascii: "(")].contains(next) { return }
            if let number = port, number < 80 { return }  // `postgres:16`: an image tag, not a service port
        }
        if port == nil, let scheme, schemePortsImplied { port = WellKnownPorts.schemes[scheme] }
        add(ServiceReferences.Reference(from: from, to: target, name: host, port: port, path: path))
        for more in morePorts { add(ServiceReferences.Reference(from: from, to: target, name: host, port: more, path: path)) }
    }

    /// The ports after a host's first one: ZooKeeper's `zoo1:2888:3888;2181` (quorum, election
    /// and client port) names three ports of one host.
    private static func morePorts(after start: Int, in bytes: [UInt8]) -> [Int] {
        var ports: [Int] = []
        var cursor = start
        while cursor < bytes.count, bytes[cursor] == UInt8(ascii: ":") || bytes[cursor] == UInt8(ascii: ";") {
            guard case .number(let number, let end) = port(after: cursor + 1, in: bytes) else { break }
            ports.append(number)
            cursor = end
        }
        return ports
    }

    /// MinIO's ellipsis (`http://minio{1...4}/data{1...2}`): a word with numeric `{a...b}` ranges
    /// stands for each of its expansions, so the hosts it names are each found. A word that would
    /// expand to more than 256 is left as it is.
    static func expandingEllipses(_ text: String) -> String {
        guard text.contains("...") else { return text }
        return text.split(separator: " ", omittingEmptySubsequences: false).map { word in
            var words = [String(word)]
            while let range = words[0].range(of: #"\{[0-9]+\.\.\.[0-9]+\}"#, options: .regularExpression) {
                let bounds = words[0][range].dropFirst().dropLast().components(separatedBy: "...")
                guard let low = Int(bounds[0]), let high = Int(bounds[1]), low <= high, words.count * (high - low + 1) <= 256 else { break }
                let width = bounds[0].count
                words = words.flatMap { word -> [String] in
                    guard let found = word.range(of: #"\{[0-9]+\.\.\.[0-9]+\}"#, options: .regularExpression) else { return [word] }
                    return (low...high).map { number in
                        let digits = String(number)
                        let padded = String(repeating: "0", count: max(0, width - digits.count)) + digits
                        return word.replacingCharacters(in: found, with: padded)
                    }
                }
            }
            return words.joined(separator: " ")
        }.joined(separator: " ")
    }

    private mutating func add(_ reference: ServiceReferences.Reference) {
        if seen.insert(reference).inserted { found.append(reference) }
    }

    private enum PortText {
        /// A port and the offset after its digits.
        case number(Int, end: Int)
        case version, none
    }

    /// Digits after a colon: a port (1–65535), a version (`16.2`), or nothing.
    private static func port(after start: Int, in bytes: [UInt8]) -> PortText {
        var end = start
        while end < bytes.count, end - start < 6, isDigit(bytes[end]) { end += 1 }
        guard end > start else { return .none }
        if end < bytes.count, bytes[end] == UInt8(ascii: "."), end + 1 < bytes.count, isDigit(bytes[end + 1]) { return .version }
        if end < bytes.count, isHostByte(bytes[end]) { return .none }
        guard let number = Int(String(decoding: bytes[start..<end], as: UTF8.self)), (1...65535).contains(number) else { return .none }
        return .number(number, end: end)
    }

    /// The URL scheme when the host follows `scheme://` or `scheme://user:pass@`, lower-cased,
    /// its first `+` part (`postgres+asyncpg` → `postgres`).
    static func scheme(before start: Int, in bytes: [UInt8]) -> String? {
        var cursor = start
        if cursor > 0, bytes[cursor - 1] == UInt8(ascii: "@") {
            cursor -= 1
            while cursor > 0, !isSpace(bytes[cursor - 1]), !(cursor >= 3 && bytes[cursor - 3..<cursor].elementsEqual("://".utf8)) {
                cursor -= 1
            }
        }
        guard cursor >= 3, bytes[cursor - 3..<cursor].elementsEqual("://".utf8) else { return nil }
        var schemeStart = cursor - 3
        while schemeStart > 0, isSchemeByte(bytes[schemeStart - 1]) { schemeStart -= 1 }
        let scheme = String(decoding: bytes[schemeStart..<(cursor - 3)], as: UTF8.self).lowercased()
        return String(scheme.split(separator: "+").first ?? "")
    }

    /// Each longest run of host bytes in `bytes`: the words that may be host names.
    static func hostWords(_ bytes: [UInt8]) -> [Range<Int>] {
        var words: [Range<Int>] = []
        var index = 0
        while index < bytes.count {
            guard isHostByte(bytes[index]) else {
                index += 1
                continue
            }
            var end = index
            while end < bytes.count, isHostByte(bytes[end]) { end += 1 }
            words.append(index..<end)
            index = end
        }
        return words
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    /// Letters, digits, `.`, `-` and `_`: what a host name is made of.
    static func isHostByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == 0x2E || byte == 0x2D || byte == 0x5F
    }

    private static func isSchemeByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == 0x2B || byte == 0x2E || byte == 0x2D
    }
}
