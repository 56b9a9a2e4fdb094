import Converter

/// One object's template: the plain manifest with the parts values control replaced by
/// template expressions, so the chart rendered with default values is the plain manifests.
struct HelmObjectTemplate {
    let chart: String
    let values: HelmValues
    /// Compose service name by Kubernetes component name.
    let serviceByComponent: [String: String]
    let secretNames: Set<String>
    /// Component by Job name: a Job's name ends in a hash of its content, which the chart
    /// computes when it renders (values change what a Job runs), wherever the name is used.
    let jobComponents: [String: String]
    /// Every ConfigMap and Secret of the chart, as `Kind/name`.
    let dataObjects: Set<String>
    /// The names of the claims under `persistence` in the values.
    let claimNames: Set<String>
    let profiles: ProfileServices?
    /// The project Secret's name, if the chart has one.
    let projectSecretName: String?

    init(chart: String, values: HelmValues, serviceByComponent: [String: String], objects: [KubernetesObject]) {
        self.chart = chart
        self.values = values
        self.serviceByComponent = serviceByComponent
        secretNames = Set((values.fileSecrets + [values.projectSecret].compactMap { $0 }).map(\.metadata.name))
        var jobComponents: [String: String] = [:]
        for case .workload(let workload) in objects where workload.kind == .job {
            jobComponents[workload.metadata.name] = workload.metadata.component ?? workload.metadata.name
        }
        self.jobComponents = jobComponents
        var dataObjects = Set<String>()
        for case .data(let data) in objects { dataObjects.insert("\(data.kind.rawValue)/\(data.metadata.name)") }
        self.dataObjects = dataObjects
        claimNames = Set(values.claims.map(\.metadata.name))
        profiles = values.result.profiles
        projectSecretName = values.projectSecret?.metadata.name
    }

