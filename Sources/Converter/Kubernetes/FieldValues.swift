/// The fixed values of Kubernetes fields the converter sets, so a misspelt one is a compile error.
public enum ServiceType: String, Sendable, CaseIterable {
    case clusterIP = "ClusterIP"
    case nodePort = "NodePort"
    case loadBalancer = "LoadBalancer"
}

public enum PortProtocol: String, Sendable, CaseIterable {
    case tcp = "TCP"
    case udp = "UDP"
    case sctp = "SCTP"
}

public enum AccessMode: String, Sendable, CaseIterable {
    case readWriteOnce = "ReadWriteOnce"
    case readOnlyMany = "ReadOnlyMany"
    case readWriteMany = "ReadWriteMany"
    case readWriteOncePod = "ReadWriteOncePod"
}

public enum PullPolicy: String, Sendable, CaseIterable {
    case always = "Always"
    case ifNotPresent = "IfNotPresent"
    case never = "Never"
}

/// A pod's `restartPolicy`.
public enum PodRestartPolicy: String, Sendable, CaseIterable {
    case always = "Always"
    case onFailure = "OnFailure"
    case never = "Never"
}
