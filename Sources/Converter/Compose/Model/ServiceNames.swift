/// The project's service names, for finding which service a key path (`services.<name>.…`)
/// belongs to. Names may hold dots (`wazuh.master`), so the longest name a path starts with
/// wins; such names are rare, so they are kept apart and the common case is one lookup.
package struct ServiceNames: Sendable, ExpressibleByArrayLiteral {
    private let all: Set<String>
    /// Names with a dot, longest first.
    private let dotted: [String]

    package init(_ names: some Sequence<String>) {
        all = Set(names)
        dotted = all.filter { $0.utf8.contains(UInt8(ascii: ".")) }.sorted { $0.count > $1.count }
    }

    package init(arrayLiteral names: String...) {
        self.init(names)
    }

    /// The service `path` belongs to, nil for a path outside `services`.
    package func service(in path: String) -> String? {
        let prefix = "services.".utf8.count
        var text = path
        // The first name after `services.`, cut by bytes: this runs for every key path of the project.
        guard
            let first = text.withUTF8({ bytes -> String? in
                guard bytes.count > prefix, bytes.starts(with: "services.".utf8) else { return nil }
                var end = prefix
                while end < bytes.count, bytes[end] != UInt8(ascii: "."), bytes[end] != UInt8(ascii: "[") { end += 1 }
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[prefix..<end]), as: UTF8.self)
            })
        else { return nil }
        let rest = path.utf8.dropFirst(prefix)
        for name in dotted where rest.starts(with: name.utf8) {
            let after = rest.dropFirst(name.utf8.count)
            if after.isEmpty || after.first == UInt8(ascii: ".") || after.first == UInt8(ascii: "[") { return name }
        }
        return all.contains(first) ? first : nil
    }
}
