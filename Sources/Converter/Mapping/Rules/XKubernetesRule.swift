/// `x-kubernetes.resources` overrides the resources worked out from compose (Kubernetes
/// quantities as written); an `x-kubernetes` key compose2kube does not know is reported.
struct XKubernetesRule: ServiceRule {
    static let keys = KeyOwnership()

    static let knownKeys = [
        "kind", "replicas", "serviceType", "size", "storageClass", "autoscale", "ingress", "schedule", "resources", "liveness",
    ]

    func apply(to service: Service, workload: inout Workload, in conversion: Conversion) {
        let fields = XKubernetes(service).fields
        for key in fields.keys.sorted() where !Self.knownKeys.contains(key) {
            let hint = Suggestion.closest(to: key, in: Self.knownKeys).map { ", did you mean \"\($0)\"?" } ?? ""
            conversion.warn("unknown x-kubernetes key \"\(key)\" is ignored\(hint)", path: service.path("x-kubernetes.\(key)"))
        }
        guard case .object(let resources)? = fields["resources"] else { return }
        var requirements = workload.container?.resources ?? ResourceRequirements()
        for (section, keyPath) in [("requests", \ResourceRequirements.requests), ("limits", \ResourceRequirements.limits)] {
            guard case .object(let values)? = resources[section] else { continue }
            for (name, value) in values.sorted(by: { $0.key < $1.key }) {
                let text: String
                switch value {
                case .string(let string): text = string
                case .int(let int): text = String(int)
                case .double(let double) where Quantity.isCPU(double): text = Quantity.cpu(double)
                default:
                    conversion.warn(
                        "x-kubernetes.resources.\(section).\(name) must be a quantity such as 500m or 1Gi",
                        path: service.path("x-kubernetes.resources"))
                    continue
                }
                requirements[keyPath: keyPath].removeAll { $0.0 == name }
                requirements[keyPath: keyPath].append((name, text))
            }
        }
        workload.container?.resources = requirements
    }
}
