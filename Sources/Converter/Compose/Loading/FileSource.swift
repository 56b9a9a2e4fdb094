import Foundation

/// Where the reader gets files from: the disk, or a dictionary in tests.
package protocol FileSource {
    func read(_ path: String) throws -> String
    func exists(_ path: String) -> Bool
    /// What is at `path`: a file with its size, a folder with its entries' names, or nothing.
    func entry(_ path: String) -> FileEntry?
    /// `path` with every symbolic link in it resolved, or nil when nothing is there.
    func realPath(_ path: String) -> String?
}

extension FileSource {
    /// No links: a path is where it says (files held in memory).
    package func realPath(_ path: String) -> String? { exists(path) ? path : nil }

    /// `read`, with a failure said as a located error: "cannot read env file X: permission denied".
    package func read(_ path: String, as what: String, at location: SourceLocation) throws -> String {
        do {
            return try read(path)
        } catch let error as DiagnosticError {
            throw error
        } catch {
            throw DiagnosticError(.error("cannot read \(what) \(path): \(FileErrorText.reason(error))", at: location, path: ""))
        }
    }

    /// The pairs of an env file, a syntax error located at its line.
    package func envFilePairs(_ path: String, at location: SourceLocation, lookup: @escaping (String) -> String?) throws -> [(key: String, value: String)] {
        let text = try read(path, as: "env file", at: location)
        do {
            return try DotEnvParser.parse(text, lookup: lookup)
        } catch let failure as DotEnvParser.Failure {
            throw DiagnosticError(.error(failure.message, at: SourceLocation(file: path, line: failure.line, column: 1), path: ""))
        }
    }
}

package enum FileEntry: Equatable, Sendable {
    case file(size: Int)
    case directory([String])
}

