import Foundation

/// A position in a user's file: 1-based line and column.
///
/// The file is kept as a number (`FileNames`): a project's every node and key has a location,
/// and a location that held the path's `String` retained and released it with each copy of a
/// node. Two locations are equal when their path, line and column are.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    private var fileNumber: Int32
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.init(fileNumber: FileNames.number(of: file), line: line, column: column)
    }

    /// A location in a file numbered before (`FileNames.number(of:)`), as a parser makes many.
    init(fileNumber: Int32, line: Int, column: Int) {
        self.fileNumber = fileNumber
        self.line = line
        self.column = column
    }

    public var file: String {
        get { FileNames.path(of: fileNumber) }
        set { fileNumber = FileNames.number(of: newValue) }
    }

    /// A location for things that have no line, such as a missing file or an environment variable.
    public static func file(_ path: String) -> SourceLocation {
        SourceLocation(file: path, line: 0, column: 0)
    }

    public var description: String {
        line > 0 ? "\(file):\(line):\(column)" : file
    }
}

/// The paths of the files locations point into, each numbered once for the process. The table
/// is read and written only under `lock` (hence `nonisolated(unsafe)`).
enum FileNames {
    nonisolated(unsafe) private static var paths: [String] = []
    nonisolated(unsafe) private static var numbers: [String: Int32] = [:]
    private static let lock = NSLock()

    /// The number of `path`, given it on first use.
    static func number(of path: String) -> Int32 {
        lock.lock()
        defer { lock.unlock() }
        if let number = numbers[path] { return number }
        let number = Int32(paths.count)
        paths.append(path)
        numbers[path] = number
        return number
    }

    static func path(of number: Int32) -> String {
        lock.lock()
        defer { lock.unlock() }
        return paths[Int(number)]
    }
}
