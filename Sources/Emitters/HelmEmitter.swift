import Converter
import EmitterTemplates

/// A Helm chart: `Chart.yaml`, `values.yaml` with the project's variables, profiles and one block
/// per service, `values-secrets.yaml` (the secret values read from the project's files),
/// `values-gpu.yaml` and `values-cpu.yaml`, `values.schema.json`, a template file per service,
/// `_helpers.tpl`, `NOTES.txt`, the contents of bind-mounted files under `files/`, and a README
/// with a values table. Rendered with `values.yaml` and `values-secrets.yaml` it gives the plain
/// manifests.
public enum HelmEmitter {
    /// A chart's files, and the compose variables its values do not reach, with the key paths
    /// that keep the value conversion gave them (the chart's README lists them too).
    public struct Chart: Sendable {
        public var files: [GeneratedFile]
        public var frozenVariables: [(variable: String, paths: [String])]
    }

    /// - Parameter folder: where the chart is written, as the user named it (for the commands it prints).
    public static func files(_ result: ConversionResult, folder: String = "CHART") throws -> [GeneratedFile] {
        try chart(result, folder: folder).files
    }

    /// - Parameter folder: where the chart is written, as the user named it (for the commands it prints).
    public static func chart(_ result: ConversionResult, folder: String = "CHART") throws -> Chart {
        let project = result.project
        let chart = KubernetesName.dns1123(project.name)
        let values = HelmValues(result: result)
        let valuesManifest = values.manifest
        let objects = result.objects.filter { $0.kind != "Namespace" }
        let serviceByComponent = Dictionary(
            values.services.map { (KubernetesName.dns1123($0.name), $0.name) }, uniquingKeysWith: { first, _ in first })
        let templater = HelmObjectTemplate(chart: chart, values: values, serviceByComponent: serviceByComponent, objects: objects)
        let fill = [
            "chart": chart, "project": KubernetesName.dns1123(project.name), "projectSecret": ObjectNames.projectSecret(of: project.name),
            // Any -f makes Helm drop the values of the last release: --reset-then-reuse-values keeps
            // the files it was installed with (values-cpu.yaml, say) under the new ones (Helm 3.14+).
            "upgrade": installCommand(
                values: values, release: "{{ .Release.Name }}", folder: folder,
                helm: "helm upgrade --namespace {{ .Release.Namespace }} --reset-then-reuse-values"),
        ]
        let ingress = try TemplateText.named("helm/ingress.yaml")
        let route = try TemplateText.named("helm/route.yaml")
        let ingressServices = Set(values.services.map(\.name).filter { values.ingressPort(of: $0) != nil })
        let templateFiles = templateFiles(objects: objects, ingressServices: ingressServices, serviceByComponent: serviceByComponent)
        let notes = TemplateText.fill(
            try TemplateText.named("helm/NOTES.txt"), fill.merging(["access": access(result, variables: values.variables, chart: chart)]) { $1 })
        let readme = HelmReadme.text(
            template: try TemplateText.named("helm/README.md"), chart: chart, project: project, values: values, manifest: valuesManifest)
        var files = [
            GeneratedFile(path: "Chart.yaml", contents: chartYAML(chart, project: project)),
            GeneratedFile(path: "values.yaml", contents: header("Default values: the compose project as it is.") + ManifestWriter.yaml(valuesManifest)),
            GeneratedFile(
                path: ProfileServices.Hardware.gpu.valuesFile,
                contents: header(
                    "GPU nodes: every service that asked for a GPU gets one (gpu.nodeSelector and gpu.runtimeClassName place them, if your GPU nodes need it)."
                )
                    + hardwareFile(values, .gpu)),
        ]
        files += values.variantVendors.map { vendor in
            GeneratedFile(
                path: ProfileServices.Hardware.vendor(vendor).valuesFile,
                contents: header(
                    "\(vendor.name) GPU nodes: the \(vendor.name) variants of the services that offer one, and every service that asked for an \(vendor.name) GPU, get one."
                )
                    + hardwareFile(values, .vendor(vendor)))
        }
        files += [
            GeneratedFile(path: ProfileServices.Hardware.cpu.valuesFile, contents: header("CPU only: no GPU anywhere.") + hardwareFile(values, .cpu)),
            GeneratedFile(path: "values.schema.json", contents: HelmSchema.json(for: valuesManifest)),
            GeneratedFile(path: "templates/_helpers.tpl", contents: TemplateText.fill(try TemplateText.named("helm/_helpers.tpl"), fill)),
            GeneratedFile(path: "templates/NOTES.txt", contents: notes),
            GeneratedFile(path: "README.md", contents: readme),
            GeneratedFile(path: "values-secrets.yaml", contents: secretsYAML(values)),
            GeneratedFile(path: ".helmignore", contents: "README.md\nvalues-secrets.yaml\n.gitignore\n"),
            GeneratedFile(
                path: ".gitignore",
                contents: "# Secret values read from the compose project's files: keep them out of version control.\nvalues-secrets.yaml\n"),
        ]
        files += templateFiles.map { file in
            let ingressTexts = file.ingress.map { service in
                [TemplateText.fill(ingress, fill.merging(["service": service, "name": KubernetesName.dns1123(service)]) { $1 })]
            }
            let texts =
                file.objects.map { index in
                    guard case .ingress(let object) = objects[index] else { return templater.text(for: objects[index]) }
                    let followed = ["followedHosts": values.variables.followedHosts(of: object.metadata.name, chart: chart)]
                    return TemplateText.fill(route, fill.merging(routeFill(object)) { $1 }.merging(followed) { $1 })
                } + (ingressTexts ?? [])
            return GeneratedFile(path: file.path, contents: file.isDocuments ? documents(texts) : texts.joined())
        }
        for case .data(let data) in objects where data.kind == .configMap {
            let fromValues = ObjectNames.isEnvironment(data) && serviceByComponent[data.metadata.component ?? ""] != nil
            if fromValues { continue }
            files += data.data.keys.sorted().map { GeneratedFile(path: filePath(data, key: $0), contents: data.data[$0] ?? "") }
        }
        let frozen = values.variables.frozen
        return Chart(files: files, frozenVariables: frozen.keys.sorted().map { ($0, frozen[$0] ?? []) })
    }

