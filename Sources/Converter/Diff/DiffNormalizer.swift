import Foundation

/// Puts two objects on equal footing before they are compared: fields the API server sets are
/// dropped, quantities become numbers (`0.5` = `500m`, `1Gi` = `1024Mi`), numeric strings
/// become numbers where Kubernetes accepts both (`"8080"` = `8080`), and with
/// `ignoreDefaults` fields equal to Kubernetes' defaults are dropped.
package struct DiffNormalizer: Sendable {
    package var ignoreDefaults: Bool

    package init(ignoreDefaults: Bool = false) {
        self.ignoreDefaults = ignoreDefaults
    }

    static let serverMetadata: Set<String> = [
        "uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "selfLink", "deletionTimestamp",
        "deletionGracePeriodSeconds",
    ]
    static let serverAnnotations: Set<String> = ["kubectl.kubernetes.io/last-applied-configuration", "deployment.kubernetes.io/revision"]
    static let quantityMaps: Set<String> = ["limits", "requests", "hard", "capacity"]
    static let quantityFields: Set<String> = ["sizeLimit", "storage"]
    static let portFields: Set<String> = ["port", "targetPort", "containerPort", "nodePort", "hostPort"]
    /// What Helm adds to a chart's objects (its standard labels, `checksum/…` and `helm.sh/…`
    /// annotations): the conversion never sets them, so a rendered chart compares as its objects.
    static let toolLabels: Set<String> = ["helm.sh/chart", "app.kubernetes.io/instance"]
    static let toolAnnotationPrefixes = ["checksum/", "helm.sh/"]

    package func normalize(_ object: JSONValue) -> JSONValue {
        guard case .object(var fields) = object else { return object }
        fields["status"] = nil
        // A Secret's `data` (base64, as kustomize's generator writes it) as the `stringData` the conversion writes.
        if fields["kind"] == .string("Secret"), case .object(let data)? = fields["data"] {
            var strings: [String: JSONValue] = [:]
            if case .object(let existing)? = fields["stringData"] { strings = existing }
            var binary: [String: JSONValue] = [:]
            for (key, value) in data {
                if case .string(let encoded) = value, let bytes = Data(base64Encoded: encoded), let text = String(data: bytes, encoding: .utf8) {
                    strings[key] = .string(text)
                } else {
                    binary[key] = value
                }
            }
            fields["data"] = binary.isEmpty ? nil : .object(binary)
            fields["stringData"] = .object(strings)
        }
        if case .object(var metadata)? = fields["metadata"] {
            for key in Self.serverMetadata { metadata[key] = nil }
            if case .object(var annotations)? = metadata["annotations"] {
                for key in Self.serverAnnotations { annotations[key] = nil }
                metadata["annotations"] = annotations.isEmpty ? nil : .object(annotations)
            }
            if case .object(let labels)? = metadata["labels"], labels.isEmpty { metadata["labels"] = nil }
            fields["metadata"] = .object(metadata)
        }
        var result = values(JSONValue.object(fields), key: "")
        if ignoreDefaults { result = KubernetesDefaults.removing(from: result) }
        return KubernetesDefaults.pruned(result)
    }

    private func values(_ value: JSONValue, key: String) -> JSONValue {
        switch value {
        case .object(var object):
            if ["labels", "matchLabels", "selector"].contains(key) { for label in Self.toolLabels { object[label] = nil } }
            if key == "annotations" { object = object.filter { entry in !Self.toolAnnotationPrefixes.contains(where: entry.key.hasPrefix) } }
            var result: [String: JSONValue] = [:]
            for (childKey, child) in object {
                if Self.quantityMaps.contains(key) || Self.quantityFields.contains(childKey) {
                    result[childKey] = Self.quantity(child)
                } else if Self.portFields.contains(childKey), case .string(let text) = child, let number = Int64(text) {
                    result[childKey] = .int(number)
                } else {
                    result[childKey] = values(child, key: childKey)
                }
            }
            return .object(result)
        case .array(let items):
            return .array(items.map { values($0, key: key) })
        default:
            return value
        }
    }

    /// A quantity as a number of base units (cores, bytes), or the value unchanged.
    static func quantity(_ value: JSONValue) -> JSONValue {
        switch value {
        case .int(let int): return .double(Double(int))
        case .double: return value
        case .string(let text): return parseQuantity(text).map(JSONValue.double) ?? value
        default: return value
        }
    }

    static func parseQuantity(_ text: String) -> Double? {
        let suffixes: [(String, Double)] = [
            ("Ki", 1024), ("Mi", 1_048_576), ("Gi", 1_073_741_824), ("Ti", 1_099_511_627_776), ("Pi", 1_125_899_906_842_624),
            ("Ei", 1_152_921_504_606_846_976), ("n", 1e-9), ("u", 1e-6), ("m", 1e-3), ("k", 1e3), ("M", 1e6), ("G", 1e9), ("T", 1e12),
            ("P", 1e15), ("E", 1e18),
        ]
        for (suffix, scale) in suffixes where text.hasSuffix(suffix) {
            return Double(text.dropLast(suffix.count)).map { $0 * scale }
        }
        return Double(text)
    }
}
