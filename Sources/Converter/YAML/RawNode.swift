/// A YAML value with the place it came from: the reader's working tree.
///
/// Anchors are expanded, merge keys applied, and `!reset` / `!override` tags kept so that
/// file merging can honour them. Every later stage reports problems at `location`.
package struct RawNode: Sendable {
    package enum Value: Sendable {
        case scalar(Scalar)
        case mapping([Entry])
        case sequence([RawNode])
    }

    /// A scalar's text and whether it was written plain (unquoted), which decides its type.
    package struct Scalar: Sendable, Equatable {
        package var text: String
        package var isPlain: Bool
        /// The text as written, before interpolation changed it (`${TAG:-1.0}`); nil when it did not.
        package var written: String?

        package init(_ text: String, isPlain: Bool, written: String? = nil) {
            self.text = text
            self.isPlain = isPlain
            self.written = written
        }
    }

    /// One `key: value` pair of a mapping; keys are always read as strings.
    package struct Entry: Sendable {
        package var key: String
        package var keyLocation: SourceLocation
        package var value: RawNode

        package init(key: String, keyLocation: SourceLocation, value: RawNode) {
            self.key = key
            self.keyLocation = keyLocation
            self.value = value
        }
    }

    /// The compose merge tags: `!reset` removes a value, `!override` replaces it instead of merging.
    package enum MergeTag: String, Sendable {
        case reset = "!reset"
        case override = "!override"
    }

    package var value: Value
    package var location: SourceLocation
    package var mergeTag: MergeTag?

    package init(_ value: Value, at location: SourceLocation, mergeTag: MergeTag? = nil) {
        self.value = value
        self.location = location
        self.mergeTag = mergeTag
    }

    package static func string(_ text: String, at location: SourceLocation) -> RawNode {
        RawNode(.scalar(Scalar(text, isPlain: false)), at: location)
    }

    package static func plain(_ text: String, at location: SourceLocation) -> RawNode {
        RawNode(.scalar(Scalar(text, isPlain: true)), at: location)
    }

    package static func null(at location: SourceLocation) -> RawNode {
        RawNode(.scalar(Scalar("", isPlain: true)), at: location)
    }

    package static func mapping(_ entries: [Entry], at location: SourceLocation) -> RawNode {
        RawNode(.mapping(entries), at: location)
    }

    package static func sequence(_ items: [RawNode], at location: SourceLocation) -> RawNode {
        RawNode(.sequence(items), at: location)
    }
}