    /// What a route's template names: the Ingress, its component, and the Service and port it sends to.
    private static func routeFill(_ ingress: IngressObject) -> [String: String] {
        [
            "name": ingress.metadata.name, "component": ingress.metadata.component ?? ingress.metadata.name, "service": ingress.service,
            "port": String(ingress.port),
        ]
    }

    /// A template file to write: the objects (indices into the chart's objects) whose templates
    /// it holds, and the service whose Ingress template follows them.
    private struct TemplateFile {
        var path: String
        var objects: [Int] = []
        var ingress: String?
        /// Several YAML documents (`---` between them), or one object's template alone.
        var isDocuments = true
    }

    /// One template file per compose service (`templates/<service>.yaml`: its workload, Services,
    /// ConfigMaps, CronJobs and Ingress); every claim in `templates/volume.claims.yaml`
    /// (`claimsFile`); one file per other object services share.
    private static func templateFiles(
        objects: [KubernetesObject], ingressServices: Set<String>, serviceByComponent: [String: String]
    ) -> [TemplateFile] {
        var byService: [String: TemplateFile] = [:]
        var order: [String] = []
        var files: [TemplateFile] = []
        var claims = TemplateFile(path: "templates/\(claimsFile)")
        let services = Set(serviceByComponent.values)
        for (index, object) in objects.enumerated() {
            var service = serviceByComponent[object.metadata.component ?? ""]
            if case .workload(let workload) = object, let runs = workload.runsContainerOf, services.contains(runs) {
                service = runs
            }
            // Claims share one file: the guide creates each alone from it (by its name label), to copy data in first.
            if object.kind == "PersistentVolumeClaim" {
                claims.objects.append(index)
                continue
            }
            guard let service else {
                files.append(TemplateFile(path: "templates/\(object.fileName)", objects: [index], isDocuments: false))
                continue
            }
            if byService[service] == nil {
                order.append(service)
                byService[service] = TemplateFile(path: "templates/\(KubernetesName.dns1123(service)).yaml")
            }
            byService[service]?.objects.append(index)
        }
        for service in ingressServices.sorted() where byService[service] == nil {
            order.append(service)
            byService[service] = TemplateFile(path: "templates/\(KubernetesName.dns1123(service)).yaml")
        }
        for service in order {
            guard var file = byService[service] else { continue }
            if ingressServices.contains(service) { file.ingress = service }
            files.append(file)
        }
        if !claims.objects.isEmpty { files.append(claims) }
        return files
    }

    /// The template file that holds every PersistentVolumeClaim of a chart. Its dot keeps it
    /// apart from every service's file (service files are DNS-1123 names, which have none).
    package static let claimsFile = "volume.claims.yaml"

    /// Template texts as one file of YAML documents.
    private static func documents(_ texts: [String]) -> String {
        texts.map { $0.hasSuffix("\n") ? $0 : $0 + "\n" }.joined(separator: "---\n")
    }

