/// A pod controller: Deployment, StatefulSet, DaemonSet, Job or CronJob.
package struct Workload: Equatable, Sendable {
    package enum Kind: String, Sendable, CaseIterable {
        case deployment = "Deployment"
        case statefulSet = "StatefulSet"
        case daemonSet = "DaemonSet"
        case job = "Job"
        case cronJob = "CronJob"

        package var apiVersion: String {
            switch self {
            case .job, .cronJob: return "batch/v1"
            default: return "apps/v1"
            }
        }
    }

    /// CronJob settings.
    package struct Schedule: Equatable, Sendable {
        package var cron: String
        package var concurrencyPolicy: String?
        package var successfulJobsHistoryLimit: Int?
        package var failedJobsHistoryLimit: Int?
        package var timeZone: String?
    }

    package var kind: Kind
    package var metadata: ObjectMeta
    package var selector: [String: String]
    package var podAnnotations: [String: String] = [:]
    package var pod = PodSpec()
    package var replicas: Int?
    package var recreateOnUpdate = false
    package var serviceName: String?
    package var backoffLimit: Int?
    package var activeDeadlineSeconds: Int?
    package var schedule: Schedule?
    /// StatefulSet claims made per pod.
    package var volumeClaimTemplates: [ClaimObject] = []
    /// The compose service whose container this workload runs on a schedule (an Ofelia
    /// `job-exec` CronJob), so outputs can give it that service's settings.
    package var runsContainerOf: String?

    package init(kind: Kind, metadata: ObjectMeta, selector: [String: String]) {
        self.kind = kind
        self.metadata = metadata
        self.selector = selector
    }

    /// The name a service's own workload is found by: its name, or for a Job (whose name ends in
    /// a hash of its content, see `JobNames`) its component, which is the service's name.
    package var lookupName: String {
        kind == .job ? metadata.component ?? metadata.name : metadata.name
    }

    /// The main container (the compose service's own).
    package var container: Container? {
        get { pod.containers.first }
        set { if let newValue { if pod.containers.isEmpty { pod.containers = [newValue] } else { pod.containers[0] = newValue } } }
    }

    var manifest: Manifest {
        let template: Manifest = .object([
            ("metadata", .object([("labels", .sorted(metadata.labels)), ("annotations", .sorted(podAnnotations))])),
            ("spec", pod.manifest),
        ])
        let spec: Manifest
        switch kind {
        case .deployment:
            spec = .object([
                ("replicas", replicas.map(Manifest.int)), ("selector", .object([("matchLabels", .sorted(selector))])),
                ("strategy", recreateOnUpdate ? .object([("type", .string("Recreate"))]) : nil), ("template", template),
            ])
        case .statefulSet:
            spec = .object([
                ("serviceName", serviceName.map(Manifest.string)), ("replicas", replicas.map(Manifest.int)),
                ("selector", .object([("matchLabels", .sorted(selector))])), ("template", template),
                ("volumeClaimTemplates", .list(volumeClaimTemplates.map(\.templateManifest))),
            ])
        case .daemonSet:
            spec = .object([("selector", .object([("matchLabels", .sorted(selector))])), ("template", template)])
        case .job:
            spec = jobSpec(template)
        case .cronJob:
            spec = .object([
                ("schedule", .string(schedule?.cron ?? "")), ("timeZone", schedule?.timeZone.map(Manifest.string)),
                ("concurrencyPolicy", schedule?.concurrencyPolicy.map(Manifest.string)),
                ("successfulJobsHistoryLimit", schedule?.successfulJobsHistoryLimit.map(Manifest.int)),
                ("failedJobsHistoryLimit", schedule?.failedJobsHistoryLimit.map(Manifest.int)),
                ("jobTemplate", .object([("spec", jobSpec(template))])),
            ])
        }
        return .object([
            ("apiVersion", .string(kind.apiVersion)), ("kind", .string(kind.rawValue)), ("metadata", metadata.manifest), ("spec", spec),
        ])
    }

    private func jobSpec(_ template: Manifest) -> Manifest {
        .object([
            ("backoffLimit", backoffLimit.map(Manifest.int)), ("activeDeadlineSeconds", activeDeadlineSeconds.map(Manifest.int)),
            ("podFailurePolicy", podFailurePolicy), ("template", template),
        ])
    }

    /// Failures that are not the task's: a pod evicted or preempted (a drained node), and a wait
    /// that gave up (`WaitExit.timedOut`). They do not count against `backoffLimit`; the Job
    /// starts another pod. Only for `restartPolicy: Never`, as Kubernetes requires.
    private var podFailurePolicy: Manifest? {
        guard pod.restartPolicy == .never else { return nil }
        var rules: [Manifest] = [
            .object([
                ("action", .string("Ignore")),
                ("onPodConditions", .list([.object([("type", .string("DisruptionTarget")), ("status", .string("True"))])])),
            ])
        ]
        for wait in pod.initContainers where ObjectNames.isWait(wait) {
            rules.append(
                .object([
                    ("action", .string("Ignore")),
                    (
                        "onExitCodes",
                        .object([
                            ("containerName", .string(wait.name)), ("operator", .string("In")),
                            ("values", .list([.int(WaitExit.timedOut)])),
                        ])
                    ),
                ]))
        }
        return .object([("rules", .list(rules))])
    }
}
