/// The images compose2kube adds to pods of its own (the init containers that wait), named in one
/// place. Each must exist, be maintained and be pinned; `--helper-image` replaces it (for
/// air-gapped registries).
package enum HelperImages {
    /// `curlimages/curl`: Alpine with busybox (`sh`, `nc -z`, `nslookup`) and curl, which is all
    /// every wait needs (a TCP connect, a DNS answer, the Job's status from the API). Maintained by
    /// the curl project, runs as a non-root user (100). Not `bitnami/kubectl` (its versioned tags
    /// were withdrawn from Docker Hub in 2025), nor `registry.k8s.io/kubectl` or
    /// `rancher/kubectl` (no shell).
    package static let wait = "curlimages/curl:8.17.0"

    /// The user the wait image runs as (`curl_user` in curlimages/curl).
    static let waitUser = 100

    /// The restricted security context every helper container runs with (Pod Security
    /// "restricted": non-root, no privilege escalation, no capabilities, read-only root).
    static var restricted: ContainerSecurityContext {
        var context = ContainerSecurityContext()
        context.runAsNonRoot = true
        context.runAsUser = waitUser
        context.allowPrivilegeEscalation = false
        context.readOnlyRootFilesystem = true
        context.capabilitiesDrop = ["ALL"]
        context.seccompProfile = "RuntimeDefault"
        return context
    }
}
