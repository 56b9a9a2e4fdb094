/// An image reference cut into its parts, by the grammar of distribution/reference:
/// `[registry/]path[:tag][@digest]`, where the first component is a registry only when it holds
/// a `.` or a `:` or is `localhost` (`docker.io/library/postgres:16`, `registry:5000/app`).
/// Any text is accepted: an empty or malformed reference gives empty parts, never a trap.
package struct ImageReference: Equatable, Sendable {
    /// `docker.io`, `nvcr.io`, `localhost:5000`; nil when the reference names none (Docker Hub).
    package var registry: String?
    /// The repository without the registry and without the `library/` of Docker Hub's official images: `postgres`, `postgis/postgis`.
    package var path: String
    /// The tag, nil when the reference has none (Docker reads that as `latest`).
    package var tag: String?
    package var digest: String?

    package init(_ reference: String) {
        var rest = Substring(reference)
        if let at = rest.firstIndex(of: "@") {
            digest = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
        }
        if let slash = rest.firstIndex(of: "/") {
            let first = rest[..<slash]
            if first.contains(".") || first.contains(":") || first == "localhost" {
                registry = String(first)
                rest = rest[rest.index(after: slash)...]
            }
        }
        if let colon = rest.lastIndex(of: ":"), !rest[colon...].contains("/") {
            tag = String(rest[rest.index(after: colon)...])
            rest = rest[..<colon]
        }
        // Docker Hub's official images, also behind a mirror (`mirror.gcr.io/library/postgres`).
        if rest.hasPrefix("library/") { rest = rest.dropFirst("library/".count) }
        path = String(rest)
    }

    /// The last component of the path: `postgis` for `postgis/postgis`, `traefik` for `traefik:v3`.
    package var name: String { path.split(separator: "/").last.map(String.init) ?? "" }

    /// The tag Docker pulls: the written one, or `latest`.
    package var effectiveTag: String { tag ?? "latest" }
}