    func text(for object: KubernetesObject) -> String {
        var text = HelmTemplateText()
        var manifest = object.manifest
        manifest.set(["metadata", "namespace"], to: nil)
        let component = object.metadata.component ?? object.name
        // The helper writes the project's and Helm's labels; any other label the object carries
        // (a shared claim's, say) follows it as written.
        let extra = object.metadata.labels.compactMap { Self.helperLabelKeys.contains($0.key) ? nil : $0 }.sorted { $0.key < $1.key }
        manifest.set(
            ["metadata", "labels"],
            to: text.lines(
                ["labels:", "  {{- include \"\(chart).labels\" (list $ \(quoted(component))) | nindent %J }}"]
                    + extra.map { "  \(BlockYAMLWriter.scalar($0.key)): \(BlockYAMLWriter.scalar($0.value))" }))
        var prefix: [String] = []
        var suffix: [String] = []
        var service = serviceByComponent[component]
        // A CronJob running a service's container takes that service's image and resources.
        if case .workload(let workload) = object, let runs = workload.runsContainerOf, values.serviceNames.contains(runs) {
            service = runs
        }
        if let service { prefix.append("{{- $svc := index .Values.services \(quoted(service)) }}") }
        switch object {
        case .workload(let workload):
            // The service's own workload (a Job's name carries a hash, so it is known by its component).
            if let service, values.serviceNames.contains(service), serviceByComponent[workload.lookupName] == service {
                templatedWorkload(&manifest, workload: workload, text: &text)
            } else if let service, workload.runsContainerOf == service {
                templatedContainer(&manifest, workload: workload, service: service, text: &text)
            }
            replaceSecretReferences(in: &manifest, text: &text)
        case .service(let object) where service != nil && object.metadata.name == component && !object.headless:
            manifest.set(
                ["spec", "type"],
                to: text.lines(["{{- if ne $svc.service.type \"ClusterIP\" }}", "type: {{ $svc.service.type }}", "{{- end }}"]))
            manifest.set(["spec", "ports"], to: text.lines(["ports:", "  {{- toYaml $svc.service.ports | nindent %J }}"]))
        case .data(let data) where data.kind == .secret && data.metadata.name == projectSecretName:
            prefix.append("{{- if not .Values.existingSecret }}")
            suffix.append("{{- end }}")
            // Built at once: a project Secret holds a key per sensitive value of every service.
            let entries = data.data.keys.sorted().map { key -> (String, Manifest) in
                let origin = data.shellKeys.contains(key) ? "shell" : "file"
                let value = "{{ include \"\(chart).secretValue\" (list $ \(quoted(key)) \(quoted(origin))) | quote }}"
                // A key only services of inactive profiles read is there when one of them is on.
                if let readers = profiles?.inactiveSecretKeys[key], let condition = profileCondition(services: readers) {
                    return (key, text.lines(["{{- if \(condition) }}", "\(BlockYAMLWriter.scalar(key)): \(value)", "{{- end }}"]))
                }
                return (key, text.inline(value))
            }
            manifest.set(["stringData"], to: .map(entries))
        case .data(let data) where data.kind == .secret:
            let name = quoted(data.metadata.name)
            prefix.append("{{- if not (index .Values.secretFiles \(name)).existingSecret }}")
            suffix.append("{{- end }}")
            for key in data.data.keys.sorted() {
                manifest.set(
                    ["stringData", key], to: text.inline("{{ include \"\(chart).secretFile\" (list $ \(name) \(quoted(key))) | quote }}"))
            }
        case .data(let data) where service != nil && data.metadata.name == ObjectNames.environment(of: component):
            // Values written with variables follow them unless the service's env block sets the key.
            let followed = (values.variables.environment[service ?? ""] ?? [:]).sorted { $0.key < $1.key }
            let computed = followed.map { key, site in
                "{{- if not (hasKey $env \(quoted(key))) }}{{ $_ := set $env \(quoted(key)) \(HelmVariables.expression(site.template, chart: chart)) }}{{ end }}"
            }
            manifest.set(
                ["data"],
                to: text.lines(
                    ["{{- $env := deepCopy ($svc.env | default dict) }}"] + computed + [
                        "{{- with $env }}", "data:", "  {{- toYaml . | nindent %J }}", "{{- end }}",
                    ]))
        case .data(let data):
            for key in data.data.keys.sorted() {
                manifest.set(
                    ["data", key], to: text.inline("{{ .Files.Get \(quoted(HelmEmitter.filePath(data, key: key))) | quote }}"))
            }
        case .httpRoute(let route):
            prefix.append("{{- $route := index .Values.routes \(quoted(route.metadata.name)) }}")
            prefix.append("{{- $followed := \(values.variables.followedHosts(of: route.metadata.name, chart: chart)) }}")
            prefix.append("{{- if $route.enabled }}")
            suffix.append("{{- end }}")
            manifest.set(
                ["spec", "parentRefs"],
                to: text.lines([
                    "parentRefs:", "- name: {{ .Values.routeGateway.name | quote }}", "  {{- with .Values.routeGateway.namespace }}",
                    "  namespace: {{ . | quote }}", "  {{- end }}", "  sectionName: \(route.parent.sectionName)",
                ]))
            manifest.set(
                ["spec", "hostnames"],
                to: text.lines([
                    "{{- $names := list }}",
                    "{{- range $route.hostnames }}{{ $names = append $names (hasKey $followed . | ternary (index $followed .) .) }}{{ end }}",
                    "{{- with $names }}", "hostnames:", "  {{- toYaml . | nindent %J }}", "{{- end }}",
                ]))
        case .claim(let claim):
            prefix.append("{{- $claim := index .Values.persistence \(quoted(claim.metadata.name)) }}")
            prefix.append("{{- if not $claim.existingClaim }}")
            suffix.append("{{- end }}")
            manifest.set(
                ["spec", "accessModes"], to: text.lines(["accessModes:", "  {{- toYaml $claim.accessModes | nindent %J }}"]))
            manifest.set(
                ["spec", "storageClassName"],
                to: text.lines(["{{- with $claim.storageClass }}", "storageClassName: {{ . }}", "{{- end }}"]))
            manifest.set(["spec", "resources", "requests", "storage"], to: text.inline("{{ $claim.size | quote }}"))
            // `helm uninstall` and an upgrade that drops the claim leave it (and its data) in place;
            // Helm reads the policy from the rendered object only (Helm docs, "Tell Helm Not To
            // Uninstall a Resource").
            manifest.set(["metadata", "annotations", "helm.sh/resource-policy"], to: .string("keep"))
        default:
            break
        }
        if !jobComponents.isEmpty { replaceJobNameReferences(in: &manifest, text: &text) }
        if case .workload(let workload) = object { sharedPodSettings(&manifest, workload: workload, text: &text) }
        if case .service(let object) = object { variantSelector(&manifest, service: object, owner: service, text: &text) }
        if case .workload(let workload) = object, profiles?.variants.isEmpty == false {
            variantWaits(&manifest, workload: workload, text: &text)
        }
        var gate = (open: [String](), close: [String]())
        if let users = profiles?.inactiveObjects["\(object.kind)/\(object.name)"], let condition = profileCondition(services: users) {
            gate = (["{{- if \(condition) }}"] + otherVariantsCheck(object, service: service ?? ""), ["{{- end }}"])
        } else if let service, let condition = profileCondition(of: object, service: service) {
            gate = (["{{- if \(condition) }}"] + otherVariantsCheck(object, service: service), ["{{- end }}"])
        }
        if case .workload(let workload) = object, workload.kind == .job {
            return jobText(manifest, component: component, prefix: prefix, gate: gate, text: &text)
        }
        let rendered = text.render(manifest, prefix: gate.open + prefix, suffix: suffix + gate.close)
        guard case .data(let data) = object else { return rendered }
        // A named template, so the pods reading it can carry a checksum of it.
        let name = quoted(dataTemplate(data.kind.rawValue, data.metadata.name))
        return "{{- define \(name) }}\n" + rendered + "{{- end }}\n{{- include \(name) $ }}\n"
    }

