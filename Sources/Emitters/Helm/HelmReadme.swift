import Converter
import EmitterTemplates
import Foundation

/// The chart's README: how to install it and a table of every value with its default.
enum HelmReadme {
    /// - Parameter manifest: `values.manifest`, made once by the caller.
    /// - Parameter template: `helm/README.md`.
    static func text(template: String, chart: String, project: ProjectFacts, values: HelmValues, manifest: Manifest) -> String {
        let install = HelmEmitter.installCommand(values: values, release: chart, folder: ".")
        let keys = (values.projectSecret?.data.keys.sorted() ?? [])
        var note = keys.isEmpty ? "" : "The sensitive values (`\(keys.joined(separator: "`, `"))`) are in one Secret. "
        note +=
            "`values-secrets.yaml` holds the secret values read from the project's files; it is in `.gitignore` and `.helmignore`, so keep it out of version control. "
        if !values.shellSecretKeys.isEmpty {
            note +=
                "`\(values.shellSecretKeys.joined(separator: "`, `"))` came from the shell's environment when converting, so no file holds them: give each with `--set-string`. "
        }
        if !keys.isEmpty {
            note +=
                "To keep secrets out of Helm entirely, create the Secret yourself with the same keys "
                + "(`kubectl create secret generic \(chart)-secrets \(keys.prefix(2).map { "--from-literal=\($0)=VALUE" }.joined(separator: " "))\(keys.count > 2 ? " …" : "")`) "
                + "and install with `--set existingSecret=\(chart)-secrets`."
        }
        return TemplateText.fill(
            template,
            [
                "chart": chart, "project": project.name, "install": install, "secretNote": note,
                "hardwareFiles": hardwareFiles(install: install, vendors: values.variantVendors),
                "variables": variablesSection(values.variables),
                "valuesTable": valuesTable(manifest),
            ])
    }

    /// The install line of each GPU/CPU values file.
    private static func hardwareFiles(install: String, vendors: [GPU.Vendor]) -> String {
        let files = ProfileServices.Hardware.files(vendors: vendors).map { hardware -> (String, String) in
            switch hardware {
            case .gpu: return (hardware.valuesFile, "GPU nodes")
            case .cpu: return (hardware.valuesFile, "no GPU anywhere")
            case .vendor(let vendor): return (hardware.valuesFile, "\(vendor.name) GPU nodes")
            }
        }
        let width = files.map(\.0.count).max() ?? 0
        return files.map { "\(install) -f \($0.0.padding(toLength: width, withPad: " ", startingAt: 0))   # \($0.1)" }.joined(separator: "\n")
    }

