/// The commands that remove from a cluster the objects a re-run no longer generates, without
/// touching the data.
///
/// `kubectl apply --prune` alone prunes kubectl's default list, which includes
/// PersistentVolumeClaims, PersistentVolumes and Namespaces (kubectl `pkg/cmd/apply/prune.go`,
/// `defaultPruneResources`): a claim whose service went away would be deleted with its data.
/// `--prune-allowlist` replaces that list (`group/version/kind`, core as `core/v1/…`; kubectl
/// apply reference), so it names every kind compose2kube writes but claims and namespaces, which
/// also covers kinds the default list misses (NetworkPolicy, ResourceQuota, RBAC, PDB, HPA).
/// ApplySet pruning (`--applyset`, alpha) prunes claims too, so it is not suggested.
package enum PruneAdvice {
    /// Every kind compose2kube can write, as kubectl's allowlist names it, but PersistentVolumeClaim
    /// and Namespace, which hold or scope data. Not only this conversion's kinds: the removed
    /// service's object may be the last of its kind.
    package static let allowlist = [
        "core/v1/ConfigMap", "core/v1/Secret", "core/v1/Service", "core/v1/ServiceAccount", "core/v1/ResourceQuota",
        "apps/v1/Deployment", "apps/v1/StatefulSet", "apps/v1/DaemonSet", "batch/v1/Job", "batch/v1/CronJob",
        "networking.k8s.io/v1/Ingress", "networking.k8s.io/v1/NetworkPolicy", "policy/v1/PodDisruptionBudget",
        "autoscaling/v2/HorizontalPodAutoscaler", "rbac.authorization.k8s.io/v1/Role", "rbac.authorization.k8s.io/v1/RoleBinding",
    ]

    /// `kubectl apply --prune` over `source` (`-f DIR` or `-k DIR`), limited to the project's
    /// objects and to `allowlist`.
    package static func applyCommand(project: String, namespace: String?, source: String) -> String {
        let flags = allowlist.map { "--prune-allowlist=\($0)" }.joined(separator: " ")
        return "kubectl apply\(namespaceFlag(namespace)) --prune -l app.kubernetes.io/part-of=\(project) \(flags) \(source)"
    }

    /// Sets the reclaim policy of the volumes bound to the project's claims to Retain, so that even
    /// a claim deleted by mistake leaves its volume (and data) behind: dynamically provisioned
    /// volumes default to Delete (Kubernetes docs, "Persistent Volumes", Reclaiming).
    package static func retainCommand(project: String, namespace: String?) -> String {
        "for pv in $(kubectl get pvc\(namespaceFlag(namespace)) -l app.kubernetes.io/part-of=\(project) -o jsonpath='{.items[*].spec.volumeName}'); do "
            + #"kubectl patch pv "$pv" -p '{"spec":{"persistentVolumeReclaimPolicy":"Retain"}}'; done"#
    }

    private static func namespaceFlag(_ namespace: String?) -> String { namespace.map { " -n \($0)" } ?? "" }
}
