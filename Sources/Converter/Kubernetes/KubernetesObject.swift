/// One generated Kubernetes object.
package indirect enum KubernetesObject: Equatable, Sendable {
    case workload(Workload)
    case service(ServiceObject)
    case data(DataObject)
    case claim(ClaimObject)
    case ingress(IngressObject)
    case httpRoute(HTTPRouteObject)
    case generic(GenericObject)

    package var kind: String {
        switch self {
        case .workload(let workload): return workload.kind.rawValue
        case .service: return "Service"
        case .data(let data): return data.kind.rawValue
        case .claim: return "PersistentVolumeClaim"
        case .ingress: return "Ingress"
        case .httpRoute: return "HTTPRoute"
        case .generic(let object): return object.kind
        }
    }

    package var metadata: ObjectMeta {
        get {
            switch self {
            case .workload(let object): return object.metadata
            case .service(let object): return object.metadata
            case .data(let object): return object.metadata
            case .claim(let object): return object.metadata
            case .ingress(let object): return object.metadata
            case .httpRoute(let object): return object.metadata
            case .generic(let object): return object.metadata
            }
        }
        set {
            switch self {
            case .workload(var object):
                object.metadata = newValue
                self = .workload(object)
            case .service(var object):
                object.metadata = newValue
                self = .service(object)
            case .data(var object):
                object.metadata = newValue
                self = .data(object)
            case .claim(var object):
                object.metadata = newValue
                self = .claim(object)
            case .ingress(var object):
                object.metadata = newValue
                self = .ingress(object)
            case .httpRoute(var object):
                object.metadata = newValue
                self = .httpRoute(object)
            case .generic(var object):
                object.metadata = newValue
                self = .generic(object)
            }
        }
    }

    package var name: String { metadata.name }

    package var manifest: Manifest {
        switch self {
        case .workload(let object): return object.manifest
        case .service(let object): return object.manifest
        case .data(let object): return object.manifest
        case .claim(let object): return object.manifest
        case .ingress(let object): return object.manifest
        case .httpRoute(let object): return object.manifest
        case .generic(let object): return object.manifest
        }
    }

    /// Apply order: Namespace, ServiceAccount and RBAC, ConfigMaps, Secrets, PVCs, Services,
    /// long-running workloads, Jobs, CronJobs, then policies and autoscalers.
    package var applyRank: Int {
        Self.ranks[kind] ?? 99
    }

    private static let ranks: [String: Int] = Dictionary(
        uniqueKeysWithValues: [
            "Namespace", "ResourceQuota", "ServiceAccount", "Role", "RoleBinding", "ConfigMap", "Secret", "PersistentVolumeClaim",
            "Service",
            "StatefulSet", "Deployment", "DaemonSet", "Job", "CronJob", "HorizontalPodAutoscaler", "PodDisruptionBudget", "Ingress", "HTTPRoute",
            "NetworkPolicy",
        ].enumerated().map { ($1, $0) })

    /// `<name>-<kind>.yaml`, as the manifests output names its files. A Job's file is named
    /// after its component, without the content hash its name ends in, so converting a changed
    /// Job again rewrites the same file.
    package var fileName: String {
        if case .workload(let workload) = self, workload.kind == .job, let component = workload.metadata.component {
            return "\(component)-job.yaml"
        }
        return "\(name)-\(kind.lowercased()).yaml"
    }
}