    /// The compose variables: where each is used, and where its value was kept as converted.
    private static func variablesSection(_ variables: HelmVariables) -> String {
        guard !variables.names.isEmpty || !variables.frozen.isEmpty else { return "" }
        let sites = variables.sitesByVariable
        var lines = [
            "## Compose variables", "",
            "Each variable the compose files interpolate is one value under `variables` (a string: use `--set-string`). "
                + "The environment values, images, route hosts and published ports (in NOTES.txt) written with it follow it, Compose's `:-`, `-`, `:?`, `?`, `:+` and `+` included; "
                + "a service's own `image.repository`/`image.tag` or `env` key, or a route host changed in `routes`, when set, wins.", "",
        ]
        if !variables.names.isEmpty {
            lines += ["| variable | default | used by |", "|---|---|---|"]
            for name in variables.names {
                let value = variables.defaults[name].map { "`\(JSONWriter.compact(.string($0)))`" } ?? "unset"
                lines.append("| `\(name)` | \(value) | \((sites[name] ?? []).map { "`\($0)`" }.joined(separator: ", ")) |")
            }
            lines.append("")
        }
        if !variables.frozen.isEmpty {
            lines.append("Kept as converted (a change to the variable needs a new conversion):")
            lines.append("")
            for name in variables.frozen.keys.sorted() {
                lines.append("- `\(name)`: " + (variables.frozen[name] ?? []).map { "`\($0)`" }.joined(separator: ", "))
            }
            lines.append("")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A row per value, down to the fourth level (deeper maps are one value).
    private static func valuesTable(_ manifest: Manifest) -> String {
        var table: [UInt8] = []
        table.reserveCapacity(1 << 16)
        var path: [String] = []
        var joined: [UInt8] = []
        var shown: [UInt8] = []
        appendRows(manifest, path: &path, joined: &joined, shown: &shown, to: &table)
        if table.last == UInt8(ascii: "\n") { table.removeLast() }
        return String(decoding: table, as: UTF8.self)
    }

    /// - Parameters:
    ///   - joined: `path` joined with dots, built up (and cut back) as the walk descends.
    ///   - shown: a buffer for each row's value, kept between rows.
    private static func appendRows(
        _ value: Manifest, path: inout [String], joined: inout [UInt8], shown: inout [UInt8], to table: inout [UInt8]
    ) {
        if case .map(let pairs) = value, !pairs.isEmpty, path.count < 4 {
            let end = joined.count
            for (key, child) in pairs {
                path.append(key)
                if end > 0 { joined.append(UInt8(ascii: ".")) }
                joined += key.utf8
                appendRows(child, path: &path, joined: &joined, shown: &shown, to: &table)
                joined.removeSubrange(end...)
                path.removeLast()
            }
            return
        }
        table += "| `".utf8
        table += joined
        table += "` | `".utf8
        shown.removeAll(keepingCapacity: true)
        appendShown(value, buffer: &shown, to: &table)
        table += "` | ".utf8
        appendDescription(path, to: &table)
        table += " |\n".utf8
    }

    /// The value as one line of JSON (made in `buffer`), cut to 60 characters, `|` escaped for the table.
    private static func appendShown(_ value: Manifest, buffer: inout [UInt8], to table: inout [UInt8]) {
        JSONWriter.appendCompact(value, to: &buffer)
        guard buffer.count > 60 else { return appendEscapingBars(buffer, to: &table) }
        let text = String(decoding: buffer, as: UTF8.self)
        let compact = text.count > 60 ? String(text.prefix(57)) + "…" : text
        appendEscapingBars(Array(compact.utf8), to: &table)
    }

    private static func appendEscapingBars(_ bytes: [UInt8], to table: inout [UInt8]) {
        // Most values have no `|`: copied whole.
        guard bytes.contains(UInt8(ascii: "|")) else { return table.append(contentsOf: bytes) }
        for byte in bytes {
            if byte == UInt8(ascii: "|") { table.append(UInt8(ascii: "\\")) }
            table.append(byte)
        }
    }

    private static func appendDescription(_ path: [String], to table: inout [UInt8]) {
        let key = path.last ?? ""
        if path.count == 2, path[0] == "profiles" {
            table += "run the services of profile \(key) (as `--profile \(key)`)".utf8
        } else if path.count == 2, path[0] == "variables" {
            table += "compose variable ".utf8
            table += key.utf8
        } else if path.count == 2, path[0] == "routeGateway" {
            table += (key == "name" ? "the Gateway every HTTPRoute attaches to" : "its namespace (empty: the release's)").utf8
        } else if path.count == 3, path[0] == "routes", let text = routeDescriptions[key] {
            table += text.utf8
        } else if path.contains("ingress"), let text = ingressDescriptions[key] {
            table += text.utf8
        } else if key == "enabled", path.contains("gpu") {
            table += "request a GPU (of gpu.resource's vendor)".utf8
        } else if let text = descriptions[key] {
            table += text.utf8
        } else {
            if path.count >= 2 {
                table += path[path.count - 2].utf8
                table.append(UInt8(ascii: " "))
            }
            table += key.utf8
        }
    }

    /// What a value does, by its key, wherever it is.
    private static let descriptions: [String: String] = [
        "repository": "image repository",
        "tag": "image tag",
        "pullPolicy": "image pull policy (empty: Kubernetes' default)",
        "replicas": "number of pods",
        "env": "environment (ConfigMap)",
        "size": "volume size",
        "storageClass": "storage class (empty: the cluster's default)",
        "accessModes": "volume access modes",
        "existingSecret": "use this existing Secret instead of generating one",
        "existingClaim": "use this existing claim instead of making one",
        "imageRegistry": "a registry put before every service image (`registry.example.com`)",
        "imagePullSecrets": "image pull secrets of every pod (`[{name: regcred}]`)",
        "wait": "the image of the init containers that wait for dependencies",
        "podSecurityContext": "the pod's security context",
        "securityContext": "the container's security context",
        "tlsSecret": "TLS Secret for the Ingress host (empty: no TLS)",
        "count": "number of GPUs",
        "resource": "the GPU resource of the vendor's device plugin (nvidia.com/gpu, amd.com/gpu, gpu.intel.com/i915 or gpu.intel.com/xe, nvidia.com/gpu.shared with time-slicing)",
        "runtimeClassName": "runtime class for GPU pods",
    ]

    /// What a value of a route (`routes.<name>`, an Ingress the project routed) does, by its key.
    private static let routeDescriptions: [String: String] = [
        "enabled": "write this Ingress (the project routed it)",
        "className": "Ingress class (empty: the cluster's default)",
        "annotations": "the Ingress's annotations (cert-manager's issuer, the controller's settings)",
        "tlsSecret": "TLS Secret for the route's hosts, that cert-manager fills with an issuer annotation (empty: no TLS)",
        "rules": "host (empty: every host), path and pathType (Prefix or Exact) of each rule; every rule sends to the route's Service and port",
        "hostnames": "the HTTPRoute's hosts (empty: every host the listener takes)",
    ]

    /// What a value under `ingress` does, by its key.
    private static let ingressDescriptions: [String: String] = [
        "enabled": "route outside traffic to the service through an Ingress",
        "className": "Ingress class (empty: the cluster's default)",
        "host": "Ingress host (empty: every host)",
    ]
}
