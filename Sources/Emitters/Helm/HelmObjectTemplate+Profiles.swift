import Converter

/// Profiles in a chart: each service's objects render when one of its profiles is on; twins
/// (one service offered by two profiles) share their name's Service and waits, which follow
/// whichever is on, and refuse to render together.
extension HelmObjectTemplate {
    /// The condition under which a service's object renders: one of its profiles is on (either
    /// twin's, for a Service both twins are reached by); nil when it always renders.
    func profileCondition(of object: KubernetesObject, service: String) -> String? {
        guard let profiles else { return nil }
        if case .service(let object) = object, let twin = profiles.twin(of: service),
            object.metadata.name != KubernetesName.dns1123(service)
        {
            return profileCondition(services: [twin.gpu, twin.cpu])
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

    /// A twin's workload refuses to render beside the other twin: Compose reaches both under one name.
    func bothTwinsCheck(_ object: KubernetesObject, service: String) -> [String] {
        guard case .workload(let workload) = object, workload.runsContainerOf == nil, let twin = profiles?.twin(of: service),
            service == twin.gpu, let gpu = profileCondition(services: [twin.gpu]), let cpu = profileCondition(services: [twin.cpu])
        else { return [] }
        let message =
            "services \(twin.gpu) and \(twin.cpu) offer the same service in different profiles (\((profiles?.profilesOf[twin.gpu] ?? []).joined(separator: ", ")) and \((profiles?.profilesOf[twin.cpu] ?? []).joined(separator: ", "))): turn on the profiles of only one (values-gpu.yaml or values-cpu.yaml)"
        return ["{{- if and (\(gpu)) (\(cpu)) }}{{ fail \(quoted(message)) }}{{ end }}"]
    }

    /// A wait for a twin waits for whichever twin is on.
    func twinWaits(_ manifest: inout Manifest, workload: Workload, text: inout HelmTemplateText) {
        let podPath = Self.podTemplate(of: workload) + ["spec"]
        for (index, container) in workload.pod.initContainers.enumerated() where ObjectNames.isWait(container) {
            guard
                let twin = profiles?.twins.first(where: {
                    container.name == ObjectNames.wait(for: KubernetesName.dns1123($0.gpu))
                        || container.name == ObjectNames.wait(for: KubernetesName.dns1123($0.cpu))
                })
            else { continue }
            let target = container.name == ObjectNames.wait(for: KubernetesName.dns1123(twin.gpu)) ? twin.gpu : twin.cpu
            let other = target == twin.gpu ? twin.cpu : twin.gpu
            guard let otherOn = profileCondition(services: [other]) else { continue }
            let host = text.inline(
                "{{ if \(otherOn) }}\(KubernetesName.dns1123(other)){{ else }}\(KubernetesName.dns1123(target)){{ end }}")
            guard case .string(let token) = host else { continue }
            for (line, word) in container.command.enumerated() where word.contains(KubernetesName.dns1123(target)) {
                manifest.set(
                    podPath + ["initContainers", String(index), "command", String(line)],
                    to: .string(word.replacingOccurrences(of: KubernetesName.dns1123(target), with: token)))
            }
        }
    }

    /// A Service both twins are reached by selects whichever twin is on.
    func twinSelector(_ manifest: inout Manifest, service object: ServiceObject, owner: String?, text: inout HelmTemplateText) {
        guard let owner, let twin = profiles?.twin(of: owner), object.metadata.name != KubernetesName.dns1123(owner),
            object.selector[ProjectLabels.componentKey] == KubernetesName.dns1123(owner)
        else { return }
        let other = owner == twin.gpu ? twin.cpu : twin.gpu
        guard let otherOn = profileCondition(services: [other]) else { return }
        manifest.set(
            ["spec", "selector", ProjectLabels.componentKey],
            to: text.inline("{{ if \(otherOn) }}\(KubernetesName.dns1123(other)){{ else }}\(KubernetesName.dns1123(owner)){{ end }}"))
    }
}