/// Reads the real file system.
package struct DiskFileSource: FileSource {
    package init() {}

    /// `-` reads standard input, as `docker compose -f -` does.
    package func read(_ path: String) throws -> String {
        let data = path == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Self.bytes(at: path)
        guard let text = String(data: data, encoding: .utf8) else {
            throw DiagnosticError(.error("file is not valid UTF-8", at: .file(path), path: ""))
        }
        return text
    }

    /// The bytes of a file with plain `open`/`read`, which also reads what `Data(contentsOf:)`
    /// refuses and Compose reads: a FIFO, `/dev/stdin`, a shell's `<(…)`.
    /// - Throws: an `NSPOSIXErrorDomain` error with the `errno`, for `FileErrorText`.
    private static func bytes(at path: String) throws -> Data {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw NSError(domain: NSPOSIXErrorDomain, code: Int(errno)) }
        defer { close(descriptor) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw NSError(domain: NSPOSIXErrorDomain, code: Int(errno)) }
            if count == 0 { return data }
            data.append(contentsOf: buffer[..<count])
        }
    }

    package func exists(_ path: String) -> Bool {
        path == "-" || FileManager.default.fileExists(atPath: path)
    }

    package func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    package func entry(_ path: String) -> FileEntry? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
        if isDirectory.boolValue {
            return .directory(((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted())
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        return .file(size: size)
    }
}

/// Files held in memory, keyed by absolute path.
package struct InMemoryFileSource: FileSource {
    package var files: [String: String]

    package init(_ files: [String: String]) {
        self.files = files
    }

    package func read(_ path: String) throws -> String {
        guard let text = files[path] else {
            throw DiagnosticError(.error("no such file", at: .file(path), path: ""))
        }
        return text
    }

    package func exists(_ path: String) -> Bool {
        files[path] != nil || files.keys.contains { $0.hasPrefix(path + "/") }
    }

    package func entry(_ path: String) -> FileEntry? {
        if let text = files[path] { return .file(size: text.utf8.count) }
        let children = Set(
            files.keys.filter { $0.hasPrefix(path + "/") }.compactMap {
                $0.dropFirst(path.count + 1).split(separator: "/").first.map(String.init)
            })
        return children.isEmpty ? nil : .directory(children.sorted())
    }
}

/// Path arithmetic without touching the disk.
package enum Paths {
    static func isAbsolute(_ path: String) -> Bool { path.hasPrefix("/") || VolumeSyntax.isWindowsPath(path) }

    /// `path` made absolute against `base`, with `.` and `..` folded and `~` expanded to `home`;
    /// a path that is already absolute is kept as written, as Compose keeps it.
    static func resolve(_ path: String, against base: String, home: String? = nil) -> String {
        var path = path
        if path == "~" || path.hasPrefix("~/"), let home { path = home + path.dropFirst() }
        if isAbsolute(path) { return path }
        return normalize(base.hasSuffix("/") ? base + path : base + "/" + path)
    }

    static func normalize(_ path: String) -> String {
        if isNormalAbsolute(path) { return path }
        var parts: [Substring] = []
        for part in path.utf8.split(separator: UInt8(ascii: "/")).map(Substring.init) {
            if part == "." || part.isEmpty { continue }
            if part == ".." {
                if !parts.isEmpty { parts.removeLast() }
                continue
            }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    /// Whether `normalize` would return `path` as it is: absolute, and no part empty (`//`, a
    /// trailing `/`), `.` or `..`.
    static func isNormalAbsolute(_ path: String) -> Bool {
        let bytes = path.utf8
        guard bytes.first == UInt8(ascii: "/") else { return false }
        guard bytes.count > 1 else { return true }
        var length = 0
        var onlyDots = true
        for byte in bytes.dropFirst() {
            if byte == UInt8(ascii: "/") {
                if length == 0 || (onlyDots && length <= 2) { return false }
                length = 0
                onlyDots = true
            } else {
                length += 1
                if byte != UInt8(ascii: ".") { onlyDots = false }
            }
        }
        return length > 0 && !(onlyDots && length <= 2)
    }

    /// `a/b/c` → `a/b`, `c` → `.`, `/c` → `/`.
    package static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let directory = String(path[..<slash])
        return directory.isEmpty ? "/" : directory
    }

    /// The last part of `path` (trailing slashes aside), or `path` when it has none.
    static func basename(_ path: String) -> String {
        let bytes = path.utf8
        var end = bytes.endIndex
        while end > bytes.startIndex, bytes[bytes.index(before: end)] == UInt8(ascii: "/") { end = bytes.index(before: end) }
        guard end > bytes.startIndex else { return path }
        let start = bytes[..<end].lastIndex(of: UInt8(ascii: "/")).map { bytes.index(after: $0) } ?? bytes.startIndex
        return String(Substring(bytes[start..<end]))
    }

    /// Build contexts and the like may be URLs or git references, which are not paths.
    static func isRemote(_ path: String) -> Bool {
        path.containsBytes("://") || path.hasPrefix("git@") || path.hasPrefix("github.com/")
    }
}

extension FileSource {
    /// The YAML tree of `text`, read from `path`: a caching source parses each file once (the
    /// project name and the project itself come from the same tree).
    func yamlDocument(_ path: String, text: String) throws -> RawNode {
        if let caching = self as? CachingFileSource { return try caching.document(path, text: text) }
        return try YAMLDocumentLoader.load(text, file: path)
    }
}

/// Remembers what it read: a file several services bind-mount is read once, and the project
/// name and the project come from one parse of each compose file.
package final class CachingFileSource: FileSource {
    private let base: FileSource
    private var texts: [String: String] = [:]
    private var entries: [String: FileEntry?] = [:]
    private var documents: [String: RawNode] = [:]

    package init(_ base: FileSource) {
        self.base = base
    }

    package func read(_ path: String) throws -> String {
        if let text = texts[path] { return text }
        let text = try base.read(path)
        texts[path] = text
        return text
    }

    /// Reads `text` for `path` from now on (a bind-mounted file with its host names rewritten).
    func replace(_ path: String, with text: String) {
        texts[path] = text
        entries[path] = .file(size: text.utf8.count)
    }

    /// The YAML tree of the file at `path` (whose text is `text`), parsed once.
    func document(_ path: String, text: String) throws -> RawNode {
        if let document = documents[path] { return document }
        let document = try YAMLDocumentLoader.load(text, file: path)
        documents[path] = document
        return document
    }

    package func exists(_ path: String) -> Bool {
        entry(path) != nil || base.exists(path)
    }

    package func realPath(_ path: String) -> String? { base.realPath(path) }

    package func entry(_ path: String) -> FileEntry? {
        if let cached = entries[path] { return cached }
        let entry = base.entry(path)
        entries[path] = entry
        return entry
    }
}
