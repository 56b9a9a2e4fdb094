import Testing

@testable import Converter

@Suite struct ProjectLoaderEnvironmentTests {
    let compose = """
        services:
          api:
            image: "api:${TAG:-latest}"
            environment:
              - FROM_DOTENV=${DOTENV_ONLY}
              - BARE
              - UNSET_BARE
            env_file: [api.env]
        """

    @Test func processEnvironmentWinsOverDotEnv() throws {
        let files = ["compose.yaml": compose, ".env": "TAG=dotenv\nDOTENV_ONLY=x\nBARE=b", "api.env": "FILE=1\nFROM_DOTENV=file"]
        let api = try #require(try loadProject(files, environment: ["TAG": "process"]).project.service(named: "api"))
        #expect(api.image == "api:process")
        #expect(api.environment["FROM_DOTENV"] == "x")
        #expect(api.environment["FILE"] == "1")
        #expect(api.environment["BARE"] == "b")
        #expect(api.environment["UNSET_BARE"] == .some(nil))
    }

    @Test func envFileOptionReplacesDotEnv() throws {
        let files = ["compose.yaml": compose, ".env": "TAG=dotenv", "prod.env": "TAG=prod", "api.env": ""]
        let api = try #require(try loadProject(files, envFiles: ["prod.env"]).project.service(named: "api"))
        #expect(api.image == "api:prod")
    }

    @Test func profilesFromFlagOrEnvironment() throws {
        let text = """
            services:
              app: {image: app}
              debug: {image: debug, profiles: [dev]}
              metrics: {image: m, profiles: [ops, dev]}
            """
        #expect(try loadProject(["compose.yaml": text]).project.services.map(\.name) == ["app"])
        #expect(try loadProject(["compose.yaml": text]).project.disabledServices == ["debug", "metrics"])
        #expect(try loadProject(["compose.yaml": text], profiles: ["ops"]).project.services.map(\.name) == ["app", "metrics"])
        #expect(
            try loadProject(["compose.yaml": text], environment: ["COMPOSE_PROFILES": "dev"]).project.services.map(\.name) == [
                "app", "debug", "metrics",
            ])
        #expect(try loadProject(["compose.yaml": text], profiles: ["*"]).project.services.count == 3)
    }

    @Test func projectNamePrecedence() throws {
        let text = "name: From-File\nservices:\n  a: {image: a}\n"
        #expect(try loadProject(["compose.yaml": text]).project.name == "from-file")
        #expect(try loadProject(["compose.yaml": text], environment: ["COMPOSE_PROJECT_NAME": "env"]).project.name == "env")
        #expect(try loadProject(["compose.yaml": text], projectName: "flag-name").project.name == "flag-name")
        // As compose-go: a name the user sets must already be valid; a written `name:` is normalized.
        for (flag, variable) in [("Flag.Name", nil), (nil, "Bad Name!"), (nil, "_lead")] as [(String?, String?)] {
            let environment = variable.map { ["COMPOSE_PROJECT_NAME": $0] } ?? [:]
            #expect(throws: DiagnosticError.self) { try loadProject(["compose.yaml": text], environment: environment, projectName: flag) }
        }
        #expect(throws: DiagnosticError.self) { try loadProject(["__/compose.yaml": "services:\n  a: {image: a}\n"], compose: ["__/compose.yaml"]) }
        #expect(try loadProject(["compose.yaml": "services:\n  a: {image: a}\n"]).project.name == "p")
    }

    @Test func discoversStandardFileAndOverride() throws {
        let files = ["docker-compose.yml": "services:\n  a: {image: a}\n", "docker-compose.override.yml": "services:\n  a: {image: b}\n"]
        #expect(try loadProject(files, compose: []).project.service(named: "a")?.image == "b")
        #expect(
            try loadProject(
                ["compose.yaml": "services:\n  a: {image: a}\n", "other.yaml": "services:\n  x: {image: x}\n"],
                compose: [], environment: ["COMPOSE_FILE": "other.yaml"]
            ).project.services.map(\.name) == ["x"])
    }

    @Test func normalizesSyntaxAndDefaults() throws {
        let text = """
            services:
              api:
                build: .
                command: python app.py --name "my app"
                ports: ["127.0.0.1:8000-8001:80-81/udp"]
                depends_on:
                  db: {condition: service_healthy}
                healthcheck:
                  test: curl -f http://localhost/health
                  interval: 1m30s
                  start_period: 10s
                deploy:
                  resources:
                    limits: {cpus: "0.5", memory: 512M}
                    reservations:
                      devices: [{driver: nvidia, count: 1, capabilities: [gpu]}]
                secrets: [token]
              db:
                image: postgres
                healthcheck: {test: ["CMD", "pg_isready"]}
                links: ["cache:redis"]
              cache:
                image: redis
                healthcheck: {test: ["NONE"]}
            secrets:
              token: {file: ./token.txt}
            """
        let project = try loadProject(["compose.yaml": text]).project
        let api = try #require(project.service(named: "api"))
        #expect(api.build?.context == "/p" && api.build?.dockerfile == "Dockerfile")
        #expect(api.command == ["python", "app.py", "--name", "my app"])
        #expect(
            api.ports == [
                Port(target: 80, published: "8000", hostIP: "127.0.0.1", proto: .udp),
                Port(target: 81, published: "8001", hostIP: "127.0.0.1", proto: .udp),
            ])
        #expect(api.dependsOn == [Dependency(service: "db", condition: .healthy)])
        #expect(api.healthcheck?.test == .shell("curl -f http://localhost/health"))
        #expect(api.healthcheck?.interval?.seconds == 90 && api.healthcheck?.startPeriod?.seconds == 10)
        #expect(api.deploy?.limits.cpus == 0.5 && api.deploy?.limits.memory == 536_870_912)
        #expect(api.deploy?.reservations.devices.first?.isGPU == true)
        #expect(api.secrets == [FileReference(source: "token", target: "/run/secrets/token")])
        #expect(api.networks == [ServiceNetwork(name: "default")])
        #expect(project.secrets["token"] == FileObject(name: "p_token", source: .file("/p/token.txt")))
        #expect(project.service(named: "db")?.healthcheck?.test == .exec(["pg_isready"]))
        #expect(project.service(named: "db")?.dependsOn == [Dependency(service: "cache", restart: true)])
        #expect(project.service(named: "cache")?.healthcheck?.disabled == true)
        #expect(project.networks["default"]?.name == "p_default")
    }
}
