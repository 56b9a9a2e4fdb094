/// `healthcheck` → a readiness probe (so `service_healthy` means pod Ready, exactly compose's
/// meaning), and a startup probe when there is a `start_period`. Compose never restarts an
/// unhealthy container, so a liveness probe only when asked (`--liveness-probes`,
/// `x-kubernetes.liveness: true`): a check written for `depends_on` that kills a busy database
/// would be an outage. `CMD` runs as an argument vector, `CMD-SHELL` through `sh -c`; a plain
/// `curl -f`/`wget --spider` of localhost becomes an HTTP probe. `NONE` or `disable` gives none.
struct HealthcheckRule: ServiceRule {
    static let keys = KeyOwnership(owns: [
        "services.*.healthcheck", "services.*.healthcheck.test[]", "services.*.healthcheck.interval", "services.*.healthcheck.timeout",
        "services.*.healthcheck.retries", "services.*.healthcheck.start_period", "services.*.healthcheck.start_interval",
        "services.*.healthcheck.disable",
    ])

    func apply(to service: Service, workload: inout Workload, in conversion: Conversion) {
        conversion.consume("healthcheck", of: service)
        guard let check = service.healthcheck, !check.disabled, let test = check.test else { return }
        let action = Self.action(for: test)
        let seconds = { (key: String, duration: Duration?, field: String, fallback: Int) -> Int? in
            guard let duration else { return fallback }
            let fits = conversion.seconds(duration, 0...Conversion.int32Max, field: field, path: service.path("healthcheck.\(key)"))
            return fits.map { max(1, $0) }
        }
        // Docker reads `retries: 0` as its default, 3 (the Engine API's HealthConfig: "0 means inherit").
        let retries = check.retries.map { $0 == 0 ? 3 : $0 } ?? 3
        guard let period = seconds("interval", check.interval, "periodSeconds", 30),
            let timeout = seconds("timeout", check.timeout, "timeoutSeconds", 30),
            let threshold = conversion.fitting(
                retries, 1...Conversion.int32Max, field: "failureThreshold", path: service.path("healthcheck.retries"))
        else { return }
        var probe = Probe(action: action, periodSeconds: period, timeoutSeconds: timeout, failureThreshold: threshold)
        workload.container?.readinessProbe = probe
        if XKubernetes(service).liveness ?? conversion.options.livenessProbes { workload.container?.livenessProbe = probe }
        if let start = check.startPeriod, start.nanoseconds > 0 {
            guard let startPeriod = seconds("start_interval", check.startInterval, "periodSeconds", 5),
                let startSeconds = seconds("start_period", start, "a startup probe's periodSeconds × failureThreshold", 1),
                let startThreshold = conversion.fitting(
                    max(1, startSeconds / startPeriod) + threshold, 1...Conversion.int32Max, field: "failureThreshold",
                    path: service.path("healthcheck.start_period"))
            else { return }
            probe.periodSeconds = startPeriod
            probe.failureThreshold = startThreshold
            workload.container?.startupProbe = probe
        }
    }

    static func action(for test: Healthcheck.Test) -> Probe.Action {
        switch test {
        case .exec(let argv): return httpProbe(argv) ?? .exec(argv)
        case .shell(let command):
            let words = (try? ShellWords.split(command)) ?? []
            let isSimple = !command.contains(where: { "|&;<>$`".contains($0) })
            if isSimple, let http = httpProbe(words) { return http }
            return .exec(["sh", "-c", command])
        case .none: return .exec(["true"])
        }
    }

    /// `curl -f http://localhost:8080/health` or `wget --spider -q http://127.0.0.1/health`.
    static func httpProbe(_ words: [String]) -> Probe.Action? {
        guard let tool = words.first, ["curl", "wget"].contains(tool) else { return nil }
        let flags = words.dropFirst().filter { $0.hasPrefix("-") }
        let urls = words.dropFirst().filter { !$0.hasPrefix("-") }
        let allowed = tool == "curl" ? Self.curlFlags : Self.wgetFlags
        guard urls.count == 1, flags.allSatisfy(allowed.contains),
            tool == "wget" || flags.contains(where: { $0.utf8.contains(UInt8(ascii: "f")) }),
            tool == "curl" || flags.contains("--spider")
        else { return nil }
        // Cut by bytes: `/` and `:` are ASCII.
        var url = urls[0].utf8[...]
        if url.starts(with: "http://".utf8) { url = url.dropFirst("http://".utf8.count) }
        guard !String(Substring(url)).containsBytes("://") else { return nil }
        let hostPort = url.prefix { $0 != UInt8(ascii: "/") }
        let path = url[hostPort.endIndex...]
        let parts = hostPort.split(separator: UInt8(ascii: ":"))
        guard let host = parts.first.map({ String(Substring($0)) }), ["localhost", "127.0.0.1", "0.0.0.0"].contains(host) else {
            return nil
        }
        let port = parts.count > 1 ? Int(String(Substring(parts[1]))) : 80
        guard let port else { return nil }
        return .httpGet(path: path.isEmpty ? "/" : String(Substring(path)), port: port)
    }

    private static let curlFlags: Set<String> = ["-f", "--fail", "-s", "--silent", "-fs", "-sf", "-S", "-sS", "-fsS", "-fSs"]
    private static let wgetFlags: Set<String> = ["--spider", "-q", "--quiet", "-qO-", "-O-", "-O", "/dev/null"]
}
