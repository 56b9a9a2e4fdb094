import Converter
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
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw Refusal(description: "\(directory.path) is a file, not a folder; it is left untouched (give a folder for -o)")
        }
        do {
            return try writeStaged(files)
        } catch let refusal as Refusal {
            throw refusal
        } catch let failure as FileBytes.Failure {
            throw Refusal(description: failure.description)
        } catch {
            throw Refusal(description: "cannot write into \(directory.path): \(Self.reason(error))")
        }
    }

    private func writeStaged(_ files: [GeneratedFile]) throws -> [String] {
        let manager = FileManager.default
        let existing =
            (try? manager.subpathsOfDirectory(atPath: directory.path))?.filter { path in
                var isDirectory: ObjCBool = false
                // Only the directory flag matters: a dangling link is still something we did not write.
                _ = manager.fileExists(atPath: directory.appendingPathComponent(path).path, isDirectory: &isDirectory)
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
        var madeFolders = Set<String>()
        for file in files {
            let path = staging.path + "/" + file.path
            let folder = Paths.directory(of: path)
            if madeFolders.insert(folder).inserted { try manager.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            try FileBytes.write(file.contents, to: path)
        }
        let generated = Set(files.map(\.path))
        if existing.isEmpty {
            try? manager.removeItem(at: directory)
            try manager.moveItem(at: staging, to: directory)
            return []
        }
        madeFolders = []
        for file in files {
            let target = directory.path + "/" + file.path
            let folder = Paths.directory(of: target)
            if madeFolders.insert(folder).inserted { try manager.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            let staged = staging.path + "/" + file.path
            // rename(2) replaces an existing file in one step; anything else in the way goes first.
            if rename(staged, target) != 0 {
                if manager.fileExists(atPath: target) { try manager.removeItem(atPath: target) }
                try manager.moveItem(atPath: staged, toPath: target)
            }
        }
        return existing.filter { !generated.contains($0) }.sorted()
    }

    /// A Foundation error in words (`permission denied`), without its domain and code.
    static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))) }
        switch CocoaError.Code(rawValue: nsError.code) {
        case .fileWriteNoPermission, .fileReadNoPermission: return "permission denied"
        case .fileNoSuchFile, .fileReadNoSuchFile: return "no such file or folder"
        case .fileWriteOutOfSpace: return "no space left on the device"
        case .fileWriteVolumeReadOnly: return "read-only file system"
        case .fileWriteFileExists: return "a file is in the way"
        default: return error.localizedDescription
        }
    }
}
