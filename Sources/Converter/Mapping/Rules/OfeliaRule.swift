import Foundation

/// Ofelia's scheduled jobs → native CronJobs; the Ofelia container itself is dropped.
/// `job-exec` runs in a copy of the service's pod, `job-run` in the given image,
/// `job-service-run` in the named service's pod; `job-local` runs on the Docker host and is
/// only reported.
struct OfeliaRule: MappingRule {
    /// A CronJob copies the finished workload with its claims, and adds to the project Secret.
    static let readsOutputOf: [any ConversionRule.Type] = [EnvironmentRule.self, NamedVolumeRule.self, BindMountRule.self]
    static let readsFinishedWorkloads = true

    static let keys = KeyOwnership()

    func apply(to conversion: Conversion) {
        for (name, reason) in conversion.graph.removed {
            conversion.warn("service \(name) is not converted: \(reason)", path: "services.\(name)")
            reportConfigFileJobs(of: name, in: conversion)
        }
        for job in conversion.graph.scheduledJobs {
            let path = "services.\(job.labelledService).labels.ofelia.\(job.kind.rawValue).\(job.name)"
            conversion.consume(path)
            for key in job.options.keys {
                conversion.consume("services.\(job.labelledService).labels.ofelia.\(job.kind.rawValue).\(job.name).\(key)")
            }
            if job.kind == .local {
                conversion.warn(
                    "Ofelia job-local \(job.name) runs `\(job.command ?? "")` on the Docker host; Kubernetes has no host to run it on",
                    path: path)
                continue
            }
            guard let text = job.schedule, let schedule = CronSchedule.convert(text) else {
                conversion.warn(
                    "Ofelia job \(job.name) has no valid schedule (\"\(job.schedule ?? "")\"), so no CronJob is made", path: path)
                continue
            }
            if let warning = schedule.warning { conversion.warn("Ofelia job \(job.name): \(warning)", path: "\(path).schedule") }
            guard var cronJob = makeCronJob(job, path: path, in: conversion) else { continue }
            cronJob.schedule = .init(
                cron: schedule.cron, concurrencyPolicy: job.options["no-overlap"] == "true" ? "Forbid" : nil,
                successfulJobsHistoryLimit: job.options["history-limit"].flatMap(Int.init),
                failedJobsHistoryLimit: job.options["history-limit"].flatMap(Int.init))
            if let runtime = job.options["max-runtime"].flatMap(DurationSyntax.seconds) { cronJob.activeDeadlineSeconds = Int(runtime) }
            applyEnvironment(job, to: &cronJob, path: path, in: conversion)
            for option in ["network", "delete", "pull", "tty", "volume"] where job.options[option] != nil {
                conversion.warn("Ofelia option \(option) has no Kubernetes equivalent", path: "\(path).\(option)")
            }
            conversion.workloads[ObjectNames.scheduledWorkloadKey(cronJob.metadata.name)] = cronJob
            conversion.report[job.labelledService, default: []].append("CronJob/\(cronJob.metadata.name)")
        }
    }

    /// Jobs defined in an `ofelia.ini` mounted into the scheduler are not in labels: each is
    /// reported, so none disappears with the scheduler without a word.
    private func reportConfigFileJobs(of scheduler: String, in conversion: Conversion) {
        guard let service = conversion.project.services.first(where: { $0.name == scheduler }) else { return }
        for (index, mount) in service.volumes.enumerated() where mount.type == .bind {
            guard let source = mount.source, source.hasSuffix(".ini"),
                conversion.project.tree.verdict(source, files: conversion.files) == .inside,
                let text = try? conversion.files.read(source)
            else { continue }
            for job in Self.iniJobs(text) {
                conversion.warn(
                    "Ofelia \(job.kind) \"\(job.name)\" in \(Paths.basename(source)) is not converted (only jobs in labels are): "
                        + "write it as ofelia.\(job.kind).\(job.name).* labels on the service it runs in, or as a CronJob by hand",
                    path: "services.\(scheduler).volumes[\(index)]")
            }
        }
    }

