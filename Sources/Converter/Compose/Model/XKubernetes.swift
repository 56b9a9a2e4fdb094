/// The `x-kubernetes` extension of a service: typed overrides compose2kube honours.
struct XKubernetes {
    let fields: [String: JSONValue]

    init(_ service: Service) {
        if case .object(let object) = service.extensions["x-kubernetes"] { fields = object } else { fields = [:] }
    }

    func string(_ key: String) -> String? {
        switch fields[key] {
        case .string(let text): return text
        case .int(let int): return String(int)
        default: return nil
        }
    }

    var kind: String? { string("kind") }
    var serviceType: String? { string("serviceType") }
    var size: String? { string("size") }
    var storageClass: String? { string("storageClass") }
    var schedule: String? { string("schedule") }
    var replicas: Int? { if case .int(let value) = fields["replicas"] { Int(value) } else { nil } }
    /// `liveness: true`: the healthcheck also restarts the container (Compose never does).
    var liveness: Bool? { if case .bool(let value) = fields["liveness"] { value } else { nil } }
}
