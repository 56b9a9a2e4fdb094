import Converter

/// The guide's "Reaching the routes": how to get something that serves the project's Ingress
/// objects or HTTPRoutes on each local cluster, and a request for each route. ingress-nginx
/// is retired (no fixes since March 2026), so neither it nor minikube's `ingress` addon (which
/// installs it) is suggested:
/// - kind: cloud-provider-kind v0.9.0+ serves Ingress and Gateway API itself (kind's docs,
///   "Ingress"; its GatewayClass is `cloud-provider-kind`, Kubernetes blog, 2026-01-28,
///   "Experimenting with Gateway API using kind");
/// - minikube, Docker Desktop: Traefik's chart (traefik/traefik-helm-chart: a default
///   IngressClass, a LoadBalancer Service; `providers.kubernetesGateway.enabled` for Gateway API).
struct TutorialRoutes {
    let result: ConversionResult
    let options: TutorialOptions
    let namespaceFlag: String

    /// The pinned cloud-provider-kind image (releases on registry.k8s.io).
    static let cloudProviderKind = "registry.k8s.io/cloud-provider-kind/cloud-controller-manager:v0.10.0"

    private var ingresses: [IngressObject] {
        result.objects.compactMap { if case .ingress(let ingress) = $0 { ingress } else { nil } }
    }

    private var httpRoutes: [HTTPRouteObject] {
        result.objects.compactMap { if case .httpRoute(let route) = $0 { route } else { nil } }
    }

    /// The section's placeholders, or nil when the conversion has no routes.
    var values: [String: String]? {
        guard !ingresses.isEmpty || !httpRoutes.isEmpty else { return nil }
        let gateway = !httpRoutes.isEmpty
        return [
            "routeKind": gateway ? "Gateway API HTTPRoutes attached to your Gateway" : "Ingress objects",
            "implementation": gateway ? "Gateway implementation" : "ingress controller",
            "controller": gateway ? gatewaySteps : ingressSteps, "requests": requests, "tls": tlsNote, "localHosts": localHostsNote,
        ]
    }

    private var ingressSteps: String {
        switch options.cluster {
        case .kind:
            return """
                cloud-provider-kind (v0.9.0 and later) serves Ingress objects itself, no controller to install \
                (kind's documentation, "Ingress"). Run it beside the cluster and read the address it gives:

                ```sh
                docker run -d --name cloud-provider-kind --rm --network host -v /var/run/docker.sock:/var/run/docker.sock \\
                  \(Self.cloudProviderKind)
                ADDRESS=$(kubectl get ingress\(namespaceFlag) \(ingresses[0].metadata.name) -o jsonpath='{.status.loadBalancer.ingress[0].ip}')
                ```
                """
        case .minikube, .dockerDesktop:
            let tunnel =
                options.cluster == .minikube
                ? "Run `minikube tunnel` in another terminal: it gives LoadBalancer Services an address.\n\n" : ""
            let address =
                options.cluster == .minikube
                ? "ADDRESS=$(kubectl get service -n traefik traefik -o jsonpath='{.status.loadBalancer.ingress[0].ip}')"
                : "ADDRESS=127.0.0.1   # Docker Desktop puts LoadBalancer Services on localhost"
            return """
                \(options.cluster == .minikube ? "minikube's `ingress` addon installs ingress-nginx, which is retired (no fixes since March 2026); " : "")\
                Install Traefik's chart: it makes the cluster's default IngressClass and a LoadBalancer Service.

                ```sh
                helm repo add traefik https://traefik.github.io/charts
                helm install traefik traefik/traefik --namespace traefik --create-namespace
                ```

                \(tunnel)```sh
                \(address)
                ```
                """
        case .generic:
            return """
                `kubectl get ingressclass` lists the controllers your cluster has; the routes use its default class\
                \(ingresses.contains { $0.className != nil } ? " unless `--ingress-class` named one" : ""). Read its address:

                ```sh
                ADDRESS=$(kubectl get ingress\(namespaceFlag) \(ingresses[0].metadata.name) -o jsonpath='{.status.loadBalancer.ingress[0].ip}')
                ```
                """
        }
    }

