/// The folder whose files compose2kube may read into its output: the project folder (the first
/// compose file's). A file outside it, or one inside that a symbolic link sends outside (a
/// `conf/app.key` linked to `/etc/shadow`), is never read: the output would carry the converting
/// machine's files. Every read of a project file asks this one rule.
package struct ProjectTree: Sendable, Equatable {
    package var root: String

    package init(root: String) {
        self.root = root
    }

    package enum Verdict: Equatable, Sendable {
        case inside
        /// Written outside the folder.
        case outside
        /// Written inside, but a link in its path leads to `target`, outside.
        case linkedOutside(target: String)
    }

    /// Where `path` (absolute, with `.` and `..` folded) lies, its links resolved through `files`.
    package func verdict(_ path: String, files: FileSource) -> Verdict {
        guard Self.path(path, isWithin: root) else { return .outside }
        guard let real = files.realPath(path) else { return .inside }
        let realRoot = files.realPath(root) ?? root
        return Self.path(real, isWithin: realRoot) ? .inside : .linkedOutside(target: real)
    }

    /// The warning for a link that leads outside, naming the link and where it goes.
    package static func linkWarning(_ path: String, target: String) -> String {
        "\(path) is a symbolic link to \(target), outside the project folder, so it is not read (the output would carry this machine's file)"
    }

    static func path(_ path: String, isWithin folder: String) -> Bool {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return path == folder || path.hasPrefix(prefix)
    }
}
