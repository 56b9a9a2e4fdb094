import Foundation

/// `x-kubernetes.ingress {host, path, tls}` or the `kompose.service.expose*` labels → an Ingress
/// routing to the service's first port.
struct IngressRule: ServiceRule {
    /// The port comes from the Service `PortsRule` made.
    static let readsOutputOf: [any ConversionRule.Type] = [PortsRule.self]

    static let keys = KeyOwnership()

    typealias Route = IngressObject.Route

    func apply(to service: Service, workload: inout Workload, in conversion: Conversion) {
        let labels = ["kompose.service.expose", "kompose.service.expose.tls-secret", "kompose.service.expose.ingress-class-name"]
        for label in labels { conversion.consume("labels.\(label)", of: service) }
        let (routes, tls, className) = Self.settings(for: service)
        guard !routes.isEmpty else { return }
        guard let target = conversion.service(named: service.kubernetesName), let port = target.ports.first
        else {
            conversion.warn(
                "an Ingress needs a port: add ports or expose to \(service.name)", path: service.path("labels.kompose.service.expose"))
            return
        }
        let name = service.kubernetesName
        let ingress = IngressObject(
            metadata: conversion.metadata(name, component: name), className: className, tlsSecret: tls, routes: routes, service: name,
            port: port.port)
        conversion.add(ingress.object, for: service.name)
    }

    /// Routes, TLS secret and class. `kompose.service.expose: "true"` routes every host;
    /// `"a.com,b.com/api"` gives one route per host.
    static func settings(for service: Service) -> ([Route], String?, String?) {
        let x = XKubernetes(service)
        if case .object(let ingress)? = x.fields["ingress"] {
            func text(_ key: String) -> String? { if case .string(let value)? = ingress[key] { value } else { nil } }
            return ([Route(host: text("host"), path: text("path") ?? "/")], text("tls"), text("className"))
        }
        guard let expose = service.labels["kompose.service.expose"], expose.lowercased() != "false" else { return ([], nil, nil) }
        let routes: [Route] =
            expose.lowercased() == "true"
            ? [Route(host: nil, path: "/")]
            : expose.split(separator: ",").map { entry in
                let text = entry.trimmingSpaces()
                guard let slash = text.firstIndex(of: "/") else { return Route(host: text, path: "/") }
                return Route(host: String(text[..<slash]), path: String(text[slash...]))
            }
        return (routes, service.labels["kompose.service.expose.tls-secret"], service.labels["kompose.service.expose.ingress-class-name"])
    }
}
