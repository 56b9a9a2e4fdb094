/// Ports that well-known images listen on, and the default ports of URL schemes: what a
/// service is reached on when the compose file does not say. One table each, in one place.
enum WellKnownPorts {
    /// Image name (last path component, without tag or digest) → the ports it listens on.
    /// Source: each image's `EXPOSE` in its official Dockerfile (Docker Official Images
    /// `docker-library/*`, and the vendors' own images where named).
    static let images: [String: [Int]] = [
        "postgres": [5432], "postgis": [5432], "pgvector": [5432], "timescaledb": [5432],  // docker-library/postgres
        "mysql": [3306], "mariadb": [3306], "percona": [3306],  // docker-library/mysql, mariadb
        "redis": [6379], "valkey": [6379], "redis-stack-server": [6379], "keydb": [6379],  // docker-library/redis, valkey
        "mongo": [27017], "mongodb-community-server": [27017],  // docker-library/mongo, mongodb/mongodb-community-server
        "memcached": [11211],  // docker-library/memcached
        "rabbitmq": [5672], "rabbitmq-management": [5672, 15672],  // docker-library/rabbitmq
        "elasticsearch": [9200, 9300], "opensearch": [9200, 9300],  // elastic/elasticsearch, opensearchproject/opensearch
        "nginx": [80], "httpd": [80], "caddy": [80, 443], "traefik": [80],  // docker-library/nginx, httpd, caddy, traefik
        "minio": [9000],  // minio/minio
        "zookeeper": [2181], "cp-zookeeper": [2181],  // docker-library/zookeeper, confluentinc/cp-zookeeper
        "cp-kafka": [9092], "kafka": [9092], "cp-server": [9092],  // confluentinc/cp-kafka, apache/kafka
        "clickhouse-server": [8123, 9000],  // clickhouse/clickhouse-server
        "nats": [4222],  // docker-library/nats
        "influxdb": [8086],  // docker-library/influxdb
        "grafana": [3000],  // grafana/grafana
        "prometheus": [9090],  // prom/prometheus
        "ollama": [11434],  // ollama/ollama
        "mailhog": [1025, 8025], "mailpit": [1025, 8025],  // mailhog/mailhog, axllent/mailpit
        "consul": [8500], "vault": [8200],  // hashicorp/consul, hashicorp/vault
        "etcd": [2379],  // quay.io/coreos/etcd
        "cassandra": [9042],  // docker-library/cassandra
        "neo4j": [7474, 7687],  // docker-library/neo4j
        "couchdb": [5984],  // docker-library/couchdb
        "adminer": [8080],  // docker-library/adminer
        "whoami": [80],  // traefik/whoami (EXPOSE 80)
        "authelia": [9091],  // authelia/authelia (EXPOSE 9091)
    ]

    /// URL scheme → the port a URL without one means (IANA registrations and each client's default).
    static let schemes: [String: Int] = [
        "http": 80, "https": 443, "ws": 80, "wss": 443, "postgres": 5432, "postgresql": 5432, "mysql": 3306, "mariadb": 3306,
        "redis": 6379, "rediss": 6379, "amqp": 5672, "amqps": 5671, "mongodb": 27017, "nats": 4222, "memcached": 11211,
        "ldap": 389, "ldaps": 636, "smtp": 25, "ftp": 21, "kafka": 9092, "clickhouse": 9000,
    ]

    /// The ports `image` listens on by the table, or none.
    static func ports(ofImage image: String) -> [Int] {
        images[ImageReference(image).name.lowercased()] ?? []
    }
}
