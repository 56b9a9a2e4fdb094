/// The verification stage between the rules and the emitters (DESIGN, "Verify before writing"):
/// what the API server and the kubelet check beyond the OpenAPI schema. A finding here is a
/// bug in the converter, not in the user's input, so the conversion fails naming the object
/// and the reason instead of writing something a cluster would refuse or could not start.
package struct OutputVerifier {
    let objects: [KubernetesObject]
    /// `Kind/name` of objects the output refers to but expects to exist already (external
    /// volumes, secrets and configs).
    let external: Set<String>

    private var byKey: [String: KubernetesObject] = [:]
    /// Pod labels of every workload, by component, so a selector is checked against a few.
    private var podLabels: [String: [[String: String]]] = [:]
    /// `Kind/name` of every object after the first of that key, in order.
    private var repeated: [String] = []

    package init(objects: [KubernetesObject], external: Set<String>) {
        self.objects = objects
        self.external = external
        for object in objects {
            let key = "\(object.kind)/\(object.name)"
            if byKey.updateValue(object, forKey: key) != nil { repeated.append(key) }
            if case .workload(let workload) = object {
                podLabels[workload.metadata.component ?? "", default: []].append(workload.metadata.labels)
            }
        }
    }

    /// Every problem found, as `Kind/name: reason`, in object order.
    package func problems() -> [String] {
        duplicates() + objects.flatMap(problems(of:))
    }

    private func problems(of object: KubernetesObject) -> [String] {
        var problems = metadataProblems(object)
        switch object {
        case .workload(let workload): problems += workloadProblems(workload)
        case .service(let service): problems += serviceProblems(service)
        case .data(let data): problems += dataProblems(data)
        case .ingress(let ingress): problems += ingressProblems(ingress)
        case .httpRoute(let route): problems += httpRouteProblems(route)
        case .claim, .generic: break
        }
        return problems.map { "\(object.kind)/\(object.name): \($0)" }
    }

    /// An Ingress sends to a Service of the output on one of its ports (a headless one has
    /// none to name), for hosts (`*.` allowed first) and absolute paths the API server takes.
    private func ingressProblems(_ ingress: IngressObject) -> [String] {
        var problems: [String] = []
        if ingress.routes.isEmpty { problems.append("has no rules") }
        problems += backendProblems(service: ingress.service, port: ingress.port)
        var seen = Set<String>()
        for route in ingress.routes {
            if let host = route.host, !NameSyntax.isSubdomain(host.hasPrefix("*.") ? String(host.dropFirst(2)) : host) {
                problems.append("host \"\(host)\" is not a DNS subdomain")
            }
            if !route.path.hasPrefix("/") { problems.append("path \"\(route.path)\" is not absolute") }
            if !seen.insert("\(route.host ?? "")\(route.exact ? "=" : "")\(route.path)").inserted {
                problems.append("routes \(route.host ?? "every host")\(route.path) twice")
            }
        }
        return problems
    }

    /// What the HTTPRoute schema and its validation rules refuse (apis/v1/httproute_types.go:
    /// at most 16 hostnames and rules, 8 matches a rule; a redirect rule has no backendRefs; a
    /// ReplacePrefixMatch rewrite needs exactly one PathPrefix match), and backends as for an Ingress.
    private func httpRouteProblems(_ route: HTTPRouteObject) -> [String] {
        var problems: [String] = []
        if route.hostnames.count > 16 { problems.append("has \(route.hostnames.count) hostnames, over the 16 an HTTPRoute takes") }
        if route.rules.isEmpty || route.rules.count > 16 { problems.append("has \(route.rules.count) rules, not 1 to 16") }
        for host in route.hostnames where !NameSyntax.isSubdomain(host.hasPrefix("*.") ? String(host.dropFirst(2)) : host) {
            problems.append("hostname \"\(host)\" is not a DNS subdomain")
        }
        for rule in route.rules {
            if rule.matches.isEmpty || rule.matches.count > 8 { problems.append("a rule has \(rule.matches.count) matches, not 1 to 8") }
            for match in rule.matches where !match.path.hasPrefix("/") || match.path.contains("//") {
                problems.append("path \"\(match.path)\" is not an absolute path without //")
            }
            guard case .forward(let service, let port, let replacePrefix) = rule.action else { continue }
            if replacePrefix != nil, rule.matches.count != 1 || rule.matches[0].exact {
                problems.append("a ReplacePrefixMatch rewrite has \(rule.matches.count) matches, not exactly one PathPrefix match")
            }
            problems += backendProblems(service: service, port: port)
        }
        return problems
    }

    /// A route's backend is a Service of the output with that port (a headless one has none to name).
    private func backendProblems(service name: String, port: Int) -> [String] {
        guard case .service(let service)? = byKey["Service/\(name)"] else { return ["sends to Service \(name), which the output does not have"] }
        return service.ports.contains(where: { $0.port == port }) ? [] : ["sends to port \(port), which Service \(name) does not have"]
    }

    /// The problems as internal-error diagnostics.
    package func diagnostics() -> [Diagnostic] {
        problems().map {
            .error("internal error, nothing was written: a cluster would refuse \($0); please report it", at: nil, path: "")
        }
    }

    private func duplicates() -> [String] {
        repeated.map { "\($0): generated twice" }
    }

    private func metadataProblems(_ object: KubernetesObject) -> [String] {
        let meta = object.metadata
        var problems: [String] = []
        let validName =
            object.kind == "Service" || object.kind == "Namespace"
            ? NameSyntax.isDNS1035(meta.name)
                || object.kind == "Namespace"
                    && NameSyntax.isLabel(meta.name)
            : NameSyntax.isSubdomain(meta.name)
        if !validName { problems.append("name \"\(meta.name)\" is not a valid \(object.kind) name") }
        // Sorted (for the problems' order) only when there is a problem to report.
        if meta.labels.contains(where: { !NameSyntax.isQualifiedName($0.key) || !NameSyntax.isLabelValue($0.value) }) {
            for (key, value) in meta.labels.sorted(by: { $0.key < $1.key }) {
                if !NameSyntax.isQualifiedName(key) { problems.append("label key \"\(key)\" is invalid") }
                if !NameSyntax.isLabelValue(value) { problems.append("label \(key) has the invalid value \"\(value)\"") }
            }
        }
        if meta.annotations.keys.contains(where: { !NameSyntax.isQualifiedName($0) }) {
            for key in meta.annotations.keys.sorted() where !NameSyntax.isQualifiedName(key) {
                problems.append("annotation key \"\(key)\" is invalid")
            }
        }
        return problems
    }

    private func dataProblems(_ data: DataObject) -> [String] {
        var problems = data.data.keys.sorted().filter { !NameSyntax.isDataKey($0) }.map {
            "key \"\($0)\" is not a valid \(data.kind.rawValue) key"
        }
        let size = data.data.reduce(0) { $0 + $1.key.utf8.count + $1.value.utf8.count }
        if size > 1 << 20 { problems.append("holds \(size) bytes, over the 1 MiB limit") }
        return problems
    }

    private func serviceProblems(_ service: ServiceObject) -> [String] {
        var problems: [String] = []
        if !service.headless, service.ports.isEmpty { problems.append("has no ports and is not headless") }
        problems += portProblems(service.ports.map { (name: $0.name, port: $0.port, proto: $0.proto) })
        let candidates = service.selector[ProjectLabels.componentKey].map { podLabels[$0] ?? [] } ?? podLabels.values.flatMap { $0 }
        let selects =
            !service.selector.isEmpty && candidates.contains { labels in service.selector.allSatisfy { labels[$0.key] == $0.value } }
        if !selects { problems.append("selects no pod") }
        return problems
    }

    private func portProblems(_ ports: [(name: String?, port: Int, proto: PortProtocol)]) -> [String] {
        var problems: [String] = []
        var names = Set<String>()
        var numbers = Set<String>()
        for port in ports {
            if let name = port.name {
                if !NameSyntax.isPortName(name) { problems.append("port name \"\(name)\" is invalid") }
                if !names.insert(name).inserted { problems.append("port name \(name) is used twice") }
            }
            if !(1...65535).contains(port.port) { problems.append("port \(port.port) is out of range") }
            // The raw value, not the case: printing an enum case reflects on the value at run time.
            if !numbers.insert("\(port.port)/\(port.proto.rawValue)").inserted {
                problems.append("port \(port.port)/\(port.proto) is listed twice")
            }
        }
        return problems
    }

    private func workloadProblems(_ workload: Workload) -> [String] {
        let templates = workload.kind == .statefulSet ? workload.volumeClaimTemplates : []
        var problems = PodVerifier(pod: workload.pod, objects: byKey, external: external, claimTemplates: templates)
            .problems(component: workload.metadata.component)
        for key in workload.podAnnotations.keys.sorted() where !NameSyntax.isQualifiedName(key) {
            problems.append("pod annotation key \"\(key)\" is invalid")
        }
        for (name, _) in workload.pod.sysctls where !SecurityRule.safeSysctls.contains(name) {
            problems.append("sysctl \(name) is outside the kubelet's safe set")
        }
        if let schedule = workload.schedule, CronSchedule.convert(schedule.cron)?.cron != schedule.cron {
            problems.append("schedule \"\(schedule.cron)\" is not a cron expression")
        }
        for container in workload.pod.initContainers + workload.pod.containers {
            problems += portProblems(container.ports.map { (name: $0.name, port: $0.containerPort, proto: $0.proto) })
                .map { "container \(container.name): \($0)" }
        }
        return problems
    }
}