    /// The labels the chart's `labels` helper writes.
    private static let helperLabelKeys: Set<String> = [
        ProjectLabels.componentKey, "app.kubernetes.io/part-of", "app.kubernetes.io/managed-by",
    ]

    /// The named template holding a ConfigMap's or Secret's text.
    func dataTemplate(_ kind: String, _ name: String) -> String {
        "\(chart).object.\(kind).\(name)"
    }

    /// A Job's spec is a named template, so the Job's name (`<chart>.jobName`) can end in a
    /// hash of the spec as rendered: a `helm upgrade` that changes what the Job runs creates a
    /// new Job instead of failing on the old one's immutable template.
    private func jobText(
        _ manifest: Manifest, component: String, prefix: [String], gate: (open: [String], close: [String]), text: inout HelmTemplateText
    ) -> String {
        // Called with the chart's root as `.`, the define reads `.Values` as the Job file would.
        let spec = text.render(manifest["spec"] ?? .map([]), prefix: prefix)
        let include = text.lines(["spec:", "  {{- include \(quoted("\(chart).jobSpec.\(component)")) $ | trim | nindent %J }}"])
        let body = text.render(manifest.setting(["spec"], to: include), prefix: gate.open, suffix: gate.close)
        return "{{- define \(quoted("\(chart).jobSpec.\(component)")) -}}\n" + spec + "{{- end }}\n" + body
    }

    /// Every use of a Job's name (the Job's own, a wait's `JOB`, the waiters' Role) becomes
    /// the name the chart computes.
    private func replaceJobNameReferences(in manifest: inout Manifest, text: inout HelmTemplateText) {
        // Locals, not `self`: the closure runs for every string, and reading `self` there copied it each time.
        let (jobComponents, chart) = (jobComponents, chart)
        manifest.replaceStrings { name, _, _ in
            jobComponents[name].map { text.inline("{{ include \"\(chart).jobName\" (list $ \(Self.quoted($0))) | quote }}") }
        }
    }

    /// Replicas, image, pull policy, resources (with the GPU), probes, scheduling and pod
    /// annotations of a service's own workload come from its values block.
    private func templatedWorkload(_ manifest: inout Manifest, workload: Workload, text: inout HelmTemplateText) {
        let podPath = Self.podTemplate(of: workload)
        if workload.kind == .deployment || workload.kind == .statefulSet {
            manifest.set(["spec", "replicas"], to: text.inline("{{ $svc.replicas }}"))
        }
        // A Deployment's or StatefulSet's pods roll when a ConfigMap or Secret they read changes; a
        // Job's template cannot change (a changed Job is a new Job by name).
        let rolls = workload.kind == .deployment || workload.kind == .statefulSet
        let checksums = (rolls ? configurationObjects(of: workload) : []).map { kind, name in
            "{{- $_ := set $annotations \(quoted("checksum/\(kind.lowercased())-\(name)")) (\(checksumSource(kind, name, workload: workload)) | sha256sum) }}"
        }
        manifest.set(
            podPath + ["metadata", "annotations"],
            to: text.lines(
                ["{{- $annotations := deepCopy ($svc.podAnnotations | default dict) }}"] + checksums + [
                    "{{- with $annotations }}", "annotations:", "  {{- toYaml . | nindent %J }}", "{{- end }}",
                ]))
        let spec = podPath + ["spec"]
        manifest.set(
            spec + ["securityContext"],
            to: text.lines(["{{- with $svc.podSecurityContext }}", "securityContext:", "  {{- toYaml . | nindent %J }}", "{{- end }}"]))
        manifest.set(spec + ["nodeSelector"], to: nil)
        manifest.set(spec + ["tolerations"], to: nil)
        // The scheduling lines write the values' affinity (the shared claims' by default): once.
        manifest.set(spec + ["affinity"], to: nil)
        manifest.set(spec + ["scheduling"], to: text.lines(Self.schedulingLines))
        templatedContainer(&manifest, workload: workload, service: serviceByComponent[workload.lookupName] ?? "", text: &text)
        let container = spec + ["containers", "0"]
        for (key, probe) in [("readinessProbe", "readiness"), ("livenessProbe", "liveness"), ("startupProbe", "startup")] {
            manifest.set(
                container + [key],
                to: text.lines([
                    "{{- with (($svc.probes | default dict).\(probe)) }}", "\(key):", "  {{- toYaml . | nindent %J }}", "{{- end }}",
                ]))
        }
    }

