/// The shell scripts the waiting init containers run (busybox `sh` in `HelperImages.wait`).
/// Each tries every two seconds and gives up with a message after `timeout` seconds, so a wait
/// that cannot end says why instead of spinning forever.
enum WaitScript {
    /// Where a waiting container mounts its own service-account token, CA and namespace.
    static let serviceAccountPath = "/var/run/secrets/kubernetes.io/serviceaccount"

    /// A TCP connect to `host:port`: the Service answers only once a pod is Ready.
    static func tcp(host: String, port: Int, timeout: Int) -> String {
        loop(until: "nc -z -w 2 \(host) \(port)", what: "\(host):\(port)", timeout: timeout)
    }

    /// A DNS answer for `host` in the pod's own namespace (the first search domain; busybox's
    /// nslookup does not use the search list): a Service without ports or a headless one has
    /// addresses only for Ready pods.
    static func dns(host: String, timeout: Int) -> String {
        """
        domain=$(awk '/^search/ {print $2; exit}' /etc/resolv.conf)
        \(loop(until: "nslookup \"\(host).$domain\" 2>/dev/null | grep -q '^Name:'", what: "\(host) to resolve", timeout: timeout))
        """
    }

    /// The environment variable that names the awaited Job in a Job wait. The name is not
    /// written into the script: it carries a hash of the Job's content (`JobNames`) and, in a
    /// Helm chart, is computed when the chart renders, so it lives in one replaceable value.
    static let jobVariable = "JOB"

    /// The Job's status from the API with the mounted token: done when Complete, a failure when
    /// Failed, and a failure when the Job still does not exist after two minutes. The Job's name
    /// is the container's `JOB` variable.
    static func jobComplete(timeout: Int) -> String {
        let query =
            "curl -sS -A compose2kube-wait --cacert $sa/ca.crt -H \"Authorization: Bearer $(cat $sa/token)\" -w ' HTTP=%{http_code}' "
            + "\"https://kubernetes.default.svc/apis/batch/v1/namespaces/$(cat $sa/namespace)/jobs/$\(jobVariable)?pretty=false\""
        return """
            sa=\(serviceAccountPath)
            job_done() {
              status=$(\(query) | tr -d ' \\n\\t')
              case "$status" in
                *'"type":"Complete","status":"True"'*) return 0 ;;
                *'"type":"Failed","status":"True"'*) echo "job $\(jobVariable) failed: see kubectl logs job/$\(jobVariable)" >&2; exit 1 ;;
                *HTTP=404) [ "$waited" -lt 120 ] || { echo "job $\(jobVariable) does not exist" >&2; exit 1; } ;;
              esac
              return 1
            }
            \(loop(until: "job_done", what: "job $\(jobVariable) to complete", timeout: timeout))
            """
    }

    private static func loop(until check: String, what: String, timeout: Int) -> String {
        """
        waited=0
        until \(check); do
          if [ "$waited" -ge \(timeout) ]; then echo "gave up waiting for \(what) after \(timeout)s" >&2; exit \(WaitExit.timedOut); fi
          echo "waiting for \(what)"; sleep 2; waited=$((waited + 2))
        done
        """
    }

    /// The Job a waiting container waits for (read back for the verification stage and for
    /// renaming Jobs), nil for a wait on a Service.
    static func awaitedJob(by container: Container) -> String? {
        guard (container.command.last ?? "").containsBytes("/jobs/$\(jobVariable)") else { return nil }
        return container.env.first { $0.name == jobVariable }?.value
    }

    /// The Service (and port, for a TCP wait) a wait script waits on.
    static func awaitedService(in script: String) -> (host: String, port: Int?)? {
        if let offset = script.utf8Offset(of: "nc -z -w 2 ") {
            let start = script.utf8.index(script.startIndex, offsetBy: offset + "nc -z -w 2 ".utf8.count)
            let words = script[start...].split(separator: " ", maxSplits: 2)
            guard words.count >= 2 else { return nil }
            return (String(words[0]), Int(words[1].prefix { $0.isNumber }))
        }
        if let offset = script.utf8Offset(of: "nslookup \"") {
            let start = script.utf8.index(script.startIndex, offsetBy: offset + "nslookup \"".utf8.count)
            return (String(script[start...].prefix { $0 != "." && $0 != "\"" }), nil)
        }
        return nil
    }
}
