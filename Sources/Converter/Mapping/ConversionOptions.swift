/// The choices `convert` takes from its flags.
public struct ConversionOptions: Sendable {
    package enum Exposure: String, Sendable, CaseIterable { case clusterip, nodeport, loadbalancer }

    package var namespace: String?
    /// How published ports are exposed.
    package var expose: Exposure = .nodeport
    /// Services holding named volumes become StatefulSets.
    package var stateful = false
    /// Size of a PVC when nothing else says.
    package var pvcSize = "1Gi"
    /// Extra pattern for environment keys that are secret.
    package var secretKeyPattern: String?
    /// How bind mounts become volumes: ConfigMaps/PVCs, or hostPath for single-node clusters.
    package var bindMounts: BindMountMode = .copy
    /// One NetworkPolicy per compose network.
    package var networkPolicies = false
    /// A ResourceQuota summing the project's requests and limits.
    package var quota = false
    /// Give every published port a fixed nodePort (needed for kind's port mappings); otherwise
    /// only published ports already in the NodePort range keep their number.
    package var pinNodePorts = false
    /// Every profile's services are converted at once for an output that switches profiles on and
    /// off (a chart): services of disjoint profiles, which never run together, may share a name.
    package var profilesAreSwitched = false
    /// How a claim several services share is made: ReadWriteOnce with the users kept on one node
    /// (works with kind's and minikube's default storage), or ReadWriteMany (needs such a class).
    package var sharedVolumes: SharedVolumes = .node

    package enum SharedVolumes: String, Sendable, CaseIterable {
        /// ReadWriteOnce, and a required podAffinity that keeps the users on one node.
        case node
        /// ReadWriteMany, for a storage class that offers it.
        case rwx
    }

    /// Node selector and runtime class of pods that get a GPU (`--gpu-node-selector`,
    /// `--gpu-runtime-class`); none by default, the GPU resource schedules them.
    package var gpuPlacement = GPU.Placement()
    /// GPU reservations left out, every service on CPU (`--cpu-only`): for a cluster without
    /// GPUs, such as kind, minikube or Docker Desktop.
    package var cpuOnly = false
    /// Healthchecks also become liveness probes (restarts), which Compose never does.
    package var livenessProbes = false
    /// How long a waiting init container waits before it fails with a message, in seconds.
    package var waitTimeout = 1800
    /// The image the waiting init containers run (`--helper-image`).
    package var helperImage = HelperImages.wait
    /// `--ingress-class`: the IngressClass of routes made from proxy labels (none: the cluster's default).
    package var ingressClass: String?
    /// `--cert-issuer`: the cert-manager issuer that fills each TLS route's Secret (`NAME` for a
    /// ClusterIssuer, `issuer/NAME` for an Issuer in the namespace); none: the Secret is yours to make.
    package var certIssuer: String?
    /// `--routes`: the API routes from proxy labels (and `x-kubernetes.ingress`) are written in.
    package var routes = RouteAPI.ingress
    /// `--gateway [NAMESPACE/]NAME`: the Gateway HTTPRoutes attach to (`--routes gateway`).
    package var gateway: GatewayReference?

    package enum RouteAPI: String, Sendable, CaseIterable {
        /// `networking.k8s.io/v1` Ingress: served by every cluster, one controller away.
        case ingress
        /// Gateway API `HTTPRoute` attached to a Gateway the user owns.
        case gateway
        /// No route objects: the edge is configured outside this conversion.
        case none
    }

    /// A Gateway by name, in the routes' namespace unless one is given.
    package struct GatewayReference: Equatable, Sendable {
        package var name: String
        package var namespace: String?

        package init(name: String, namespace: String? = nil) {
            self.name = name
            self.namespace = namespace
        }
    }

    /// Fill `ConversionResult.coverage` (what became of every key), for `--report json`.
    package var reportsCoverage = true

    package enum BindMountMode: String, Sendable, CaseIterable {
        /// Small files and folders into ConfigMaps, the rest into PVCs.
        case copy
        /// A hostPath volume: the path on the node, which on kind or minikube is not the laptop's.
        case hostpath
    }

    public init() {}
}