    /// What a pod's checksum of a ConfigMap or Secret covers: the object as rendered, or for the
    /// project Secret (a key per sensitive value of every service) only the keys the pod reads,
    /// so a pod rolls for its own secrets and the render stays linear in the services.
    private func checksumSource(_ kind: String, _ name: String, workload: Workload) -> String {
        guard kind == "Secret", name == projectSecretName else { return "include \(quoted(dataTemplate(kind, name))) $" }
        var keys = Set<String>()
        for containers in [workload.pod.containers, workload.pod.initContainers] {
            for container in containers {
                for case let reference? in container.env.lazy.map(\.reference) where reference.kind == .secret && reference.name == name {
                    keys.insert(reference.key)
                }
            }
        }
        let picked = keys.sorted().map(quoted).joined(separator: " ")
        return "list $.Values.existingSecret (pick ($.Values.secrets | default dict) \(picked)) | toJson"
    }

    /// The chart's ConfigMaps and Secrets a pod reads (kind, name), in order.
    private func configurationObjects(of workload: Workload) -> [(String, String)] {
        var names = Set<String>()
        for volume in workload.pod.volumes {
            switch volume.source {
            case .configMap(let name, _, _): names.insert("ConfigMap/\(name)")
            case .secret(let name, _, _): names.insert("Secret/\(name)")
            default: break
            }
        }
        for containers in [workload.pod.containers, workload.pod.initContainers] {
            for container in containers {
                for source in container.envFrom { names.insert("\(source.kind == .secret ? "Secret" : "ConfigMap")/\(source.name)") }
                for variable in container.env {
                    if let reference = variable.reference { names.insert("\(reference.kind.rawValue)/\(reference.name)") }
                }
            }
        }
        // `Kind/name`: the kind is ConfigMap or Secret, so the first slash ends it.
        return names.sorted().filter(dataObjects.contains).map { name in
            let slash = name.utf8.firstIndex(of: UInt8(ascii: "/")) ?? name.utf8.endIndex
            return (String(name[..<slash]), String(name[name.utf8.index(after: slash)...]))
        }
    }

    /// The image, pull policy and resources of the workload's first container come from the
    /// values block of `service`.
    private func templatedContainer(_ manifest: inout Manifest, workload: Workload, service: String, text: inout HelmTemplateText) {
        let podPath = Self.podTemplate(of: workload)
        let container = podPath + ["spec", "containers", "0"]
        if let site = values.variables.images[service] {
            let written = HelmVariables.expression(site.template, chart: chart)
            manifest.set(
                container + ["image"],
                to: text.inline(
                    "{{ print (include \"\(chart).registry\" $) (include \"\(chart).image\" (list $svc.image \(written))) | quote }}"))
        } else {
            manifest.set(
                container + ["image"],
                to: text.inline(
                    "\"{{ include \"\(chart).registry\" $ }}{{ $svc.image.repository }}{{ with $svc.image.tag }}:{{ . }}{{ end }}\""))
        }
        manifest.set(
            container + ["imagePullPolicy"],
            to: text.lines(["{{- with $svc.image.pullPolicy }}", "imagePullPolicy: {{ . }}", "{{- end }}"]))
        manifest.set(container + ["resources"], to: text.lines(Self.resourceLines))
        manifest.set(
            container + ["securityContext"],
            to: text.lines(["{{- with $svc.securityContext }}", "securityContext:", "  {{- toYaml . | nindent %J }}", "{{- end }}"]))
    }

