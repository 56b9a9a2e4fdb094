import Converter
import EmitterTemplates
import Foundation

/// The chart's README: how to install it and a table of every value with its default.
enum HelmReadme {
    static func text(chart: String, project: ProjectFacts, values: HelmValues) throws -> String {
        let secrets = values.secrets.flatMap { secret in secret.data.keys.sorted().map { "secrets.\(secret.metadata.name).data.\($0)" } }
        let flags = secrets.prefix(3).map { "--set \($0)=…" }.joined(separator: " ") + (secrets.count > 3 ? " …" : "")
        let note =
            secrets.isEmpty
            ? "This chart holds no secrets."
            : "Secrets are not in `values.yaml`: give each of `\(secrets.joined(separator: "`, `"))` with `--set` or a values file you keep out of version control, or point `secrets.<name>.existingSecret` at a Secret you created."
        return TemplateText.fill(
            try TemplateText.named("helm/README.md"),
            [
                "chart": chart, "project": project.name, "secretFlags": flags, "secretNote": note,
                "valuesTable": rows(values.manifest, path: []).joined(separator: "\n"),
            ])
    }

    private static func rows(_ value: Manifest, path: [String]) -> [String] {
        if case .map(let pairs) = value, !pairs.isEmpty, path.count < 4 {
            return pairs.flatMap { rows($0.1, path: path + [$0.0]) }
        }
        let shown = JSONWriter.compact(JSONValue(manifest: value))
        let compact = shown.count > 60 ? String(shown.prefix(57)) + "…" : shown
        return ["| `\(path.joined(separator: "."))` | `\(compact.replacingBytes("|", with: "\\|"))` | \(describe(path)) |"]
    }

    private static func describe(_ path: [String]) -> String {
        switch path.last ?? "" {
        case "repository": return "image repository"
        case "tag": return "image tag"
        case "pullPolicy": return "image pull policy (empty: Kubernetes' default)"
        case "replicas": return "number of pods"
        case "env": return "environment (ConfigMap)"
        case "size": return "volume size"
        case "storageClass": return "storage class (empty: the cluster's default)"
        case "accessModes": return "volume access modes"
        case "existingSecret": return "use this existing Secret instead of generating one"
        case "enabled" where path.contains("gpu"): return "request an NVIDIA GPU"
        case "count": return "number of GPUs"
        case "runtimeClassName": return "runtime class for GPU pods"
        default: return path.suffix(2).joined(separator: " ")
        }
    }
}
