import Converter

/// Kustomize's secrets, kept out of `base/`: a component `secrets/` that both overlays include,
/// with a `secretGenerator` per Secret over files convert writes beside it and `.gitignore`
/// covers. Single-line values go into `<name>.env` (plain `KEY=value`: kustomize keeps quotes and
/// `export` as written), anything else into a file of its own; `<name>.env.example`, committed,
/// lists the keys. A value the converting shell supplied is never written: its line is left empty.
/// The names carry no hash suffix: a Job's template cannot change, and a Job's name does not
/// follow secret values.
enum KustomizeSecrets {
    static let folder = "secrets"

    static func files(_ secrets: [DataObject], namespace: String?) -> [GeneratedFile] {
        guard !secrets.isEmpty else { return [] }
        var files: [GeneratedFile] = []
        var generators: [Manifest] = []
        for secret in secrets {
            let entries = KustomizeGenerators.entries(secret, folder: folder)
            files += entries.files
            files.append(
                GeneratedFile(
                    path: "\(folder)/\(secret.metadata.name).env.example",
                    contents: "# The keys of Secret \(secret.metadata.name): copy to \(secret.metadata.name).env and fill in.\n"
                        + entries.example.joined(separator: "\n") + "\n"))
            generators.append(KustomizeGenerators.generator(secret, entries: entries, namespace: namespace, hashSuffix: false))
        }
        let component: Manifest = .object([
            ("apiVersion", .string("kustomize.config.k8s.io/v1alpha1")), ("kind", .string("Component")),
            ("secretGenerator", .list(generators)),
        ])
        files.append(GeneratedFile(path: "\(folder)/kustomization.yaml", contents: ManifestWriter.yaml(component)))
        files.append(
            GeneratedFile(
                path: "\(folder)/.gitignore",
                contents:
                    "# Secret values read from the compose project: never commit them (the *.env.example files list the keys).\n*\n!.gitignore\n!kustomization.yaml\n!*.env.example\n"
            ))
        return files
    }
}

/// Kustomize generator entries for ConfigMaps and Secrets: single-line values as `KEY=value`
/// lines of `<name>.env` (plain: kustomize's env parser keeps quotes and `export` as written),
/// anything else as a file of its own; a value the converting shell supplied is left empty.
enum KustomizeGenerators {
    struct Entries {
        var envFile: String?
        var fileEntries: [String]
        var files: [GeneratedFile]
        /// Lines of a `.env.example`: every key, no value.
        var example: [String]
    }

    /// Environment ConfigMaps as `configMapGenerator` entries (their name gets a hash of the
    /// content, so a change rolls the pods that read them), with the files they read.
    static func configMaps(_ configMaps: [DataObject]) -> (generators: [Manifest], files: [GeneratedFile]) {
        var generators: [Manifest] = []
        var files: [GeneratedFile] = []
        for data in configMaps {
            let entries = entries(data, folder: nil)
            files += entries.files
            generators.append(generator(data, entries: entries, namespace: nil, hashSuffix: true))
        }
        return (generators, files)
    }

    static func entries(_ data: DataObject, folder: String?) -> Entries {
        let name = data.metadata.name
        let prefix = folder.map { "\($0)/" } ?? ""
        var lines: [String] = []
        var entries = Entries(envFile: nil, fileEntries: [], files: [], example: [])
        for key in data.data.keys.sorted() {
            let value = data.data[key] ?? ""
            if data.shellKeys.contains(key) {
                lines += ["# \(key) came from the shell's environment when converting: fill it in.", "\(key)="]
                entries.example.append("\(key)=")
            } else if fitsEnvFile(value) {
                lines.append("\(key)=\(value)")
                entries.example.append("\(key)=")
            } else {
                entries.files.append(GeneratedFile(path: "\(prefix)\(name)/\(key)", contents: value))
                entries.fileEntries.append("\(key)=\(name)/\(key)")
                entries.example.append("# \(key): the file \(name)/\(key)")
            }
        }
        if !lines.isEmpty {
            entries.envFile = "\(name).env"
            entries.files.append(GeneratedFile(path: "\(prefix)\(name).env", contents: lines.joined(separator: "\n") + "\n"))
        }
        return entries
    }

    static func generator(_ data: DataObject, entries: Entries, namespace: String?, hashSuffix: Bool) -> Manifest {
        .object([
            ("name", .string(data.metadata.name)), ("namespace", namespace.map(Manifest.string)),
            ("envs", entries.envFile.map { .strings([$0]) }),
            ("files", entries.fileEntries.isEmpty ? nil : .strings(entries.fileEntries)),
            (
                "options",
                .object([
                    ("disableNameSuffixHash", hashSuffix ? nil : .bool(true)), ("labels", .sorted(data.metadata.labels)),
                    ("annotations", data.metadata.annotations.isEmpty ? nil : .sorted(data.metadata.annotations)),
                ])
            ),
        ])
    }

    /// Whether kustomize's env-file parser reads `KEY=value` back as exactly `value`.
    static func fitsEnvFile(_ value: String) -> Bool {
        !value.contains("\n") && !value.contains("\r") && value.trimmingCharacters(in: .whitespaces) == value
    }
}
