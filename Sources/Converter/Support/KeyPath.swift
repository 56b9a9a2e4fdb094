/// Compose key paths such as `services.api.ports[0].target`: a key is cut from its parent at the
/// last `.` or `[`.
enum KeyPath {
    /// `a.b[0].c` → `a.b[0]` → `a.b` → `a` → nil.
    static func parent(of path: Substring) -> Substring? {
        path.unicodeScalars.lastIndex { $0 == "." || $0 == "[" }.map { path[..<$0] }
    }

    static func parent(of path: String) -> Substring? {
        parent(of: Substring(path))
    }

    /// `services.<service>.<key>`.
    static func ofService(_ service: String, key: String) -> String {
        dotted("services", service, key)
    }

    /// `path.key`, or `key` below the root (an empty path).
    static func child(_ path: String, key: String) -> String {
        path.isEmpty ? key : dotted(path, key)
    }

    /// The parts joined with dots.
    static func dotted(_ first: String, _ second: String, _ third: String? = nil) -> String {
        third.map { "\(first).\(second).\($0)" } ?? "\(first).\(second)"
    }

    /// `path[index]`.
    static func item(_ path: String, index: Int) -> String {
        "\(path)[\(index)]"
    }

    /// The path itself, then each ancestor up to its top-level key.
    static func selfAndAncestors(of path: String) -> UnfoldFirstSequence<Substring> {
        sequence(first: Substring(path)) { parent(of: $0) }
    }
}
