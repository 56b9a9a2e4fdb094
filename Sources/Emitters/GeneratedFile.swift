/// One file an emitter produces: a path relative to the output folder and its contents.
///
/// Emitters are pure: they return these values and never touch the disk; only the CLI writes them.
public struct GeneratedFile: Equatable, Sendable {
    public var path: String
    public var contents: String

    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}
