/// `depends_on` → init containers that wait, matching compose's conditions:
/// `service_started` waits for the dependency's Service port (TCP), `service_healthy` for its
/// pods to be Ready, `service_completed_successfully` for its Job to complete. The last two
/// ask the API server, so the project gets one ServiceAccount with a Role to read pods and jobs.
struct DependsOnRule: ServiceRule {
    static let busybox = "busybox:1.36.1"
    static let kubectl = "bitnami/kubectl:1.31.4"
    static let serviceAccount = "compose2kube-waiter"

    func apply(to service: Service, workload: inout Workload, in conversion: Conversion) {
        conversion.consume(service.path("depends_on"))
        conversion.consume(service.path("links"))
        for edge in conversion.graph.dependencies(of: service.name) {
            let path = service.path("depends_on.\(edge.to)")
            guard edge.required else {
                conversion.warn("optional dependency (required: false) on \(edge.to): the pod does not wait for it", path: path)
                continue
            }
            guard let target = conversion.graph.node(edge.to) else { continue }
            if let container = waiter(for: edge, target: target, path: path, in: conversion) {
                workload.pod.initContainers.append(container)
            }
            if edge.condition != .started {
                workload.pod.serviceAccountName = Self.serviceAccount
                addAccess(in: conversion)
            }
        }
    }

    private func waiter(for edge: ServiceGraph.Edge, target: ServiceGraph.Node, path: String, in conversion: Conversion) -> Container? {
        let name = target.service.kubernetesName
        let namespaceFlag = conversion.namespace.map { " -n \($0)" } ?? ""
        var container: Container
        switch edge.condition {
        case .started:
            guard let port = firstPort(of: target.service) else {
                conversion.warn(
                    "\(edge.to) has no port to wait for, so \(edge.from) starts without waiting; add `expose` to \(edge.to) if it must be up first",
                    path: path)
                return nil
            }
            container = Container(name: "wait-for-\(name)", image: Self.busybox)
            container.command = ["sh", "-c", "until nc -z \(name) \(port); do echo waiting for \(name):\(port); sleep 2; done"]
        case .healthy:
            if target.service.healthcheck?.test == nil || target.service.healthcheck?.disabled == true {
                conversion.warn("\(edge.to) has no healthcheck, so Ready only means its container started", path: path)
            }
            container = Container(name: "wait-for-\(name)", image: Self.kubectl)
            let selector = conversion.labels.selector(for: name).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(
                separator: ",")
            container.command = [
                "sh", "-c",
                "until kubectl get pod\(namespaceFlag) -l \(selector) -o name | grep -q . && kubectl wait\(namespaceFlag) --for=condition=Ready pod -l \(selector) --timeout=10s; do sleep 2; done",
            ]
        case .completedSuccessfully:
            guard target.kind == .job else {
                conversion.warn(
                    "\(edge.to) is a long-running \(target.kind.rawValue), so waiting for it to complete would never end; \(edge.from) starts without waiting",
                    path: path)
                return nil
            }
            container = Container(name: "wait-for-\(name)", image: Self.kubectl)
            container.command = [
                "sh", "-c", "until kubectl wait\(namespaceFlag) --for=condition=complete job/\(name) --timeout=10s; do sleep 2; done",
            ]
        }
        return container
    }

    private func firstPort(of service: Service) -> Int? {
        service.ports.first?.target
            ?? service.expose.lazy.compactMap { Int($0.split(separator: "/").first.map(String.init)?.split(separator: "-").first ?? "") }
            .first
    }

    private func addAccess(in conversion: Conversion) {
        guard conversion.object(kind: "ServiceAccount", name: Self.serviceAccount) == nil else { return }
        let meta = conversion.metadata(Self.serviceAccount, component: Self.serviceAccount)
        conversion.add(.generic(GenericObject(apiVersion: "v1", kind: "ServiceAccount", metadata: meta, body: [])))
        let rules: Manifest = .list([
            .object([("apiGroups", .strings([""])), ("resources", .strings(["pods"])), ("verbs", .strings(["get", "list", "watch"]))]),
            .object([("apiGroups", .strings(["batch"])), ("resources", .strings(["jobs"])), ("verbs", .strings(["get", "list", "watch"]))]),
        ])
        conversion.add(
            .generic(GenericObject(apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", metadata: meta, body: [("rules", rules)])))
        var subject: [(String, Manifest?)] = [("kind", .string("ServiceAccount")), ("name", .string(Self.serviceAccount))]
        if let namespace = conversion.namespace { subject.append(("namespace", .string(namespace))) }
        conversion.add(
            .generic(
                GenericObject(
                    apiVersion: "rbac.authorization.k8s.io/v1", kind: "RoleBinding", metadata: meta,
                    body: [
                        (
                            "roleRef",
                            .object([
                                ("apiGroup", .string("rbac.authorization.k8s.io")), ("kind", .string("Role")),
                                ("name", .string(Self.serviceAccount)),
                            ])
                        ),
                        ("subjects", .list([.object(subject)])),
                    ])))
    }
}
