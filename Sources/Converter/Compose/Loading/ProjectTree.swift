/// The folders whose files compose2kube may read into its output: the project folder (the
/// first compose file's, or `--project-directory`), widened to the repository it is in (the
/// nearest ancestor holding `.git`, never the home folder itself), plus the folders named with
/// `--allow-read`. A file outside them, or one inside that a symbolic link sends outside (a
/// `conf/app.key` linked to `/etc/shadow`), is never read: the output would carry the
/// converting machine's files. Every read of a project file asks this one rule.
package struct ProjectTree: Sendable, Equatable {
    /// The project folder first, then the repository root and the allowed folders.
    package var roots: [String]

    package init(root: String, also others: [String] = []) {
        roots = [root] + others.filter { $0 != root }
    }

    package enum Verdict: Equatable, Sendable {
        case inside
        /// Written outside the folders.
        case outside
        /// Written inside, but a link in its path leads to `target`, outside.
        case linkedOutside(target: String)
    }

    /// The tree of a project folder: widened to its repository, plus `allowed` folders.
    package static func of(project folder: String, allowed: [String], home: String?, files: FileSource) -> ProjectTree {
        let repository = enclosingRepository(of: folder, home: home, files: files)
        return ProjectTree(root: folder, also: (repository.map { [$0] } ?? []) + allowed)
    }

    /// The nearest folder at or above `folder` holding `.git` (a folder, or the file a worktree
    /// has); nil when there is none, or when it is the home folder or `/` (a dotfiles repository
    /// would open every file of the user).
    static func enclosingRepository(of folder: String, home: String?, files: FileSource) -> String? {
        var current = folder
        while true {
            if files.exists(current == "/" ? "/.git" : current + "/.git") {
                return current == "/" || current == home.map(Paths.normalize) ? nil : current
            }
            guard current != "/", !current.isEmpty else { return nil }
            current = Paths.directory(of: current)
        }
    }

    /// Where `path` (absolute, with `.` and `..` folded) lies, its links resolved through `files`.
    package func verdict(_ path: String, files: FileSource) -> Verdict {
        guard roots.contains(where: { Self.path(path, isWithin: $0) }) else { return .outside }
        guard let real = files.realPath(path) else { return .inside }
        let realRoots = roots.map { files.realPath($0) ?? $0 }
        return realRoots.contains { Self.path(real, isWithin: $0) } ? .inside : .linkedOutside(target: real)
    }

    /// The warning for a link that leads outside, naming the link and where it goes.
    package static func linkWarning(_ path: String, target: String) -> String {
        "\(path) is a symbolic link to \(target), outside the project tree, so it is not read (the output would carry this machine's file)"
    }

    /// `add --allow-read F to read it` for a path outside the tree in a folder near the project
    /// (sharing an ancestor below the home folder); nil for a host path, which stays unread.
    package func allowingAdvice(for path: String, home: String?) -> String? {
        let folder = Paths.directory(of: path)
        let shared = Self.commonAncestor(folder, roots[0])
        let near = shared != "/" && shared != home.map(Paths.normalize)
        return near ? "add --allow-read \(folder) to read it" : nil
    }

    static func commonAncestor(_ a: String, _ b: String) -> String {
        let shared = zip(a.split(separator: "/"), b.split(separator: "/")).prefix { $0 == $1 }.map(\.0)
        return "/" + shared.joined(separator: "/")
    }

    static func path(_ path: String, isWithin folder: String) -> Bool {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return path == folder || path.hasPrefix(prefix)
    }
}
