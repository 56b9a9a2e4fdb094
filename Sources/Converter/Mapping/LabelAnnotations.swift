/// Compose labels copied into Kubernetes annotations. The API server refuses an annotation key that
/// is not a qualified name (an optional DNS subdomain prefix and `/`, then at most 63 letters,
/// digits, `-`, `_`, `.`, alphanumeric at both ends; apimachinery's `ValidateAnnotations`), while
/// Compose takes any string: caddy-docker-proxy's `caddy.@match.path` is one. Such a label is left
/// out with a warning at its own key.
enum LabelAnnotations {
    /// The labels whose keys Kubernetes accepts; each refused one is reported at `keyPrefix.<key>`.
    static func copyable(
        _ labels: [String: String], of service: Service, keyPrefix: String, into objectName: String, in conversion: Conversion
    ) -> [String: String] {
        var annotations: [String: String] = [:]
        for (key, value) in labels.sorted(by: { $0.key < $1.key }) {
            guard NameSyntax.isQualifiedName(key) else {
                conversion.warn(
                    "label \(key) is not copied to the \(objectName) annotations: Kubernetes refuses the key (at most 63 characters after an optional prefix and \"/\", letters, digits, \"-\", \"_\", \".\")",
                    path: service.path("\(keyPrefix).\(key)"))
                continue
            }
            annotations[key] = value
        }
        return annotations
    }
}
