import Converter

/// The service graph as a Mermaid flowchart: services, Jobs, CronJobs and volumes as nodes,
/// `depends_on` edges labelled with their compose condition, volume use as dotted edges.
enum MermaidDiagram {
    static func flowchart(_ result: ConversionResult) -> String {
        var lines = ["flowchart LR"]
        for node in result.graph.nodes {
            let label = "\(node.name)<br/>\(node.kind.rawValue)"
            lines.append(
                node.kind == .job ? "  \(id("svc", node.name))[[\"\(label)\"]]" : "  \(id("svc", node.name))[\"\(label)\"]")
        }
        for case .workload(let workload) in result.objects
        where workload.kind == .cronJob && result.graph.node(workload.metadata.name) == nil {
            lines.append(
                "  \(id("cron", workload.metadata.name))([\"\(workload.metadata.name)<br/>CronJob \(workload.schedule?.cron ?? "")\"])")
            if let owner = result.graph.scheduledJobs.first(where: {
                KubernetesName.dns1123("\($0.service ?? $0.labelledService)-\($0.name)") == workload.metadata.name
            })?.service, result.graph.node(owner) != nil {
                lines.append("  \(id("cron", workload.metadata.name)) -.->|runs in| \(id("svc", owner))")
            }
        }
        for volume in result.graph.volumeUsers.keys.sorted() {
            lines.append("  \(id("vol", volume))[(\"\(volume)\")]")
        }
        for edge in result.graph.edges {
            lines.append("  \(id("svc", edge.from)) -->|\(edge.condition.rawValue)| \(id("svc", edge.to))")
        }
        for (volume, users) in result.graph.volumeUsers.sorted(by: { $0.key < $1.key }) {
            for user in users where result.graph.node(user) != nil { lines.append("  \(id("svc", user)) -.- \(id("vol", volume))") }
        }
        return lines.joined(separator: "\n")
    }

    /// A node id Mermaid accepts: letters, digits and underscores.
    static func id(_ prefix: String, _ name: String) -> String {
        prefix + "_" + String(name.map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }
}
