/// The text templates (`Templates/helm/…`, `Templates/tutorial/…`), compiled into the binary
/// (SwiftPM's `.embedInCode`): the one file `swift build` makes is the whole tool, so a binary
/// copied anywhere without a resource bundle beside it still writes charts and guides.
public enum TemplateText {
    public struct Missing: Error, CustomStringConvertible {
        public var description: String
    }

    /// Each template by its path below `Templates/`. SwiftPM names an embedded file by its base
    /// name alone, so two templates may not share one; a test checks this table against the folder.
    static let embedded: [String: [UInt8]] = [
        "helm/NOTES.txt": PackageResources.NOTES_txt,
        "helm/README.md": PackageResources.README_md,
        "helm/_helpers.tpl": PackageResources._helpers_tpl,
        "helm/ingress.yaml": PackageResources.ingress_yaml,
        "helm/route.yaml": PackageResources.route_yaml,
        "tutorial/ci.md": PackageResources.ci_md,
        "tutorial/cleanup.md": PackageResources.cleanup_md,
        "tutorial/data.md": PackageResources.data_md,
        "tutorial/deploy.md": PackageResources.deploy_md,
        "tutorial/mapping.md": PackageResources.mapping_md,
        "tutorial/notes/crash-loop.md": PackageResources.crash_loop_md,
        "tutorial/notes/dockerignore.md": PackageResources.dockerignore_md,
        "tutorial/notes/gpu-cluster.md": PackageResources.gpu_cluster_md,
        "tutorial/notes/gpu-local.md": PackageResources.gpu_local_md,
        "tutorial/notes/image-pull.md": PackageResources.image_pull_md,
        "tutorial/notes/job-never-completes.md": PackageResources.job_never_completes_md,
        "tutorial/notes/no-data.md": PackageResources.no_data_md,
        "tutorial/notes/not-ready.md": PackageResources.not_ready_md,
        "tutorial/notes/pending-claim.md": PackageResources.pending_claim_md,
        "tutorial/notes/pull-policy.md": PackageResources.pull_policy_md,
        "tutorial/notes/registry.md": PackageResources.registry_md,
        "tutorial/notes/service-reapply.md": PackageResources.service_reapply_md,
        "tutorial/notes/service-silent.md": PackageResources.service_silent_md,
        "tutorial/notes/waiting-pod.md": PackageResources.waiting_pod_md,
        "tutorial/overview.md": PackageResources.overview_md,
        "tutorial/prerequisites-docker-desktop.md": PackageResources.prerequisites_docker_desktop_md,
        "tutorial/prerequisites-generic.md": PackageResources.prerequisites_generic_md,
        "tutorial/prerequisites-kind.md": PackageResources.prerequisites_kind_md,
        "tutorial/prerequisites-minikube.md": PackageResources.prerequisites_minikube_md,
        "tutorial/routes.md": PackageResources.routes_md,
        "tutorial/troubleshooting.md": PackageResources.troubleshooting_md,
        "tutorial/verify.md": PackageResources.verify_md,
    ]

    /// The paths of every template.
    public static var paths: [String] { embedded.keys.sorted() }

    /// The text of `helm/_helpers.tpl` and the like.
    /// - Throws: `Missing` for a path that is no template.
    public static func named(_ path: String) throws -> String {
        guard let bytes = embedded[path] else {
            throw Missing(description: "template \(path) is not one of compose2kube's templates")
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The template with each `{{{key}}}` replaced by its value (unknown keys stay as written),
    /// in one pass: a value is never searched again, however long.
    public static func fill(_ template: String, _ values: [String: String]) -> String {
        let bytes = Array(template.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        let brace = UInt8(ascii: "{")
        let close = UInt8(ascii: "}")
        // The text between placeholders is copied a run at a time.
        var copied = 0
        var index = 0
        while let open = bytes[index...].firstIndex(of: brace) {
            index = open + 1
            guard open + 2 < bytes.count, bytes[open + 1] == brace, bytes[open + 2] == brace else { continue }
            var end = open + 3
            while end + 2 < bytes.count, !(bytes[end] == close && bytes[end + 1] == close && bytes[end + 2] == close), bytes[end] != brace {
                end += 1
            }
            guard end + 2 < bytes.count, bytes[end] == close, let value = values[String(decoding: bytes[(open + 3)..<end], as: UTF8.self)]
            else { continue }
            output += bytes[copied..<open]
            output += value.utf8
            index = end + 3
            copied = index
        }
        output += bytes[copied...]
        return String(decoding: output, as: UTF8.self)
    }
}
