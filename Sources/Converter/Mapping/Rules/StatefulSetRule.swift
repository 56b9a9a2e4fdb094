/// A StatefulSet gets the headless Service its pods' stable names come from
/// (`<service>-headless`); the ordinary Service keeps the compose name resolving.
struct StatefulSetRule: ServiceRule {
    /// The governing Service is the one `PortsRule` made.
    static let readsOutputOf: [any ConversionRule.Type] = [PortsRule.self]

    static let keys = KeyOwnership()

    func apply(to service: Service, workload: inout Workload, in conversion: Conversion) {
        guard workload.kind == .statefulSet else { return }
        let name = KubernetesName.dns1123("\(service.kubernetesName)-headless")
        var ports: [ServiceObject.Port] = []
        if let regular = conversion.service(named: service.kubernetesName) {
            ports = regular.ports.map {
                var port = $0
                port.nodePort = nil
                return port
            }
        }
        let headless = ServiceObject(
            metadata: conversion.metadata(name, component: service.kubernetesName), headless: true,
            selector: conversion.labels.selector(for: service.kubernetesName), ports: ports)
        conversion.add(.service(headless), for: service.name)
        workload.serviceName = name
    }
}
