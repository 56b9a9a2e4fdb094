/// A pod template's spec, typed for the fields compose2kube sets.
package struct PodSpec: Equatable, Sendable {
    package var initContainers: [Container] = []
    package var containers: [Container] = []
    package var volumes: [PodVolume] = []
    package var serviceAccountName: String?
    /// Off on every generated pod: only a container that needs the API mounts a token itself.
    package var automountServiceAccountToken = false
    /// Off on every generated pod: with a Service per compose service, Kubernetes would inject
    /// `<NAME>_PORT=tcp://…` variables Compose never set, which images read as configuration.
    package var enableServiceLinks = false
    package var restartPolicy: PodRestartPolicy?
    package var hostname: String?
    package var subdomain: String?
    package var hostAliases: [(ip: String, hostnames: [String])] = []
    package var dnsNameservers: [String] = []
    package var dnsSearches: [String] = []
    package var dnsOptions: [String] = []
    package var hostNetwork: Bool?
    /// `ClusterFirstWithHostNet` for a host-network pod: with the default policy such a pod uses
    /// the node's resolver and no Service name resolves
    /// (https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/#pod-s-dns-policy).
    package var dnsPolicy: String?
    package var hostPID: Bool?
    package var hostIPC: Bool?
    package var terminationGracePeriodSeconds: Int?
    package var nodeSelector: [String: String] = [:]
    package var tolerations: [Manifest] = []
    package var runtimeClassName: String?
    package var sysctls: [(String, String)] = []
    package var supplementalGroups: [Int] = []
    package var fsGroup: Int?
    package var imagePullSecrets: [String] = []
    /// Claims this pod shares ReadWriteOnce with other pods: it carries a label per claim and is
    /// required to run on the node where the claim's other users run (the first one anywhere).
    package var sharedClaims: [String] = []

    package init() {}

    package static func == (lhs: PodSpec, rhs: PodSpec) -> Bool {
        lhs.manifest == rhs.manifest
    }

    /// The pod's `securityContext` (an empty map when it sets nothing).
    package var securityContextManifest: Manifest {
        .object([
            ("fsGroup", fsGroup.map(Manifest.int)), ("supplementalGroups", .list(supplementalGroups.map(Manifest.int))),
            ("sysctls", .list(sysctls.map { .object([("name", .string($0.0)), ("value", .string($0.1))]) })),
        ])
    }

    package var manifest: Manifest {
        let dns: Manifest = .object([
            ("nameservers", .strings(dnsNameservers)), ("searches", .strings(dnsSearches)),
            (
                "options",
                .list(
                    dnsOptions.map { option in
                        let parts = option.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                        return .object([("name", .string(parts[0])), ("value", parts.count > 1 ? .string(parts[1]) : nil)])
                    })
            ),
        ])
        return .object([
            ("serviceAccountName", serviceAccountName.map(Manifest.string)),
            ("automountServiceAccountToken", .bool(automountServiceAccountToken)), ("enableServiceLinks", .bool(enableServiceLinks)),
            ("restartPolicy", restartPolicy.map { .string($0.rawValue) }),
            ("hostname", hostname.map(Manifest.string)), ("subdomain", subdomain.map(Manifest.string)),
            ("hostNetwork", hostNetwork.map(Manifest.bool)), ("dnsPolicy", dnsPolicy.map(Manifest.string)),
            ("hostPID", hostPID.map(Manifest.bool)),
            ("hostIPC", hostIPC.map(Manifest.bool)),
            ("terminationGracePeriodSeconds", terminationGracePeriodSeconds.map(Manifest.int)),
            ("runtimeClassName", runtimeClassName.map(Manifest.string)),
            ("nodeSelector", .sorted(nodeSelector)), ("affinity", SharedClaim.affinity(sharedClaims)), ("tolerations", .list(tolerations)),
            ("imagePullSecrets", .list(imagePullSecrets.map { .object([("name", .string($0))]) })),
            ("securityContext", securityContextManifest),
            ("hostAliases", .list(hostAliases.map { .object([("ip", .string($0.ip)), ("hostnames", .strings($0.hostnames))]) })),
            ("dnsConfig", dnsNameservers.isEmpty && dnsSearches.isEmpty && dnsOptions.isEmpty ? nil : dns),
            ("initContainers", .list(initContainers.map(\.manifest))), ("containers", .list(containers.map(\.manifest))),
            ("volumes", .list(volumes.map(\.manifest))),
        ])
    }
}

