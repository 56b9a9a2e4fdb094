/// Values the API server fills in when a manifest leaves them out, for `diff --ignore-defaults`.
enum KubernetesDefaults {
    /// (key, value) pairs that are defaults wherever they appear.
    static let anywhere: [(String, JSONValue)] = [
        ("protocol", .string("TCP")), ("terminationMessagePath", .string("/dev/termination-log")),
        ("terminationMessagePolicy", .string("File")), ("dnsPolicy", .string("ClusterFirst")),
        ("schedulerName", .string("default-scheduler")), ("terminationGracePeriodSeconds", .int(30)),
        ("revisionHistoryLimit", .int(10)), ("progressDeadlineSeconds", .int(600)), ("sessionAffinity", .string("None")),
        ("successThreshold", .int(1)), ("volumeMode", .string("Filesystem")), ("completionMode", .string("NonIndexed")),
        ("suspend", .bool(false)), ("concurrencyPolicy", .string("Allow")), ("successfulJobsHistoryLimit", .int(3)),
        ("failedJobsHistoryLimit", .int(1)), ("internalTrafficPolicy", .string("Cluster")), ("ipFamilyPolicy", .string("SingleStack")),
        ("podManagementPolicy", .string("OrderedReady")), ("initialDelaySeconds", .int(0)),
    ]

    /// Keys that are defaults whatever their value, because the server assigns them.
    static let assigned: Set<String> = ["clusterIP", "clusterIPs", "ipFamilies"]

    static func removing(from object: JSONValue) -> JSONValue {
        guard case .object(var fields) = object else { return object }
        let kind = fields["kind"].flatMap { if case .string(let text) = $0 { text } else { nil } } ?? ""
        if case .object(var spec)? = fields["spec"] {
            if ["Deployment", "StatefulSet"].contains(kind), spec["replicas"] == .int(1) { spec["replicas"] = nil }
            if kind == "Deployment", spec["strategy"] == defaultStrategy { spec["strategy"] = nil }
            if kind == "Service", spec["type"] == .string("ClusterIP") { spec["type"] = nil }
            if kind == "Job", spec["backoffLimit"] == .int(6) { spec["backoffLimit"] = nil }
            fields["spec"] = .object(spec)
        }
        if kind == "Secret", fields["type"] == .string("Opaque") { fields["type"] = nil }
        if case .object(var metadata)? = fields["metadata"], metadata["namespace"] == .string("default") {
            metadata["namespace"] = nil
            fields["metadata"] = .object(metadata)
        }
        return walk(.object(fields), kind: kind, key: "")
    }

    static let defaultStrategy: JSONValue = .object([
        "type": .string("RollingUpdate"),
        "rollingUpdate": .object(["maxSurge": .string("25%"), "maxUnavailable": .string("25%")]),
    ])

    private static func walk(_ value: JSONValue, kind: String, key: String) -> JSONValue {
        switch value {
        case .object(let object):
            var result: [String: JSONValue] = [:]
            for (childKey, child) in object {
                if assigned.contains(childKey), child != .string("None") { continue }
                if anywhere.contains(where: { $0.0 == childKey && $0.1 == child }) { continue }
                if childKey == "restartPolicy", child == .string("Always"), kind != "Job", kind != "CronJob" { continue }
                if childKey == "timeoutSeconds", child == .int(1) { continue }
                if childKey == "periodSeconds", child == .int(10) { continue }
                if childKey == "failureThreshold", child == .int(3) { continue }
                if childKey == "imagePullPolicy", case .string(let policy) = child, policy == defaultPullPolicy(object) { continue }
                result[childKey] = walk(child, kind: kind, key: childKey)
            }
            return .object(result)
        case .array(let items):
            return .array(items.map { walk($0, kind: kind, key: key) })
        default:
            return value
        }
    }

    /// `Always` for `:latest` or untagged images, `IfNotPresent` otherwise.
    static func defaultPullPolicy(_ container: [String: JSONValue]) -> String? {
        guard case .string(let image)? = container["image"] else { return nil }
        let reference = ImageReference(image)
        return reference.digest == nil && reference.effectiveTag == "latest" ? "Always" : "IfNotPresent"
    }

    /// Empty maps and lists left behind count as absent.
    static func pruned(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object):
            var result: [String: JSONValue] = [:]
            for (key, child) in object {
                let cleaned = pruned(child)
                if cleaned == .object([:]) || cleaned == .array([]) || cleaned == .null { continue }
                result[key] = cleaned
            }
            return .object(result)
        case .array(let items):
            return .array(items.map(pruned))
        default:
            return value
        }
    }
}
