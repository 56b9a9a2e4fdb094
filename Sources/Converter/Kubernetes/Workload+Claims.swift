extension Workload {
    /// Whether the pod volume `name` is a claim: a PersistentVolumeClaim or a StatefulSet's
    /// claim template.
    package func isClaim(_ name: String) -> Bool {
        volumeClaimTemplates.contains { $0.metadata.name == name } || claimName(ofVolume: name) != nil
    }

    /// The claim a pod volume reads, or nil.
    func claimName(ofVolume name: String) -> String? {
        for volume in pod.volumes where volume.name == name {
            if case .persistentVolumeClaim(let claim) = volume.source { return claim }
        }
        return nil
    }

    /// Where in `claim` the main container keeps what a Compose volume held at its root: the
    /// mount's `subPath`, or a `PGDATA` `DatabaseDataRule` set below the mount (one the compose
    /// file sets is in the ConfigMap, and the Compose volume has that layout already); nil for the root.
    package func dataFolder(inClaim claim: String) -> String? {
        guard let container else { return nil }
        for mount in container.volumeMounts where mount.name == claim || claimName(ofVolume: mount.name) == claim {
            if let subPath = mount.subPath { return subPath }
            let prefix = mount.mountPath + "/"
            if let pgdata = container.env.first(where: { $0.name == "PGDATA" })?.value, pgdata.hasPrefix(prefix) {
                return String(pgdata.dropFirst(prefix.count))
            }
        }
        return nil
    }
}