    private var gatewaySteps: String {
        let parent = httpRoutes[0].parent
        let namespace = parent.namespace ?? options.namespace ?? "default"
        let gatewayClass: String
        let install: String
        // Traefik's listeners name its entry points' container ports (the chart's ports.web.port 8000,
        // ports.websecure.port 8443; its Service publishes them as 80 and 443).
        var ports = (http: 8000, https: 8443)
        switch options.cluster {
        case .kind:
            gatewayClass = "cloud-provider-kind"
            ports = (80, 443)
            install = """
                cloud-provider-kind installs the Gateway API CRDs and serves the GatewayClass `cloud-provider-kind` \
                (Kubernetes blog, 2026-01-28, "Experimenting with Gateway API using kind"):

                ```sh
                docker run -d --name cloud-provider-kind --rm --network host -v /var/run/docker.sock:/var/run/docker.sock \\
                  \(Self.cloudProviderKind)
                ```
                """
        case .minikube, .dockerDesktop, .generic:
            gatewayClass = "traefik"
            install = """
                Install a Gateway API implementation, for instance Traefik's chart with its Gateway provider \
                (it brings the GatewayClass `traefik`; other implementations work the same way):

                ```sh
                helm repo add traefik https://traefik.github.io/charts
                helm install traefik traefik/traefik --namespace traefik --create-namespace \\
                  --set providers.kubernetesGateway.enabled=true --set gateway.enabled=false
                ```
                """
        }
        return install + """


            The routes attach to Gateway `\(parent.gateway)` in namespace `\(namespace)`, to its listeners named `http` and \
            `https`. Save this as `gateway.yaml` (the `https` listener needs the Secret of a certificate for the routes' hosts), \
            and apply it:

            ```yaml
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata:
              name: \(parent.gateway)
              namespace: \(namespace)
            spec:
              gatewayClassName: \(gatewayClass)
              listeners:
              - name: http
                protocol: HTTP
                port: \(ports.http)
                allowedRoutes:
                  namespaces:
                    from: All
              - name: https
                protocol: HTTPS
                port: \(ports.https)
                tls:
                  certificateRefs:
                  - name: \(parent.gateway)-tls
                allowedRoutes:
                  namespaces:
                    from: All
            ```

            \(options.cluster == .minikube ? "Run `minikube tunnel` in another terminal: it gives the Gateway's LoadBalancer Service an address.\n\n" : "")```sh
            kubectl apply -f gateway.yaml
            \(options.cluster == .dockerDesktop ? "ADDRESS=127.0.0.1   # Docker Desktop puts LoadBalancer Services on localhost" : "ADDRESS=$(kubectl get gateway -n \(namespace) \(parent.gateway) -o jsonpath='{.status.addresses[0].value}')")
            ```
            """
    }

    /// One request per host and path of every route, plain HTTP (a TLS route is answered on
    /// HTTP too, or redirected there: `-L` follows).
    private var requests: String {
        let local = options.format == .kustomize && options.cluster != .generic
        let host = { (name: String) in local ? KustomizeEmitter.localHost(name) : name }
        var lines: [String] = []
        for ingress in ingresses {
            for route in ingress.routes {
                lines.append(
                    Self.request(host: route.host.map(host), path: route.path, route: ingress.metadata.name, tls: ingress.tlsSecret != nil))
            }
        }
        for route in httpRoutes {
            let paths = route.rules.flatMap { rule -> [String] in
                if case .redirectToHTTPS = rule.action { return [] }
                return rule.matches.map(\.path)
            }
            for name in route.hostnames.isEmpty ? [nil] : route.hostnames.map(Optional.some) {
                for path in paths {
                    lines.append(
                        Self.request(host: name.map(host), path: path, route: route.metadata.name, tls: route.parent.sectionName == "https"))
                }
            }
        }
        return lines.joined(separator: "\n")
    }

    /// A request for one host (a wildcard's `www.` instance) and path: over HTTP with the Host
    /// header, or for a TLS route over HTTPS with `--resolve` sending the host's name to the
    /// address (and `-k`: the certificate may not be issued yet).
    static func request(host: String?, path: String, route: String, tls: Bool) -> String {
        let concrete = host.map { $0.hasPrefix("*.") ? "www." + $0.dropFirst(2) : $0 }
        guard tls else {
            return "curl -sS\(concrete.map { " -H 'Host: \($0)'" } ?? "") \"http://$ADDRESS\(path)\"   # \(route)"
        }
        guard let concrete else { return "curl -sSk \"https://$ADDRESS\(path)\"   # \(route)" }
        return "curl -sSk --resolve \(concrete):443:$ADDRESS \"https://\(concrete)\(path)\"   # \(route)"
    }

    /// The local overlay's hosts end in `.localhost`, which resolves to the machine itself (RFC 6761).
    private var localHostsNote: String {
        guard options.format == .kustomize, options.cluster != .generic else { return "" }
        let browser = options.cluster == .dockerDesktop ? " On Docker Desktop a browser opens them directly (`http://<host>.localhost/`)." : ""
        return "`overlays/local` serves every route's hosts under `.localhost` (`shop.example.com.localhost`), a name that "
            + "always means this machine.\(browser)"
    }

    private var tlsNote: String {
        let secrets = ingresses.compactMap(\.tlsSecret)
        guard !secrets.isEmpty else { return "" }
        let issued = ingresses.contains { $0.metadata.annotations.keys.contains { $0.hasPrefix("cert-manager.io/") } }
        return issued
            ? "cert-manager fills the TLS Secrets (\(secrets.joined(separator: ", "))) once its issuer can reach Let's Encrypt or your CA; "
                + "until then the controller answers HTTPS with its own certificate (`curl -k`)."
            : "The routes served over TLS name Secrets (\(secrets.joined(separator: ", "))) that nobody fills yet: create them with "
                + "`kubectl create secret tls <name> --cert=… --key=…`, or convert with `--cert-issuer`; until then the controller answers "
                + "HTTPS with its own certificate (`curl -k`)."
    }
}
