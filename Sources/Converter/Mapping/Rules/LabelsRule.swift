/// `kompose.*` labels: the ones other rules understand are used; any other is reported, so a
/// kompose user sees what did not carry over.
struct LabelsRule: ServiceRule {
    static let keys = KeyOwnership()

    static let understood: Set<String> = [
        "kompose.service.type", "kompose.image-pull-policy", "kompose.volume.size", "kompose.volume.storage-class-name",
        "kompose.controller.type", "kompose.security-context.fsgroup", "kompose.hpa.replicas.min", "kompose.hpa.replicas.max",
        "kompose.hpa.cpu", "kompose.hpa.memory", "kompose.service.expose", "kompose.service.expose.tls-secret",
        "kompose.service.expose.ingress-class-name", "kompose.cronjob.schedule", "kompose.cronjob.concurrency_policy",
        "kompose.cronjob.backoff_limit", "kompose.image-pull-secret",
    ]

    func apply(to service: Service, workload: inout Workload, in conversion: Conversion) {
        for label in service.labels.keys.sorted() where label.hasPrefix("kompose.") && !Self.understood.contains(label) {
            conversion.warn("kompose label \(label) is not supported by compose2kube", path: service.path("labels.\(label)"))
        }
    }
}
