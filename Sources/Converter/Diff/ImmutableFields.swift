/// Differences `kubectl apply` cannot make on a live object, because the API server refuses
/// to change those fields (Kubernetes API reference: Service `spec.clusterIP`; a workload's
/// `spec.selector`; a Job's `spec.template`; a StatefulSet's fields other than `replicas`,
/// `template`, `updateStrategy`, `ordinals`, `minReadySeconds` and
/// `persistentVolumeClaimRetentionPolicy`; a claim's spec other than a larger storage request),
/// each with what to do instead. None advises deleting data.
package enum ImmutableFields {
    static let statefulSetMutable = ["spec.replicas", "spec.template", "spec.updateStrategy", "spec.ordinals", "spec.minReadySeconds",
                                     "spec.persistentVolumeClaimRetentionPolicy"]

    /// A note per kind of refused change among `paths`, for the object `kind`/`name`.
    package static func notes(kind: String, name: String, paths: [String]) -> [String] {
        func touches(_ prefix: String) -> Bool { paths.contains { $0 == prefix || $0.hasPrefix(prefix + ".") || $0.hasPrefix(prefix + "[") } }
        var notes: [String] = []
        switch kind {
        case "Service" where touches("spec.clusterIP"):
            notes.append(
                "spec.clusterIP cannot change on a live Service: `kubectl delete service \(name)`, then apply again (a Service holds no data)")
        case "Deployment", "DaemonSet", "ReplicaSet":
            if touches("spec.selector") {
                notes.append(
                    "spec.selector cannot change on a live \(kind): `kubectl delete \(kind.lowercased()) \(name)`, then apply again "
                        + "(its pods restart; claims and their data stay)")
            }
        case "StatefulSet":
            let fixed = paths.filter { path in !statefulSetMutable.contains { path == $0 || path.hasPrefix($0 + ".") || path.hasPrefix($0 + "[") } }
            if !fixed.isEmpty {
                notes.append(
                    "\(fixed.prefix(3).joined(separator: ", ")) cannot change on a live StatefulSet: "
                        + "`kubectl delete statefulset \(name) --cascade=orphan`, then apply again (its pods and claims stay)")
            }
        // compose2kube's Jobs are named by a hash of their content: a changed one is a new Job.
        case "Job" where (touches("spec.template") || touches("spec.selector")) && GeneratedNames.plainName(name) == nil:
            notes.append(
                "a Job's spec.template cannot change: `kubectl delete job \(name)` (it has finished or will run again), then apply again")
        case "PersistentVolumeClaim":
            let fixed = paths.filter { $0.hasPrefix("spec.") && $0 != "spec.resources.requests.storage" }
            if !fixed.isEmpty {
                notes.append(
                    "\(fixed.prefix(3).joined(separator: ", ")) cannot change on a live claim (only a larger storage request can, where "
                        + "its storage class allows): keep the claim as it is, or move its data to a new claim; deleting a claim deletes its data")
            }
        default: break
        }
        return notes
    }
}