    /// Where the chart keeps a ConfigMap's file contents.
    static func filePath(_ data: DataObject, key: String) -> String {
        "files/\(data.metadata.name)/\(key)"
    }

    private static func chartYAML(_ chart: String, project: ProjectFacts) -> String {
        ManifestWriter.yaml(
            .map([
                ("apiVersion", .string("v2")), ("name", .string(chart)),
                ("description", .string("The \(project.name) compose project, converted by compose2kube.")),
                ("type", .string("application")), ("version", .string("0.1.0")), ("appVersion", .string("1.0.0")),
            ]))
    }

    /// The one command that installs the chart as written (`<release>` and the folder named), or
    /// with `helm` another Helm command taking the same arguments (`helm upgrade`).
    static func installCommand(values: HelmValues, release: String, folder: String, helm: String = "helm install") -> String {
        let shell = values.shellSecretKeys.map { " --set-string secrets.\($0)=\"$\($0)\"" }.joined()
        return "\(helm) \(release) \(folder) -f \(folder)/values-secrets.yaml\(shell)"
    }

    private static func secretsYAML(_ values: HelmValues) -> String {
        var text =
            "# Secret values read from the compose project's files (.env, env files, the compose files).\n"
            + "# Keep this file out of version control (the chart's .gitignore lists it) and install with\n"
            + "# `helm install RELEASE CHART -f CHART/values-secrets.yaml`.\n"
        let shell = values.shellSecretKeys
        if !shell.isEmpty {
            text +=
                "# Not written here, because they came from the shell's environment when converting: "
                + shell.map { "secrets.\($0)" }.joined(separator: ", ") + ". Give them with --set-string.\n"
        }
        return text + ManifestWriter.yaml(values.secretsManifest)
    }

    private static func header(_ text: String) -> String {
        "# \(text)\n# Generated by compose2kube; `helm install … -f <file>` layers a values file over values.yaml.\n"
    }

    /// A GPU/CPU file's note on the profiles it switches, then its values.
    private static func hardwareFile(_ values: HelmValues, _ hardware: ProfileServices.Hardware) -> String {
        guard !values.gpuServices.isEmpty else {
            return "# No service of this project asks for a GPU, so there is nothing to switch.\n{}\n"
        }
        return profileNote(values, hardware) + ManifestWriter.yaml(values.overlay(for: hardware))
    }

    /// What a GPU/CPU file does with the profiles, and which it leaves alone.
    private static func profileNote(_ values: HelmValues, _ hardware: ProfileServices.Hardware) -> String {
        guard !values.profileSwitches.isEmpty else { return "" }
        let untouched = values.untouchedProfiles(for: hardware)
        let rest = untouched.isEmpty ? "" : " Left as values.yaml says: \(untouched.joined(separator: ", "))."
        guard case .map(let switches)? = values.variantSwitches(for: hardware) else {
            return "# Profiles: no service has variants for other hardware, so none is switched.\(rest)\n"
        }
        let on = switches.filter { $0.1 == .bool(true) }.map(\.0)
        let off = switches.filter { $0.1 == .bool(false) }.map(\.0)
        let variants: String
        switch hardware {
        case .gpu: variants = "GPU variants"
        case .cpu: variants = "CPU variants"
        case .vendor(let vendor): variants = "\(vendor.name) variants, the CPU one where a service has no \(vendor.name) variant"
        }
        return "# Profiles: turns on \(on.joined(separator: ", ")) (the \(variants)) and off \(off.joined(separator: ", ")) "
            + "(the other variants).\(rest)\n"
    }

    /// NOTES.txt lines: how to reach each published Service.
    /// A host port written with variables follows them (`${WEB_PORT:-8080}`).
    private static func access(_ result: ConversionResult, variables: HelmVariables, chart: String) -> String {
        var lines: [String] = []
        for node in result.graph.nodes {
            guard let published = result.project.services[node.name]?.publishedPorts.first, let port = published.hostPort else { continue }
            let name = KubernetesName.dns1123(node.name)
            let local =
                variables.publishedPorts[node.name].map { "{{ \(HelmVariables.expression($0.template, chart: chart)) }}" } ?? "\(port)"
            lines.append("\(node.name) (published as \(published.hostPortTemplate?.text ?? String(port)) in compose):")
            lines.append("  kubectl port-forward --namespace {{ .Release.Namespace }} svc/\(name) \(local):\(published.target)")
            lines.append("  then open http://localhost:\(local)")
        }
        return lines.isEmpty
            ? "No service publishes a port; use kubectl port-forward to reach one."
            : "Reach the published services:\n" + lines.joined(separator: "\n")
    }
}
