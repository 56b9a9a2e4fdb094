import Testing

@testable import Converter

@Suite struct SecretValuesRuleTests {
    @Test func secretValuesInArgsAndProbesAreReadFromTheSecret() throws {
        let redis = service("redis") {
            $0.environment = ["REDIS_PASSWORD": "s3cret-pw", "LOG_LEVEL": "warning"]
            $0.command = ["redis-server", "--requirepass", "s3cret-pw", "--loglevel", "warning"]
            $0.healthcheck = Healthcheck(test: .exec(["redis-cli", "-a", "s3cret-pw", "ping"]))
        }
        let mongo = service("mongo") {
            $0.environment = ["MONGO_INITDB_ROOT_PASSWORD": "root pass"]
            $0.healthcheck = Healthcheck(test: .shell("mongosh -u root -p 'root pass' --eval 'db.ping()'"))
        }
        let result = try convert(project([mongo, redis]))
        let container = try #require(result.workload("redis")?.container)
        #expect(container.args == ["redis-server", "--requirepass", "$(REDIS_PASSWORD)", "--loglevel", "warning"])
        #expect(!(container.command + container.args).contains { $0.contains("s3cret-pw") })
        #expect(container.readinessProbe?.action == .exec(["sh", "-c", "redis-cli -a \"$REDIS_PASSWORD\" ping"]))
        let mongoProbe = try #require(result.workload("mongo")?.container?.readinessProbe)
        #expect(mongoProbe.action == .exec(["sh", "-c", "mongosh -u root -p \"$MONGO_INITDB_ROOT_PASSWORD\" --eval 'db.ping()'"]))
        #expect(result.warnings(about: "services.redis.environment").first?.contains("REDIS_PASSWORD") == true)
        #expect(PodVerifier.expandedNames("a $(REDIS_PASSWORD) $$(date) $$$(X) $(not a name)") == ["REDIS_PASSWORD", "X"])
    }

    @Test func aValueThatIsAlsoANameOrPartOfAWordIsLeftAsWritten() throws {
        let db = service("db") {
            $0.environment = ["POSTGRES_USER": "taiga", "POSTGRES_PASSWORD": "taiga"]
            $0.healthcheck = Healthcheck(test: .shell("pg_isready -U taiga"))
        }
        let back = service("back") {
            $0.environment = ["RABBITMQ_PASS": "taiga"]
            $0.entrypoint = ["/taiga-back/docker/entrypoint.sh", "--pass", "taiga"]
        }
        let result = try convert(project([back, db]))
        #expect(result.workload("db")?.container?.readinessProbe?.action == .exec(["sh", "-c", "pg_isready -U taiga"]))
        #expect(result.workload("back")?.container?.command == ["/taiga-back/docker/entrypoint.sh", "--pass", "$(RABBITMQ_PASS)"])
    }

    /// Two secrets with one value: the command names the variable it was written with, never the
    /// other (changing `A_PASSWORD` must not change redis's password); a service that uses a
    /// sensitive variable it does not carry reads it through a reserved variable.
    @Test func aValueWrittenAsAVariableIsNamedByThatVariable() throws {
        let text = """
            x-env: &env
              A_PASSWORD: ${A_PASSWORD}
              REDIS_PASSWORD: ${REDIS_PASSWORD}
            services:
              redis:
                image: redis
                environment: *env
                command: [redis-server, --requirepass, "${REDIS_PASSWORD}"]
                healthcheck: {test: [CMD, redis-cli, -a, "${REDIS_PASSWORD}", ping]}
              other:
                image: redis
                command: redis-server --requirepass ${REDIS_PASSWORD} --port ${PORT}
              lit:
                image: redis
                environment: {B_PASSWORD: written-out, C_PASSWORD: written-out}
                command: redis-server --requirepass written-out
            """
        let loaded = try loadProject([".env": "A_PASSWORD=same\nREDIS_PASSWORD=same\nPORT=6379\n", "compose.yaml": text])
        let result = try convert(loaded.project)
        let redis = try #require(result.workload("redis")?.container)
        #expect(redis.args == ["redis-server", "--requirepass", "$(REDIS_PASSWORD)"])
        #expect(redis.readinessProbe?.action == .exec(["sh", "-c", "redis-cli -a \"$REDIS_PASSWORD\" ping"]))
        let other = try #require(result.workload("other")?.container)
        #expect(other.args == ["redis-server", "--requirepass", "$(C2K_SECRET_REDIS_PASSWORD)", "--port", "6379"])
        #expect(other.env.contains(EnvVar(name: "C2K_SECRET_REDIS_PASSWORD", secret: "p-secrets", key: "REDIS_PASSWORD")))
        #expect(result.warnings(about: "services.other.command").first?.contains("value of REDIS_PASSWORD") == true)
        // Written out: found by its value, the first key holding it.
        #expect(result.workload("lit")?.container?.args == ["redis-server", "--requirepass", "$(B_PASSWORD)"])
    }
}
