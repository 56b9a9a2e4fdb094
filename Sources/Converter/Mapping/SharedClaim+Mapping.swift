/// The mapping side of shared claims (DESIGN, named volume row): one rule for named volumes
/// and bind-mounted folders alike.
extension SharedClaim {
    static func accessMode(_ mode: ConversionOptions.SharedVolumes) -> AccessMode {
        mode == .rwx ? .readWriteMany : .readWriteOnce
    }

    /// What the conversion says about a claim several services use.
    static func note(volume: String, users: [String], options: ConversionOptions) -> String {
        switch options.sharedVolumes {
        case .node:
            return "\(volume) is shared by \(users.joined(separator: ", ")): one ReadWriteOnce claim, and their pods are kept on one node "
                + "(as Compose ran them on one host); with a ReadWriteMany storage class, --shared-volumes rwx lets them spread"
        case .rwx:
            return "\(volume) is shared by \(users.joined(separator: ", ")): its claim is ReadWriteMany (--shared-volumes rwx), "
                + "which needs a storage class that offers it (kind's and minikube's default ones do not)"
        }
    }

    /// Labels the pod and requires its claim's other users on its node, when the claim is
    /// ReadWriteOnce and more than one pod uses it (several services, or replicas).
    static func keepTogether(
        _ claim: String, shared: Bool, service: Service, workload: inout Workload, path: String, in conversion: Conversion
    ) {
        // A rolling update would start the new pod while the old one holds the ReadWriteOnce
        // claim: beside it (two writers on one data directory) or on another node, stuck on
        // Multi-Attach. Recreate stops the old pod first, as Compose replaces a container.
        if workload.kind == .deployment, !shared || conversion.options.sharedVolumes == .node { workload.recreateOnUpdate = true }
        guard conversion.options.sharedVolumes == .node else { return }
        let replicas = XKubernetes(service).replicas ?? service.deploy?.replicas ?? service.scale ?? 1
        let replicated = replicas > 1 || workload.kind == .daemonSet
        guard shared || replicated, !workload.pod.sharedClaims.contains(claim) else { return }
        workload.pod.sharedClaims.append(claim)
        workload.metadata.labels[label(claim)] = "shared"
        if replicated, !shared {
            conversion.warn(
                "claim \(claim) is ReadWriteOnce: the replicas of \(workload.metadata.name) all run on one node to share it "
                    + "(--shared-volumes rwx with a ReadWriteMany storage class lets them spread)",
                path: path)
        }
    }
}
