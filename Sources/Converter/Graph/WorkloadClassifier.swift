/// Decides what a service becomes: Deployment, StatefulSet, DaemonSet or Job.
struct WorkloadClassifier {
    /// `--stateful`: a service holding a named volume is a StatefulSet.
    let statefulVolumes: Bool

    /// Services other services reach by name (a listener, whatever its restart policy).
    let reached: Set<String>

    /// What a service becomes and why; `guessed` when only the one-shot heuristic decided it,
    /// which the conversion reports with how to override it.
    struct Decision {
        var kind: Workload.Kind
        var reason: String
        var guessed = false
    }

    /// - Parameters:
    ///   - awaitedToComplete: a dependant waits for it with `service_completed_successfully`.
    ///   - awaitedRunning: a dependant waits for it to start or be healthy, so it runs on.
    func classify(_ service: Service, awaitedToComplete: Bool, awaitedRunning: Bool = false) -> Decision {
        if let explicit = explicitKind(service) { return Decision(kind: explicit.0, reason: explicit.1) }
        if service.deploy?.mode == "global" { return Decision(kind: .daemonSet, reason: "deploy.mode: global runs one copy per node") }
        if awaitedToComplete { return Decision(kind: .job, reason: "a dependant waits for it with service_completed_successfully") }
        let listens = runsOn(service, awaitedRunning: awaitedRunning) != nil
        // `restart: "no"` is Compose's default, so it makes a Job only with nothing else saying the
        // service runs on; `always` and `unless-stopped` keep it running.
        if Self.neverRestarts(service), !listens {
            return Decision(
                kind: .job, reason: "it never restarts (restart: \"no\"), has no ports and nothing waits for it to run: it runs to completion")
        }
        // Whether a command ends cannot be decided: a service that stops by design under Compose
        // (no restart, or only on failure), that nothing reaches and that reads like a task
        // (`migrate`, a `*-init` service) runs to completion as a Job.
        if !listens, Self.stopsWhenDone(service), let task = Self.finiteTask(service) {
            return Decision(kind: .job, reason: "it looks like a task that runs to completion (\(task)), stops under Compose when done and nothing reaches it", guessed: true)
        }
        if statefulVolumes, service.volumes.contains(where: { $0.type == .volume && $0.source != nil }) {
            return Decision(kind: .statefulSet, reason: "--stateful and it holds a named volume")
        }
        return Decision(kind: .deployment, reason: "a long-running service")
    }

    /// What says a service runs on rather than to completion: its ports, a dependant waiting
    /// for it to start or be healthy, others reaching it, or its own healthcheck; nil for none.
    func runsOn(_ service: Service, awaitedRunning: Bool) -> String? {
        if !service.ports.isEmpty || !service.expose.isEmpty { return "it has ports" }
        if awaitedRunning { return "a dependant waits for it to start or be healthy" }
        if reached.contains(service.name) { return "other services reach it" }
        return Self.checksHealth(service) ? "it has a healthcheck" : nil
    }

    /// No `restart` (Compose's default "no"), `"no"`, or `on-failure[:N]`, and a Swarm policy
    /// that agrees: the container stays stopped once it exits 0.
    static func stopsWhenDone(_ service: Service) -> Bool {
        let restart = service.restart ?? "no"
        let condition = service.deploy?.restartPolicy?.condition ?? "none"
        return (restart == "no" || restart.hasPrefix("on-failure")) && (condition == "none" || condition == "on-failure")
    }

    /// A healthcheck of its own says the service runs on to be checked.
    static func checksHealth(_ service: Service) -> Bool {
        guard let check = service.healthcheck, !check.disabled else { return false }
        return check.test != nil && check.test != Healthcheck.Test.none
    }

    /// Words in a command that mark a task which ends (`migrate`, `sleep 3; ollama pull …`).
    static let finiteWords: Set<String> = [
        "migrate", "migrations", "seed", "bootstrap", "createdb", "pull", "setup", "init-db", "initdb", "loaddata", "collectstatic",
        "pytest",
    ]
    /// Words in a service's name that mark one (`minio-init`, `db-migrator`, `createbuckets`).
    static let taskNameWords: Set<String> = [
        "migrate", "migration", "migrations", "migrator", "seed", "seeder", "init", "setup", "bootstrap", "createbuckets", "provision",
        "test", "tests",
    ]

    /// Command dispatchers that print their usage and exit when given no subcommand: Django's
    /// `manage.py`/`django-admin` (ManagementUtility.execute writes the main help text), Laravel's
    /// `artisan` and Symfony's `bin/console` (list their commands), Nextcloud's `occ`.
    static let dispatchers: Set<String> = ["manage.py", "django-admin", "artisan", "console", "occ"]

    /// What makes the service read like a task that runs once (its command, or its name), else nil.
    /// An `entrypoint` replaces the image's command too (compose spec, `entrypoint`), so a
    /// dispatcher given as the entrypoint alone runs with no subcommand: a helper for
    /// `docker compose run <service> <subcommand>` (taiga's `taiga-manage`, `python manage.py`).
    static func finiteTask(_ service: Service) -> String? {
        if let entrypoint = service.entrypoint, service.command == nil, let last = entrypoint.last,
            dispatchers.contains(String(last.split(separator: "/").last ?? ""))
        {
            return "`\(entrypoint.joined(separator: " "))` with no command prints its usage and exits: "
                + "a helper for `docker compose run \(service.name) <command>`"
        }
        let command = ((service.entrypoint ?? []) + (service.command ?? [])).joined(separator: " ")
        let words = command.lowercased().split(whereSeparator: { !$0.isLetter && $0 != "-" }).map(String.init)
        if words.contains(where: finiteWords.contains) { return "`\(command.count > 60 ? String(command.prefix(57)) + "…" : command)`" }
        let nameWords = service.name.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)
        return nameWords.contains(where: taskNameWords.contains) ? "its name \(service.name)" : nil
    }

    /// `restart: "no"` written out, or `deploy.restart_policy.condition: none`.
    static func neverRestarts(_ service: Service) -> Bool {
        service.restart == "no" || service.deploy?.restartPolicy?.condition == "none"
    }

    private func explicitKind(_ service: Service) -> (Workload.Kind, String)? {
        if XKubernetes(service).schedule != nil || service.labels["kompose.cronjob.schedule"] != nil {
            return (.cronJob, "it has a schedule (x-kubernetes.schedule or kompose.cronjob.schedule)")
        }
        let requested = XKubernetes(service).kind ?? service.labels["kompose.controller.type"]
        guard let requested else { return nil }
        let kind = Workload.Kind.allCases.first { $0.rawValue.lowercased() == requested.lowercased() }
        return kind.map { ($0, "requested by x-kubernetes.kind or kompose.controller.type") }
    }
}
