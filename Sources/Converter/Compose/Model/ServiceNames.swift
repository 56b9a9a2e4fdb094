/// The project's service names, for finding which service a key path (`services.<name>.…`)
/// belongs to. Names may hold dots (`wazuh.master`), so the longest name a path starts with
/// wins; such names are rare, so they are kept apart and the common case is one lookup.
public struct ServiceNames: Sendable, ExpressibleByArrayLiteral {
    private let all: Set<String>
    /// Names with a dot, longest first.
    private let dotted: [String]

    public init(_ names: some Sequence<String>) {
        all = Set(names)
        dotted = all.filter { $0.contains(".") }.sorted { $0.count > $1.count }
    }

    public init(arrayLiteral names: String...) {
        self.init(names)
    }

    /// The service `path` belongs to, nil for a path outside `services`.
    public func service(in path: String) -> String? {
        guard path.hasPrefix("services.") else { return nil }
        let rest = path.utf8.dropFirst("services.".utf8.count)
        for name in dotted where rest.starts(with: name.utf8) {
            let end = rest.dropFirst(name.utf8.count)
            if end.isEmpty || end.first == UInt8(ascii: ".") || end.first == UInt8(ascii: "[") { return name }
        }
        let first = rest.prefix { $0 != UInt8(ascii: ".") && $0 != UInt8(ascii: "[") }
        guard let name = String(first), all.contains(name) else { return nil }
        return name
    }
}
