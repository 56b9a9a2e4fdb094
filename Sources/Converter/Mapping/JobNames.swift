/// Gives every Job a name that ends in a hash of what it runs: `migrate-3f0c9a12be`.
///
/// A Job's pod template cannot be changed once created, so applying a changed conversion over
/// the old one would be refused if the Job kept its name. With the content in the name, a
/// changed Job is a new Job (it runs again, as `docker compose up` runs a changed one-shot
/// again) and an unchanged one is left alone. Runs after every rule, in dependency order, so a
/// Job that waits for another hashes the other's final name; the waits and the Role that lets
/// them read the Jobs follow the new names.
enum JobNames {
    /// Hex digits of the content hash in a Job's name.
    static let hashWidth = 10

    static func assign(in conversion: Conversion) {
        var renamed: [String: String] = [:]
        for node in conversion.graph.nodes {
            guard var job = conversion.workloads[node.service.name], job.kind == .job else { continue }
            rename(awaited: renamed, in: &job.pod)
            let name = hashedName(of: job, in: conversion)
            renamed[job.metadata.name] = name
            conversion.renameReported("Job/\(job.metadata.name)", to: "Job/\(name)", for: node.service.name)
            job.metadata.name = name
            conversion.workloads[node.service.name] = job
        }
        guard !renamed.isEmpty else { return }
        for (key, var workload) in conversion.workloads where workload.kind != .job {
            rename(awaited: renamed, in: &workload.pod)
            conversion.workloads[key] = workload
        }
        JobWaitAccess.renameJobs(renamed, in: conversion)
    }

    /// `base-<hash>`, the base cut so the whole name stays a 63-character label value (a Job's
    /// name is also its pods' `job-name` label).
    static func hashedName(of job: Workload, in conversion: Conversion) -> String {
        var content = ManifestWriter.yaml(job.manifest["spec"] ?? .null)
        for name in configMapNames(in: job.pod) {
            guard let data = conversion.data(.configMap, named: name) else { continue }
            content += "\n--- \(name)\n" + data.data.keys.sorted().map { "\($0)=\(data.data[$0] ?? "")" }.joined(separator: "\n")
        }
        let base = KubernetesName.dns1123(job.metadata.name, limit: 63 - hashWidth - 1)
        return "\(base)-\(StableHash.hex(content, width: hashWidth))"
    }

    /// The ConfigMaps a pod reads (their contents are part of what the Job runs; Secrets are
    /// not hashed, so no secret value can be guessed from a name).
    private static func configMapNames(in pod: PodSpec) -> [String] {
        var names = Set<String>()
        for container in pod.initContainers + pod.containers {
            names.formUnion(container.envFrom.filter { $0.kind == .configMap }.map(\.name))
            names.formUnion(container.env.compactMap { $0.reference?.kind == .configMap ? $0.reference?.name : nil })
        }
        for volume in pod.volumes {
            if case .configMap(let name, _, _) = volume.source { names.insert(name) }
        }
        return names.sorted()
    }

    private static func rename(awaited renamed: [String: String], in pod: inout PodSpec) {
        for index in pod.initContainers.indices {
            guard let job = WaitScript.awaitedJob(by: pod.initContainers[index]), let name = renamed[job] else { continue }
            for variable in pod.initContainers[index].env.indices
            where pod.initContainers[index].env[variable].name == WaitScript.jobVariable {
                pod.initContainers[index].env[variable].value = name
            }
        }
    }
}
