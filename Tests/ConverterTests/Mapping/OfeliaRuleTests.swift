import Testing

@testable import Converter

@Suite struct OfeliaRuleTests {
    @Test func jobExecLabelsBecomeCronJobsAndTheSchedulerGoesAway() throws {
        let scheduler = service("scheduler", image: "mcuadros/ofelia:0.3.13") {
            $0.labels = [
                "ofelia.job-run.report.schedule": "@every 1h", "ofelia.job-run.report.image": "reporter:2",
                "ofelia.job-run.report.command": "report --all",
                "ofelia.job-run.report.environment": #"["REPORT_FORMAT=pdf", "SMTP_PASSWORD=pw"]"#,
                "ofelia.job-local.backup.schedule": "@daily", "ofelia.job-local.backup.command": "tar czf /b.tgz /data",
            ]
        }
        let collector = service("collector", image: "app:1") {
            $0.environment = ["MODE": "collect"]
            $0.labels = [
                "ofelia.enabled": "true", "ofelia.job-exec.collect.schedule": "0 */5 * * * *",
                "ofelia.job-exec.collect.command": "python collect.py",
                "ofelia.job-exec.collect.no-overlap": "true", "ofelia.job-exec.collect.history-limit": "3",
            ]
        }
        let result = try convert(project([collector, scheduler]))
        #expect(result.workload("scheduler") == nil)
        let cron = try #require(result.workload("collector-collect"))
        #expect(cron.kind == .cronJob)
        #expect(
            cron.schedule
                == .init(cron: "*/5 * * * *", concurrencyPolicy: "Forbid", successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 3))
        #expect(cron.container?.image == "app:1")
        #expect(cron.container?.command == ["sh", "-c", "python collect.py"])
        #expect(cron.container?.envFrom == [EnvFromSource(kind: .configMap, name: "collector-env")])
        let report = try #require(result.workload("scheduler-report"))
        #expect(report.container?.image == "reporter:2" && report.container?.args == ["report", "--all"])
        #expect(report.schedule?.cron == "0 * * * *")
        #expect(
            report.container?.env == [
                EnvVar(name: "REPORT_FORMAT", value: "pdf"),
                EnvVar(name: "SMTP_PASSWORD", secret: "demo-secrets", key: "SMTP_PASSWORD"),
            ])
        guard case .data(let secret)? = result.object("Secret", "demo-secrets") else {
            Issue.record("the job's secret is not in the project Secret")
            return
        }
        #expect(secret.data["SMTP_PASSWORD"] != nil)
        #expect(result.warnings(about: "services.scheduler").first?.contains("Ofelia scheduler") == true)
        #expect(result.warnings(about: "services.scheduler.labels.ofelia.job-local.backup").first?.contains("tar czf") == true)
    }

    @Test(arguments: [
        ("@every 5m", "*/5 * * * *", false), ("@every 1h", "0 * * * *", false), ("@every 6h", "0 */6 * * *", false),
        ("@every 7m", "*/6 * * * *", true), ("@every 30s", "* * * * *", true), ("0 30 2 * * *", "30 2 * * *", false),
        ("15 30 2 * * *", "30 2 * * *", true), ("*/10 * * * *", "*/10 * * * *", false), ("@midnight", "@daily", false),
        ("@hourly", "@hourly", false),
    ])
    func schedules(text: String, cron: String, warns: Bool) throws {
        let result = try #require(CronSchedule.convert(text))
        #expect(result.cron == cron)
        #expect((result.warning != nil) == warns)
    }

    @Test func badScheduleIsRejected() {
        #expect(CronSchedule.convert("every tuesday") == nil)
        #expect(CronSchedule.convert("@every soon") == nil)
    }
}
