/// A host-network service that reaches another through `localhost:<published port>` (a Caddy in
/// front of an app published on `127.0.0.1:8080`) reached the app through the Docker host's
/// loopback. In a cluster, host networking puts the pod in the node's network namespace, where
/// nothing listens on that port. Each such upstream in its environment, command and entrypoint
/// is rewritten to the app's Service and container port (`app:8080`), which the pod resolves:
/// a host-network pod with `dnsPolicy: ClusterFirstWithHostNet` uses the cluster DNS
/// (Kubernetes "DNS for Services and Pods", Pod's DNS policy). The pod keeps host networking,
/// which is how it listens on the node's ports.
struct LoopbackRewrite {
    struct Change {
        var path: String
        var from: String
        var to: String
    }

    static let loopbackHosts = ["localhost", "127.0.0.1"]

    /// `project` with the loopback upstreams of its host-network services rewritten, and each change.
    static func apply(to project: ComposeProject) -> (ComposeProject, [Change]) {
        var published: [Int: String] = [:]
        for service in project.services {
            for port in service.ports {
                if let host = port.published.flatMap({ Int($0) }), published[host] == nil {
                    published[host] = "\(KubernetesName.dns1123(service.name)):\(port.target)"
                }
            }
        }
        var project = project
        var changes: [Change] = []
        for index in project.services.indices where project.services[index].networkMode == "host" {
            var service = project.services[index]
            // The service's own published ports are its own: reaching them on localhost stays.
            let own = Set(service.ports.compactMap { $0.published.flatMap { Int($0) } })
            let upstreams = published.filter { !own.contains($0.key) }
            func rewritten(_ text: String, key: String) -> String {
                let (result, found) = rewrite(text, upstreams: upstreams)
                changes += found.map { Change(path: service.path(key), from: $0.from, to: $0.to) }
                return result
            }
            for key in service.environment.keys.sorted() {
                guard let value = service.environment[key] ?? nil else { continue }
                let result = rewritten(value, key: "environment.\(key)")
                if result != value {
                    service.environment[key] = result
                    project.written[service.path("environment.\(key)")] = nil
                }
            }
            service.command = service.command.map { $0.map { rewritten($0, key: "command") } }
            service.entrypoint = service.entrypoint.map { $0.map { rewritten($0, key: "entrypoint") } }
            project.services[index] = service
        }
        return (project, changes)
    }

    /// `text` with each `localhost:PORT` / `127.0.0.1:PORT` of a published port replaced.
    static func rewrite(_ text: String, upstreams: [Int: String]) -> (String, [(from: String, to: String)]) {
        var output = ""
        var found: [(from: String, to: String)] = []
        var rest = Substring(text)
        while let (range, host) = loopbackHosts.compactMap({ host in rest.range(of: host + ":").map { ($0, host) } })
            .min(by: { $0.0.lowerBound < $1.0.lowerBound })
        {
            let digits = rest[range.upperBound...].prefix { $0.isASCII && $0.isNumber }
            let before = range.lowerBound > rest.startIndex ? rest[rest.index(before: range.lowerBound)] : output.last
            let standsAlone = !(before.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" } ?? false)
            guard standsAlone, let port = Int(digits), let target = upstreams[port] else {
                output += rest[..<range.upperBound]
                rest = rest[range.upperBound...]
                continue
            }
            output += rest[..<range.lowerBound] + target
            found.append(("\(host):\(port)", target))
            rest = rest[rest.index(range.upperBound, offsetBy: digits.count)...]
        }
        return (output + rest, found)
    }
}
