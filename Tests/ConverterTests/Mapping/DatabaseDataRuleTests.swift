import Testing

@testable import Converter

@Suite struct DatabaseDataRuleTests {
    @Test(arguments: [
        ("postgres", DatabaseImage.postgres(major: 18)), ("postgres:16", .postgres(major: 16)),
        ("postgres:16.4-alpine3.20", .postgres(major: 16)), ("docker.io/library/postgres:9.6", .postgres(major: 9)),
        ("postgres:alpine", .postgres(major: 18)), ("postgis/postgis:16-3.4", .postgres(major: 16)),
        ("pgvector/pgvector:pg17", .postgres(major: 17)), ("pgvector/pgvector:0.7.0-pg15", .postgres(major: 15)),
        ("timescale/timescaledb:latest-pg16", .postgres(major: 16)), ("mysql:8.4", .mysql("MySQL")),
        ("mariadb:11@sha256:abc", .mysql("MariaDB")), ("mirror.example.com:5000/library/postgres:14", .postgres(major: 14)),
    ])
    func imagesAreReadWithTheirMajorVersion(image: String, expected: DatabaseImage) {
        #expect(DatabaseImage(image) == expected)
    }

    @Test(arguments: ["redis:7", "bitnami/postgresql:16", "timescale/timescaledb:2.14.2", "registry:5000/postgres-backup"])
    func otherImagesAreLeftAlone(image: String) {
        #expect(DatabaseImage(image) == nil)
    }

    @Test func theDataDirectoryIsOneFolderBelowTheClaimsRoot() throws {
        let mount = { (volume: String, target: String) in [VolumeMount(type: .volume, source: volume, target: target)] }
        let services = [
            service("pg", image: "postgres:16") { $0.volumes = mount("pg", "/var/lib/postgresql/data") },
            service("own", image: "postgres:15") {
                $0.volumes = mount("own", "/var/lib/postgresql/data")
                $0.environment = ["PGDATA": "/var/lib/postgresql/data/mine"]
            },
            service("atroot", image: "postgres:15.7-alpine") {
                $0.volumes = mount("atroot", "/var/lib/postgresql/data")
                $0.environment = ["PGDATA": "/var/lib/postgresql/data"]
            },
            service("next", image: "postgres:18") { $0.volumes = mount("next", "/var/lib/postgresql/data") },
            service("good", image: "postgres:18") { $0.volumes = mount("good", "/var/lib/postgresql") },
            service("my", image: "mysql:8.4") { $0.volumes = mount("my", "/var/lib/mysql") },
        ]
        let result = try convert(project(services, volumes: ["pg", "own", "atroot", "next", "good", "my"]))
        let pg = try #require(result.workload("pg"))
        #expect(pg.container?.env.contains(EnvVar(name: "PGDATA", value: "/var/lib/postgresql/data/pgdata")) == true)
        #expect(pg.dataFolder(inClaim: "pg") == "pgdata")
        #expect(result.workload("own")?.container?.env.contains { $0.name == "PGDATA" } == false, "the compose file's own PGDATA stays")
        #expect(result.workload("own")?.dataFolder(inClaim: "own") == nil)
        // makeplane/plane sets PGDATA to the mount itself: the container's env wins over the ConfigMap's.
        #expect(result.workload("atroot")?.dataFolder(inClaim: "atroot") == "pgdata")
        #expect(result.warnings(about: "services.next.volumes[0]").first?.contains("mount the volume at /var/lib/postgresql") == true)
        #expect(result.workload("good")?.container?.env.isEmpty == true && result.warnings(about: "services.good.volumes[0]").isEmpty)
        let my = try #require(result.workload("my"))
        #expect(my.container?.volumeMounts.first?.subPath == "mysql" && my.dataFolder(inClaim: "my") == "mysql")
    }
}
