import Converter

/// The compose project's variables as chart values: `variables.<NAME>`, one value per variable,
/// and the sites that follow it (environment ConfigMap values, images, the first published port
/// in NOTES.txt), each rendered from a
/// template expression that applies Compose's operators (`:-`, `-`, `:?`, `?`, `:+`, `+`).
/// Every other site keeps the converted value: `frozen` says which, for the chart's README.
struct HelmVariables {
    /// A scalar of the chart that follows the variables.
    struct Site {
        var template: Template
        var path: String
    }

    /// Each variable a followed site names → its default (absent: unset, as under Compose).
    private(set) var defaults: [String: String] = [:]
    /// Every variable a followed site names, in name order.
    private(set) var names: [String] = []
    /// Service → environment key → the value as written.
    private(set) var environment: [String: [String: Site]] = [:]
    /// Service → its image as written.
    private(set) var images: [String: Site] = [:]
    /// Service → the host port of its first published port, as written (NOTES.txt's port-forward).
    private(set) var publishedPorts: [String: Site] = [:]
    /// Route → host as converted → how a variable writes it (a value the chart's route follows).
    private(set) var routeHosts: [String: [String: Site]] = [:]
    /// Variable → the key paths that keep the value conversion gave them.
    private(set) var frozen: [String: [String]] = [:]

    /// - Parameters:
    ///   - services: each compose service with a workload of its own.
    ///   - environmentOf: a service's plain environment (its ConfigMap's data).
    /// A route's name, its hosts' templates and the key path they were written at.
    typealias RouteHosts = (name: String, templates: [String: Template], path: String?)

    init(
        facts: ProjectFacts, services: [(name: String, workload: Workload)], projectSecret: DataObject?, routes: [RouteHosts] = [],
        environmentOf: (String) -> [String: String]
    ) {
        // Every site that follows or freezes a variable was written with one: with nothing
        // interpolated, there is nothing to look through.
        guard !facts.templates.isEmpty else { return }
        let secretKeys = Set(projectSecret?.data.keys.map { $0 } ?? [])
        let isFollowable = { (template: Template, resolved: String) -> Bool in
            !template.isLiteral && template.variables.allSatisfy { !secretKeys.contains($0) }
                && (try? template.evaluate({ facts.variables[$0] })) == resolved
        }
        var followed = Set<String>()
        var plainEnvironment = Set<String>()
        for (name, workload) in services {
            let path = "services.\(name)"
            if let container = workload.container, let template = container.imageTemplate, isFollowable(template, container.image) {
                images[name] = Site(template: template, path: "\(path).image")
                followed.insert("\(path).image")
            }
            let portPath = "\(path).ports[0].published"
            if let published = facts.services[name]?.publishedPorts.first, let template = published.hostPortTemplate,
                let port = published.hostPort, facts.templates[portPath] != nil, isFollowable(template, String(port))
            {
                publishedPorts[name] = Site(template: template, path: portPath)
                followed.insert(portPath)
            }
            for (key, value) in environmentOf(name) {
                let site = "\(path).environment.\(key)"
                plainEnvironment.insert(site)
                guard let template = facts.templates[site], isFollowable(template, value) else { continue }
                environment[name, default: [:]][key] = Site(template: template, path: site)
                followed.insert(site)
            }
        }
        for route in routes {
            guard let path = route.path else { continue }
            for (host, template) in route.templates where isFollowable(template, host) {
                routeHosts[route.name, default: [:]][host] = Site(template: template, path: path)
                followed.insert(path)
            }
        }
        let sites: [Template] =
            images.values.map(\.template) + publishedPorts.values.map(\.template) + environment.values.flatMap { $0.values.map(\.template) }
            + routeHosts.values.flatMap { $0.values.map(\.template) }
        names = Set(sites.flatMap(\.variables)).sorted()
        for name in names {
            if let value = facts.variables[name] {
                defaults[name] = value
            } else if let shared = Self.sharedDefault(of: name, in: sites) {
                defaults[name] = shared
            }
        }
        // An environment value not in a ConfigMap is in the project Secret: it follows `secrets.<KEY>`.
        let isSecretValue = { (path: String) in
            path.hasPrefix("services.") && path.contains(".environment.") && !plainEnvironment.contains(path)
        }
        for (path, template) in facts.templates where !followed.contains(path) && !isSecretValue(path) {
            for name in template.variables { frozen[name, default: []].append(path) }
        }
        frozen = frozen.mapValues { $0.sorted() }
    }

    /// A Go template `dict` of a route's hosts (as converted) → the expression that writes each from
    /// the variables: the chart renders the expression while the host value is the converted one.
    func followedHosts(of route: String, chart: String) -> String {
        let hosts = (routeHosts[route] ?? [:]).sorted { $0.key < $1.key }
        guard !hosts.isEmpty else { return "dict" }
        return "(dict " + hosts.map { "\(Self.goString($0.key)) \(Self.expression($0.value.template, chart: chart))" }.joined(separator: " ") + ")"
    }

    /// Each variable → the key paths of the sites that follow it, in order.
    var sitesByVariable: [String: [String]] {
        var sites: [String: [String]] = [:]
        let all = Array(images.values) + Array(publishedPorts.values) + environment.values.flatMap(\.values) + routeHosts.values.flatMap(\.values)
        for site in all { site.template.variables.forEach { sites[$0, default: []].append(site.path) } }
        return sites.mapValues { Array(Set($0)).sorted() }
    }

    /// The inline default every use of an unset variable gives it, when they all give the same
    /// literal one (`${TAG:-1.4}` everywhere); otherwise the variable stays unset.
    private static func sharedDefault(of name: String, in templates: [Template]) -> String? {
        var found: Set<String> = []
        var unguarded = false
        func walk(_ template: Template) {
            for case .variable(let variable, let operation) in template.parts {
                if let operation { walk(operation.argument) }
                guard variable == name else { continue }
                guard let operation, [.defaultIfEmpty, .defaultIfUnset].contains(operation.op), operation.argument.isLiteral else {
                    unguarded = true
                    continue
                }
                found.insert(operation.argument.text)
            }
        }
        templates.forEach(walk)
        return !unguarded && found.count == 1 ? found.first : nil
    }

    /// The Go template expression that gives `template`'s value from the chart's variables.
    static func expression(_ template: Template, chart: String) -> String {
        let parts = template.parts.map { part -> String in
            switch part {
            case .literal(let text):
                return goString(text)
            case .variable(let name, let operation):
                var arguments = "$ \(goString(name))"
                if let operation {
                    arguments += " \(goString(operation.op.rawValue)) \(expression(operation.argument, chart: chart))"
                }
                return "(include \"\(chart).variable\" (list \(arguments)))"
            }
        }
        switch parts.count {
        case 0: return "\"\""
        case 1: return parts[0]
        default: return "(print " + parts.joined(separator: " ") + ")"
        }
    }

    /// `text` as a Go string literal (JSON's quoting is a subset of Go's).
    static func goString(_ text: String) -> String {
        var output = ""
        JSONWriter.appendQuoted(text, to: &output)
        return output
    }
}
