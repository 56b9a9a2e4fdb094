import Emitters
import Foundation

/// Writes generated files safely: into a temporary folder first, then moved into place, so an
/// interrupted run never leaves half an output. A non-empty folder is refused without `--force`;
/// with it, files compose2kube did not generate are kept and listed.
struct OutputWriter {
    let directory: URL
    let force: Bool

    struct Refusal: Error, CustomStringConvertible {
        var description: String
    }

    /// - Returns: the files that were already there and were kept.
    func write(_ files: [GeneratedFile]) throws -> [String] {
        let manager = FileManager.default
        let existing =
            (try? manager.subpathsOfDirectory(atPath: directory.path))?.filter { path in
                var isDirectory: ObjCBool = false
                manager.fileExists(atPath: directory.appendingPathComponent(path).path, isDirectory: &isDirectory)
                return !isDirectory.boolValue
            } ?? []
        if !existing.isEmpty, !force {
            throw Refusal(
                description: "\(directory.path) is not empty; use --force to write into it (files compose2kube did not generate are kept)")
        }
        let parent = directory.deletingLastPathComponent()
        try manager.createDirectory(at: parent, withIntermediateDirectories: true)
        let staging = parent.appendingPathComponent(
            ".\(directory.lastPathComponent).compose2kube-\(ProcessInfo.processInfo.processIdentifier)")
        try? manager.removeItem(at: staging)
        try manager.createDirectory(at: staging, withIntermediateDirectories: true)
        defer { try? manager.removeItem(at: staging) }
        for file in files {
            let url = staging.appendingPathComponent(file.path)
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.contents.utf8).write(to: url)
        }
        let generated = Set(files.map(\.path))
        if existing.isEmpty {
            try? manager.removeItem(at: directory)
            try manager.moveItem(at: staging, to: directory)
            return []
        }
        for file in files {
            let target = directory.appendingPathComponent(file.path)
            try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            if manager.fileExists(atPath: target.path) { try manager.removeItem(at: target) }
            try manager.moveItem(at: staging.appendingPathComponent(file.path), to: target)
        }
        return existing.filter { !generated.contains($0) }.sorted()
    }
}