/// A volume of a pod.
package struct PodVolume: Equatable, Sendable {
    package enum Source: Equatable, Sendable {
        case persistentVolumeClaim(String)
        case configMap(name: String, items: [(key: String, path: String)], defaultMode: Int?)
        case secret(name: String, items: [(key: String, path: String)], defaultMode: Int?)
        case emptyDir(memory: Bool, sizeLimit: String?)
        case hostPath(path: String, type: String?)
        /// What the kubelet mounts for a service account (a short-lived token, the cluster CA,
        /// the namespace), for the one container that mounts it itself.
        case serviceAccountToken(expirationSeconds: Int)

        package static func == (lhs: Source, rhs: Source) -> Bool {
            PodVolume(name: "", source: lhs).manifest == PodVolume(name: "", source: rhs).manifest
        }
    }
    package var name: String
    package var source: Source

    var manifest: Manifest {
        func items(_ list: [(key: String, path: String)]) -> Manifest {
            .list(list.map { .object([("key", .string($0.key)), ("path", .string($0.path))]) })
        }
        let body: (String, Manifest)
        switch source {
        case .persistentVolumeClaim(let claim): body = ("persistentVolumeClaim", .object([("claimName", .string(claim))]))
        case .configMap(let name, let list, let mode):
            body = ("configMap", .object([("name", .string(name)), ("items", items(list)), ("defaultMode", mode.map(Manifest.int))]))
        case .secret(let name, let list, let mode):
            body = ("secret", .object([("secretName", .string(name)), ("items", items(list)), ("defaultMode", mode.map(Manifest.int))]))
        case .emptyDir(let memory, let size):
            body = (
                "emptyDir",
                .map(
                    [("medium", memory ? .string("Memory") : nil), ("sizeLimit", size.map(Manifest.string))].compactMap { pair in
                        pair.1.map { (pair.0, $0) }
                    })
            )
        case .hostPath(let path, let type): body = ("hostPath", .object([("path", .string(path)), ("type", type.map(Manifest.string))]))
        case .serviceAccountToken(let expiration):
            let sources: Manifest = .list([
                .object([("serviceAccountToken", .object([("path", .string("token")), ("expirationSeconds", .int(expiration))]))]),
                .object([
                    ("configMap", .object([("name", .string("kube-root-ca.crt")), ("items", items([("ca.crt", "ca.crt")]))]))
                ]),
                .object([
                    (
                        "downwardAPI",
                        .object([
                            (
                                "items",
                                .list([
                                    .object([
                                        ("path", .string("namespace")),
                                        (
                                            "fieldRef",
                                            .object([("apiVersion", .string("v1")), ("fieldPath", .string("metadata.namespace"))])
                                        ),
                                    ])
                                ])
                            )
                        ])
                    )
                ]),
            ])
            body = ("projected", .object([("sources", sources)]))
        }
        return .map([("name", .string(name)), body])
    }
}

/// How pods that share a ReadWriteOnce claim stay on one node, as Compose's services shared one
/// host: each carries `claim.compose2kube.io/<claim>: shared` and requires a pod with that label
/// on its node (the scheduler places the first one anywhere, since it matches itself).
package enum SharedClaim {
    package static func label(_ claim: String) -> String { "claim.compose2kube.io/\(claim)" }

    package static func affinity(_ claims: [String]) -> Manifest? {
        guard !claims.isEmpty else { return nil }
        let terms: [Manifest] = claims.sorted().map { claim in
            .object([
                ("labelSelector", .object([("matchLabels", .object([(label(claim), .string("shared"))]))])),
                ("topologyKey", .string("kubernetes.io/hostname")),
            ])
        }
        return .object([("podAffinity", .object([("requiredDuringSchedulingIgnoredDuringExecution", .list(terms))]))])
    }
}