    /// What every pod of the chart takes from the global values: the helper image of its waits,
    /// the image pull secrets, and claims that `persistence.<name>.existingClaim` replaces.
    private func sharedPodSettings(_ manifest: inout Manifest, workload: Workload, text: inout HelmTemplateText) {
        let spec = Self.podTemplate(of: workload) + ["spec"]
        for (index, container) in workload.pod.initContainers.enumerated() where ObjectNames.isWait(container) {
            manifest.set(
                spec + ["initContainers", String(index), "image"], to: text.inline("{{ $.Values.helperImages.wait | quote }}"))
        }
        let converted = workload.pod.imagePullSecrets.map { "(dict \"name\" \(quoted($0)))" }.joined(separator: " ")
        manifest.set(
            spec + ["imagePullSecrets"],
            to: text.lines([
                "{{- with concat (list \(converted)) ($.Values.imagePullSecrets | default list) }}", "imagePullSecrets:",
                "  {{- toYaml . | nindent %J }}", "{{- end }}",
            ]))
        for (index, volume) in workload.pod.volumes.enumerated() {
            guard case .persistentVolumeClaim(let claim) = volume.source, claimNames.contains(claim) else { continue }
            manifest.set(
                spec + ["volumes", String(index), "persistentVolumeClaim", "claimName"],
                to: text.inline("{{ (index $.Values.persistence \(quoted(claim))).existingClaim | default \(quoted(claim)) }}"))
        }
    }

    /// Secret names used by a pod (envFrom, volumes, env) follow `existingSecret`.
    private func replaceSecretReferences(in manifest: inout Manifest, text: inout HelmTemplateText) {
        let (secretNames, chart) = (secretNames, chart)  // see replaceJobNameReferences
        manifest.replaceStrings { name, key, parent in
            guard key == "secretName" || (key == "name" && (parent == "secretRef" || parent == "secretKeyRef")), secretNames.contains(name)
            else { return nil }
            return text.inline("{{ include \"\(chart).secretName\" (list $ \(Self.quoted(name))) }}")
        }
    }

    /// Where a workload's pod template is in its manifest.
    static func podTemplate(of workload: Workload) -> [String] {
        workload.kind == .cronJob ? ["spec", "jobTemplate", "spec", "template"] : ["spec", "template"]
    }

    func quoted(_ text: String) -> String {
        Self.quoted(text)
    }

    static func quoted(_ text: String) -> String {
        "\"" + text.replacingBytes("\\", with: "\\\\").replacingBytes("\"", with: "\\\"") + "\""
    }

    static let resourceLines = [
        "{{- $resources := deepCopy ($svc.resources | default dict) }}",
        "{{- if and $svc.gpu $svc.gpu.enabled }}",
        "{{- $limits := deepCopy (get $resources \"limits\" | default dict) }}",
        "{{- $_ := set $limits (get $svc.gpu \"resource\" | default \"nvidia.com/gpu\") (toString $svc.gpu.count) }}",
        "{{- $_ := set $resources \"limits\" $limits }}",
        "{{- end }}",
        "{{- $nonEmpty := dict }}",
        "{{- range $key, $value := $resources }}{{ if $value }}{{ $_ := set $nonEmpty $key $value }}{{ end }}{{ end }}",
        "{{- with $nonEmpty }}",
        "resources:",
        "  {{- toYaml . | nindent %J }}",
        "{{- end }}",
    ]

    static let schedulingLines = [
        "{{- $nodeSelector := deepCopy ($svc.nodeSelector | default dict) }}",
        "{{- $tolerations := $svc.tolerations | default list }}",
        "{{- if and $svc.gpu $svc.gpu.enabled }}",
        "{{- $nodeSelector = merge $nodeSelector ($.Values.gpu.nodeSelector | default dict) }}",
        "{{- if hasPrefix \"nvidia.com/\" (get $svc.gpu \"resource\" | default \"nvidia.com/gpu\") }}",
        "{{- $tolerations = concat $tolerations ($.Values.gpu.tolerations | default list) }}",
        "{{- end }}",
        "{{- with $.Values.gpu.runtimeClassName }}",
        "runtimeClassName: {{ . }}",
        "{{- end }}",
        "{{- end }}",
        "{{- with $nodeSelector }}",
        "nodeSelector:",
        "  {{- toYaml . | nindent %J }}",
        "{{- end }}",
        "{{- with $tolerations }}",
        "tolerations:",
        "  {{- toYaml . | nindent %J }}",
        "{{- end }}",
        "{{- with $svc.affinity }}",
        "affinity:",
        "  {{- toYaml . | nindent %J }}",
        "{{- end }}",
    ]
}
