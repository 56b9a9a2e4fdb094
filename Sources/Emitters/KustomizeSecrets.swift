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
            let name = secret.metadata.name
            var envLines: [String] = []
            var exampleLines: [String] = []
            var fileEntries: [String] = []
            for key in secret.data.keys.sorted() {
                let value = secret.data[key] ?? ""
                if secret.shellKeys.contains(key) {
                    envLines += ["# \(key) came from the shell's environment when converting: fill it in.", "\(key)="]
                    exampleLines.append("\(key)=")
                } else if fitsEnvFile(value) {
                    envLines.append("\(key)=\(value)")
                    exampleLines.append("\(key)=")
                } else {
                    files.append(GeneratedFile(path: "\(folder)/\(name)/\(key)", contents: value))
                    fileEntries.append("\(key)=\(name)/\(key)")
                    exampleLines.append("# \(key): the file \(name)/\(key)")
                }
            }
            if !envLines.isEmpty {
                files.append(GeneratedFile(path: "\(folder)/\(name).env", contents: envLines.joined(separator: "\n") + "\n"))
            }
            files.append(
                GeneratedFile(
                    path: "\(folder)/\(name).env.example",
                    contents: "# The keys of Secret \(name): copy to \(name).env and fill in.\n" + exampleLines.joined(separator: "\n")
                        + "\n"))
            generators.append(
                .object([
                    ("name", .string(name)), ("namespace", namespace.map(Manifest.string)),
                    ("envs", envLines.isEmpty ? nil : .strings(["\(name).env"])),
                    ("files", fileEntries.isEmpty ? nil : .strings(fileEntries)),
                    (
                        "options",
                        .object([("disableNameSuffixHash", .bool(true)), ("labels", .sorted(secret.metadata.labels))])
                    ),
                ]))
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

    /// Whether kustomize's env-file parser reads `KEY=value` back as exactly `value`.
    static func fitsEnvFile(_ value: String) -> Bool {
        !value.contains("\n") && !value.contains("\r") && value.trimmingCharacters(in: .whitespaces) == value
    }
}
