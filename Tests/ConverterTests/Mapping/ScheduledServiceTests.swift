import Testing

@testable import Converter

@Suite struct ScheduledServiceTests {
    @Test func aServiceWithAScheduleIsACronJob() throws {
        let report = service("report") {
            $0.labels = [
                "kompose.cronjob.schedule": "@every 15m", "kompose.cronjob.concurrency_policy": "Forbid",
                "kompose.image-pull-secret": "regcred",
            ]
        }
        let cron = try #require(try convert(project([report])).workload("report"))
        #expect(cron.kind == .cronJob)
        #expect(cron.schedule == Workload.Schedule(cron: "*/15 * * * *", concurrencyPolicy: "Forbid"))
        #expect(cron.pod.restartPolicy == .never && cron.pod.imagePullSecrets == ["regcred"])
    }

    @Test func anInvalidScheduleIsAnError() {
        let report = service("report") { $0.extensions["x-kubernetes"] = .object(["schedule": .string("sometimes")]) }
        #expect(throws: DiagnosticError.self) { try convert(project([report])) }
    }
}
