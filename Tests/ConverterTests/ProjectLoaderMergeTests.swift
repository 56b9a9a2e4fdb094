import Testing

@testable import Converter

@Suite struct ProjectLoaderMergeTests {
    @Test func aTagGivenThroughTheSetterIsStillFoundAndApplied() {
        let at = SourceLocation(file: "compose.yaml", line: 1, column: 1)
        var service = RawNode.mapping(
            [
                .init(key: "image", keyLocation: at, value: .string("a", at: at)),
                .init(key: "ports", keyLocation: at, value: .string("80", at: at)),
            ],
            at: at)
        guard case .mapping(var entries) = service.value else { return }
        entries[1].value.mergeTag = .reset
        service.value = .mapping(entries)
        #expect(ComposeMerger.stripResets(service).entries?.map(\.key) == ["image"])
    }

    @Test func overrideFilesMergeByComposeRules() throws {
        let base = """
            services:
              api:
                image: api:1
                command: ["serve", "--port", "80"]
                environment: {A: "1", B: "2"}
                ports: ["8080:80", "9090:90"]
                volumes: ["./data:/data", "cache:/cache"]
                cap_add: [NET_ADMIN]
            volumes:
              cache:
            """
        let override = """
            services:
              api:
                image: api:2
                command: worker
                environment: [B=3, C=4]
                ports: ["8080:80", "7070:70"]
                volumes: ["./other:/data:ro"]
                cap_add: [NET_ADMIN, SYS_TIME]
            """
        let api = try #require(
            try loadProject(["compose.yaml": base, "override.yaml": override], compose: ["compose.yaml", "override.yaml"]).project.service(
                named: "api"))
        #expect(api.image == "api:2")
        #expect(api.command == ["worker"])
        #expect(api.environment == ["A": "1", "B": "3", "C": "4"])
        #expect(api.ports.map(\.target) == [80, 90, 70])
        #expect(api.volumes.map(\.target) == ["/data", "/cache"])
        #expect(api.volumes[0].source == "/p/other" && api.volumes[0].readOnly)
        #expect(api.security.capAdd == ["NET_ADMIN", "SYS_TIME"])
    }

    @Test func resetAndOverrideTags() throws {
        let base = """
            services:
              api:
                image: api
                ports: ["80:80"]
                environment: {A: "1", B: "2"}
            """
        let override = """
            services:
              api:
                ports: !reset []
                environment: !override
                  C: "3"
            """
        let api = try #require(
            try loadProject(["a.yaml": base, "b.yaml": override], compose: ["a.yaml", "b.yaml"]).project.service(named: "api"))
        #expect(api.ports.isEmpty)
        #expect(api.environment == ["C": "3"])
    }

    @Test func anchorsAliasesAndMergeKeys() throws {
        let text = """
            x-common: &common
              restart: always
              environment: &env
                LOG: debug
            x-more: &more
              restart: "no"
              labels: {tier: back}
            services:
              a:
                <<: *common
                image: a
              b:
                <<: [*more, *common]
                image: b
                environment:
                  <<: *env
                  EXTRA: "1"
            """
        let project = try loadProject(["compose.yaml": text]).project
        #expect(project.service(named: "a")?.restart == "always")
        #expect(project.service(named: "a")?.environment == ["LOG": "debug"])
        #expect(project.service(named: "b")?.restart == "no")
        #expect(project.service(named: "b")?.labels == ["tier": "back"])
        #expect(project.service(named: "b")?.environment == ["LOG": "debug", "EXTRA": "1"])
        #expect(project.extensions["x-common"] != nil)
    }

    @Test func extendsInTheSameFileAndAnother() throws {
        let main = """
            services:
              base:
                image: base
                environment: {A: "1"}
                ports: ["80"]
              web:
                extends: base
                environment: {B: "2"}
              worker:
                extends:
                  file: common/services.yaml
                  service: job
                command: run
            """
        let common = """
            services:
              job:
                image: job
                build: ./src
                command: idle
                volumes: ["./cfg:/cfg"]
            """
        let project = try loadProject(["compose.yaml": main, "common/services.yaml": common]).project
        let web = try #require(project.service(named: "web"))
        #expect(web.image == "base" && web.environment == ["A": "1", "B": "2"] && web.ports.map(\.target) == [80])
        let worker = try #require(project.service(named: "worker"))
        #expect(worker.image == "job" && worker.command == ["run"])
        #expect(worker.build?.context == "/p/common/src")
        #expect(worker.volumes.first?.source == "/p/common/cfg")
    }

    @Test func extendsCycleIsAnError() {
        let text = """
            services:
              a: {image: a, extends: b}
              b: {image: b, extends: a}
            """
        let errors = loadErrors(["compose.yaml": text])
        #expect(errors.count == 1)
        #expect(errors.first?.contains("extends cycle") == true)
    }

    @Test func includeAddsAnotherProjectsServices() throws {
        let main = """
            include:
              - db/compose.yaml
            services:
              api:
                image: api
                depends_on: [db]
            """
        let database = """
            services:
              db:
                image: postgres:${PG_VERSION:-16}
                volumes: ["./init:/docker-entrypoint-initdb.d"]
            """
        let project = try loadProject(["compose.yaml": main, "db/compose.yaml": database, "db/.env": "PG_VERSION=15"]).project
        #expect(project.services.map(\.name) == ["api", "db"])
        #expect(project.service(named: "db")?.image == "postgres:15")
        #expect(project.service(named: "db")?.volumes.first?.source == "/p/db/init")
    }

    @Test func includeConflictIsAnError() {
        let main = "include: [other.yaml]\nservices:\n  db: {image: a}\n"
        let errors = loadErrors(["compose.yaml": main, "other.yaml": "services:\n  db: {image: b}\n"])
        #expect(errors.first?.contains("services.db is defined both here and in an included file") == true)
    }
}
