/// The fixed values of Kubernetes fields the converter sets, so a misspelt one is a compile error.
package enum ServiceType: String, Sendable, CaseIterable {
    case clusterIP = "ClusterIP"
    case nodePort = "NodePort"
    case loadBalancer = "LoadBalancer"
}

package enum PortProtocol: String, Sendable, CaseIterable {
    case tcp = "TCP"
    case udp = "UDP"
    case sctp = "SCTP"
}

package enum AccessMode: String, Sendable, CaseIterable {
    case readWriteOnce = "ReadWriteOnce"
    case readOnlyMany = "ReadOnlyMany"
    case readWriteMany = "ReadWriteMany"
    case readWriteOncePod = "ReadWriteOncePod"
}

package enum PullPolicy: String, Sendable, CaseIterable {
    case always = "Always"
    case ifNotPresent = "IfNotPresent"
    case never = "Never"
}

/// A pod's `restartPolicy`.
package enum PodRestartPolicy: String, Sendable, CaseIterable {
    case always = "Always"
    case onFailure = "OnFailure"
    case never = "Never"
}