    /// The `[job-exec "name"]`-style sections of an Ofelia INI file.
    static func iniJobs(_ text: String) -> [(kind: String, name: String)] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("[job-"), trimmed.hasSuffix("]") else { return nil }
            let inner = trimmed.dropFirst().dropLast()
            let parts = inner.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { return nil }
            return (parts[0], parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
        }
    }

    /// `environment` of a job-run (`["KEY=value", …]` or one `KEY=value`): values into the
    /// container, sensitive ones through a Secret of the CronJob's own.
    private func applyEnvironment(_ job: ScheduledJob, to cronJob: inout Workload, path: String, in conversion: Conversion) {
        guard let text = job.options["environment"] else { return }
        let entries: [String]
        if let data = text.data(using: .utf8), let list = try? JSONSerialization.jsonObject(with: data) as? [String] {
            entries = list
        } else {
            entries = [text]
        }
        for entry in entries {
            let parts = entry.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2 else {
                conversion.warn("environment entry \"\(entry)\" is not KEY=value", path: "\(path).environment")
                continue
            }
            if EnvironmentRule.isSensitive(key: parts[0], value: parts[1]) {
                let key = conversion.projectSecret.key(parts[0], value: parts[1], component: cronJob.metadata.name)
                cronJob.container?.env.append(EnvVar(name: parts[0], secret: conversion.projectSecretName, key: key))
            } else {
                cronJob.container?.env.append(EnvVar(name: parts[0], value: KubeletText.literal(parts[1])))
            }
        }
    }

    private func makeCronJob(_ job: ScheduledJob, path: String, in conversion: Conversion) -> Workload? {
        let base: Workload?
        let baseName: String
        switch job.kind {
        case .exec, .serviceRun:
            let target = job.service ?? job.labelledService
            base = conversion.workloads[target]
            baseName = KubernetesName.dns1123(target)
            if base == nil {
                conversion.warn("Ofelia job \(job.name) names service \(target), which is not converted", path: path)
                return nil
            }
        default:
            guard let image = job.options["image"] else {
                conversion.warn("Ofelia job-run \(job.name) has no image", path: path)
                return nil
            }
            var workload = Workload(kind: .cronJob, metadata: ObjectMeta(name: ""), selector: [:])
            workload.container = Container(name: KubernetesName.dns1123(job.name), image: image)
            base = workload
            baseName = KubernetesName.dns1123(job.labelledService)
        }
        guard var cronJob = base else { return nil }
        if job.kind == .exec || job.kind == .serviceRun { cronJob.runsContainerOf = job.service ?? job.labelledService }
        let name = KubernetesName.dns1123("\(baseName)-\(job.name)", limit: 52)
        let perPodClaims = Set(cronJob.volumeClaimTemplates.map(\.metadata.name))
        if !perPodClaims.isEmpty {
            // A StatefulSet's claims belong to its pods, not to a pod the CronJob makes.
            for index in cronJob.pod.containers.indices {
                cronJob.pod.containers[index].volumeMounts.removeAll { perPodClaims.contains($0.name) }
            }
            cronJob.volumeClaimTemplates = []
            conversion.warn(
                "Ofelia job \(job.name) runs without \(perPodClaims.sorted().joined(separator: ", ")): those claims belong to the StatefulSet's own pods",
                path: path)
        }
        cronJob.kind = .cronJob
        cronJob.metadata = conversion.metadata(name, component: name)
        cronJob.selector = [:]
        cronJob.replicas = nil
        cronJob.recreateOnUpdate = false
        cronJob.pod.restartPolicy = .onFailure
        cronJob.pod.initContainers = []
        cronJob.pod.serviceAccountName = nil
        cronJob.pod.volumes.removeAll { $0.name == JobWaitAccess.tokenVolume }  // only its init containers used it
        cronJob.container?.readinessProbe = nil
        cronJob.container?.livenessProbe = nil
        cronJob.container?.startupProbe = nil
        cronJob.container?.ports = []
        if let command = job.command {
            if job.kind == .exec {
                cronJob.container?.command = ["sh", "-c", KubeletText.literal(command)]
                cronJob.container?.args = []
            } else {
                var words = [command]
                if let split = try? ShellWords.split(command) {
                    words = split
                } else {
                    conversion.warn(
                        "command `\(command)` does not split into words (an unbalanced quote?): it is passed on as one argument; quote it as in a shell",
                        path: "\(path).command")
                }
                cronJob.container?.args = words.map(KubeletText.literal)
            }
        }
        if let user = job.options["user"] {
            if let uid = Int(user) {
                cronJob.container?.securityContext = ContainerSecurityContext(runAsUser: uid)
            } else {
                conversion.warn("user \"\(user)\" is not numeric and is not converted", path: "\(path).user")
            }
        }
        for volume in cronJob.pod.volumes {
            if case .persistentVolumeClaim(let claim) = volume.source,
                let object = conversion.claim(named: claim),
                object.accessMode == .readWriteOnce
            {
                conversion.warn(
                    "CronJob \(name) mounts ReadWriteOnce claim \(claim) with its service; both pods must land on one node (or use ReadWriteMany)",
                    path: path)
            }
        }
        return cronJob
    }
}
