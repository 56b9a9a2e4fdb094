/// A database's data directory below the root of its claim. A fresh block volume (EBS, PD,
/// Azure Disk, Ceph RBD) is an ext4 file system with `lost+found` at its root, which a Docker
/// volume never has: postgres ≤ 17's initdb refuses a non-empty `/var/lib/postgresql/data`
/// ("directory exists but is not empty", docker-library/postgres#404), and `mysqld
/// --initialize` aborts on a data directory with files in it; MariaDB starts but shows a
/// `#mysql50#lost+found` schema. So:
/// - postgres ≤ 17 (and the images built on it): `PGDATA` one folder below the mount, as the
///   image's documentation advises for mount points; its entrypoint creates and owns it.
/// - MySQL and MariaDB: the claim is mounted with `subPath: mysql`; their entrypoints start as
///   root and chown the data directory (`docker_create_db_directories`).
/// - postgres ≥ 18 keeps its data in `/var/lib/postgresql/<major>/docker` and, without a
///   `PGDATA` of the user's, refuses to start with a mount at `/var/lib/postgresql/data` ("in
///   18+, these Docker images are configured to store database data in a format which is
///   compatible with pg_ctlcluster", docker-library/postgres#1259): left as written, with a warning.
/// The guide copies a Compose volume into the same folder of the claim (`Workload.dataFolder`).
struct DatabaseDataRule: ServiceRule {
    /// It moves the data directory of the claims those rules mounted, unless the environment sets it.
    static let readsOutputOf: [any ConversionRule.Type] = [EnvironmentRule.self, NamedVolumeRule.self, BindMountRule.self]

    static let keys = KeyOwnership(reads: ["services.*.image", "services.*.volumes[].target"])

    static let postgresData = "/var/lib/postgresql/data"
    static let postgresSubfolder = "pgdata"
    static let mysqlData = "/var/lib/mysql"
    static let mysqlSubfolder = "mysql"

    func apply(to service: Service, workload: inout Workload, in conversion: Conversion) {
        guard let image = service.image, let database = DatabaseImage(image), var container = workload.container else { return }
        for index in container.volumeMounts.indices where workload.isClaim(container.volumeMounts[index].name) {
            let mount = container.volumeMounts[index]
            guard mount.subPath == nil, let volume = service.volumes.firstIndex(where: { $0.target == mount.mountPath }) else { continue }
            let path = service.path("volumes[\(volume)]")
            switch database {
            case .postgres(let major) where major >= 18 && mount.mountPath == Self.postgresData:
                guard service.environment["PGDATA"] == nil else { continue }
                conversion.warn(
                    "postgres \(major) keeps its data in /var/lib/postgresql/\(major)/docker and refuses \(Self.postgresData) as a mount "
                        + "point, so the container does not start (under Compose either): mount the volume at /var/lib/postgresql, "
                        + "or pin the image to postgres:17", path: path)
            case .postgres where mount.mountPath == Self.postgresData:
                // A PGDATA of the compose file's own below the mount stays; one at the mount is overridden
                // (a container's `env` wins over its `envFrom`).
                if let own = service.environment["PGDATA"] ?? nil, Paths.normalize(own) != Self.postgresData { continue }
                let folder = "\(Self.postgresData)/\(Self.postgresSubfolder)"
                container.env.append(EnvVar(name: "PGDATA", value: folder))
                conversion.warn(
                    "PGDATA is \(folder), one folder below the claim's root: a fresh volume holds lost+found there, where initdb "
                        + "refuses to run; the guide copies the Compose volume into that folder", path: path)
            case .mysql(let flavour) where mount.mountPath == Self.mysqlData:
                container.volumeMounts[index].subPath = Self.mysqlSubfolder
                let user = service.security.user.map { $0 != "root" && !$0.hasPrefix("0") } ?? false
                conversion.warn(
                    "the claim is mounted with subPath \(Self.mysqlSubfolder): a fresh volume holds lost+found at its root, where "
                        + "\(flavour) \(flavour == "MySQL" ? "refuses to initialise" : "shows a stray schema")"
                        + (user ? "; the subPath folder is created root-owned, so with user: set the entrypoint cannot chown it" : ""),
                    path: path)
            default: continue
            }
        }
        workload.container = container
    }
}

/// The databases whose data directory `DatabaseDataRule` moves, read from the image name.
enum DatabaseImage: Equatable {
    case postgres(major: Int)
    /// "MySQL" or "MariaDB".
    case mysql(String)

    /// postgres' `latest` (and an untagged `postgres`) is 18 since September 2025.
    static let latestPostgres = 18
    /// Images built on docker-library/postgres, keeping its entrypoint and data directory.
    static let postgresImages: Set<String> = ["postgres", "postgis/postgis", "pgvector/pgvector", "timescale/timescaledb"]

    init?(_ image: String) {
        let reference = ImageReference(image)
        let name = reference.path, tag = reference.effectiveTag
        switch name {
        case "mysql": self = .mysql("MySQL")
        case "mariadb": self = .mysql("MariaDB")
        case _ where Self.postgresImages.contains(name):
            guard let major = Self.postgresMajor(tag: tag, official: name == "postgres" || name == "postgis/postgis") else { return nil }
            self = .postgres(major: major)
        default: return nil
        }
    }

    /// `16`, `16.4-alpine`, `16-3.4` (postgis), `pg16` (pgvector), `latest-pg16` (timescale) → 16;
    /// `latest`, `alpine` → the latest; nil when a tag does not say (a vendor's own version).
    static func postgresMajor(tag: String, official: Bool) -> Int? {
        if let range = tag.range(of: "pg"), let major = Int(tag[range.upperBound...].prefix(while: \.isNumber)) { return major }
        if official, let major = Int(tag.prefix(while: \.isNumber)) { return major }
        let words = tag.split(whereSeparator: { $0 == "-" || $0 == "." }).map(String.init)
        return words.allSatisfy({ !($0.first?.isNumber ?? false) }) ? latestPostgres : nil
    }
}
