import Converter

/// Profiles in a chart: each service's objects render when one of its profiles is on; variants
/// (one service offered by several profiles) share their name's Service and waits, which follow
/// whichever is on, and refuse to render together.
extension HelmObjectTemplate {
    /// The condition under which a service's object renders: one of its profiles is on (any
    /// variant's, for a Service all variants are reached by); nil when it always renders.
    func profileCondition(of object: KubernetesObject, service: String) -> String? {
        guard let profiles else { return nil }
        if case .service(let object) = object, let variants = profiles.variants(of: service),
            object.metadata.name != KubernetesName.dns1123(service)
        {
            return profileCondition(services: variants.services)
        }
        return profileCondition(services: [service])
    }

    /// `include "<chart>.profileOn" …` over the profiles of `services`; nil when one has none.
    func profileCondition(services: [String]) -> String? {
        guard let profiles, !services.isEmpty else { return nil }
        var names: [String] = []
        for service in services {
            guard let own = profiles.profilesOf[service] else { return nil }
            names += own.filter { !names.contains($0) }
        }
        return "include \"\(chart).profileOn\" (list $ \(names.map(quoted).joined(separator: " ")))"
    }

    /// A variant's workload refuses to render beside another variant: Compose reaches them under one name.
    func otherVariantsCheck(_ object: KubernetesObject, service: String) -> [String] {
        guard case .workload(let workload) = object, workload.runsContainerOf == nil, let variants = profiles?.variants(of: service),
            let othersOn = profileCondition(services: variants.services.filter { $0 != service })
        else { return [] }
        let offers = variants.services.map { "\($0) (\((profiles?.profilesOf[$0] ?? []).joined(separator: ", ")))" }
        let files = ProfileServices.Hardware.files(vendors: variants.vendors).map(\.valuesFile)
        let message =
            "services \(Self.list(offers)) offer the same service in different profiles: turn on the profiles of only one (\(Self.list(files, or: true)))"
        return ["{{- if \(othersOn) }}{{ fail \(quoted(message)) }}{{ end }}"]
    }

    /// "a, b and c" (or "a, b or c").
    private static func list(_ items: [String], or: Bool = false) -> String {
        guard let last = items.last, items.count > 1 else { return items.joined() }
        return items.dropLast().joined(separator: ", ") + (or ? " or " : " and ") + last
    }

    /// `{{ if <b on> }}b{{ else if <c on> }}c{{ else }}a{{ end }}`: the Kubernetes name of whichever
    /// variant is on, `service`'s when no other is.
    private func variantOn(_ service: String, of variants: ProfileServices.Variants) -> String? {
        var text = ""
        for other in variants.services where other != service {
            guard let on = profileCondition(services: [other]) else { return nil }
            text += "{{ \(text.isEmpty ? "if" : "else if") \(on) }}\(KubernetesName.dns1123(other))"
        }
        return text.isEmpty ? nil : text + "{{ else }}\(KubernetesName.dns1123(service)){{ end }}"
    }

    /// A wait for a variant waits for whichever variant is on.
    func variantWaits(_ manifest: inout Manifest, workload: Workload, text: inout HelmTemplateText) {
        let podPath = Self.podTemplate(of: workload) + ["spec"]
        for (index, container) in workload.pod.initContainers.enumerated() where ObjectNames.isWait(container) {
            guard
                let target = profiles?.variants.lazy.flatMap(\.services).first(where: {
                    container.name == ObjectNames.wait(for: KubernetesName.dns1123($0))
                }),
                let variants = profiles?.variants(of: target), let on = variantOn(target, of: variants),
                case .string(let token) = text.inline(on)
            else { continue }
            for (line, word) in container.command.enumerated() where word.contains(KubernetesName.dns1123(target)) {
                manifest.set(
                    podPath + ["initContainers", String(index), "command", String(line)],
                    to: .string(word.replacingOccurrences(of: KubernetesName.dns1123(target), with: token)))
            }
        }
    }

    /// A Service all variants are reached by selects whichever variant is on.
    func variantSelector(_ manifest: inout Manifest, service object: ServiceObject, owner: String?, text: inout HelmTemplateText) {
        guard let owner, let variants = profiles?.variants(of: owner), object.metadata.name != KubernetesName.dns1123(owner),
            object.selector[ProjectLabels.componentKey] == KubernetesName.dns1123(owner), let on = variantOn(owner, of: variants)
        else { return }
        manifest.set(["spec", "selector", ProjectLabels.componentKey], to: text.inline(on))
    }
}
