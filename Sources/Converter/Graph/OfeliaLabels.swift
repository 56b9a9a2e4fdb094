/// Reads Ofelia's scheduler labels (`ofelia.job-exec.<job>.<option>`, …) and recognizes the
/// Ofelia container itself.
enum OfeliaLabels {
    static let images = ["mcuadros/ofelia", "netresearch/ofelia"]

    static func isScheduler(_ service: Service) -> Bool {
        let image = service.image ?? ""
        // Every image name holds "ofelia": most images are ruled out by that one search.
        let named =
            image.containsBytes("ofelia")
            && images.contains { name in
                [name, "/" + name].contains { image.hasSuffix($0) || image.containsBytes($0 + ":") || image.containsBytes($0 + "@") }
            }
        return named || service.labels["ofelia.service"] == "true"
    }

    /// Every job declared in a service's labels.
    static func jobs(in service: Service) -> [ScheduledJob] {
        var jobs: [String: ScheduledJob] = [:]
        for (label, value) in service.labels where label.hasPrefix("ofelia.") {
            let parts = label.split(separator: ".", maxSplits: 3).map(String.init)
            guard parts.count == 4, let kind = ScheduledJob.Kind(rawValue: parts[1]) else { continue }
            let key = "\(parts[1]).\(parts[2])"
            var job = jobs[key] ?? ScheduledJob(kind: kind, name: parts[2], service: nil, labelledService: service.name, options: [:])
            job.options[parts[3]] = value
            jobs[key] = job
        }
        return jobs.values.map { job in
            var job = job
            switch job.kind {
            case .exec: job.service = job.options["container"] ?? service.name
            case .serviceRun: job.service = job.options["service"]
            default: break
            }
            return job
        }.sorted { ($0.labelledService, $0.name) < ($1.labelledService, $1.name) }
    }
}
