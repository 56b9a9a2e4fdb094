/// A Gateway API `gateway.networking.k8s.io/v1` HTTPRoute, attached to a listener of a Gateway
/// the user owns (kubernetes-sigs/gateway-api, apis/v1/httproute_types.go): its hostnames, and
/// rules that either forward to a Service port (rewriting a matched prefix on the way) or
/// redirect to HTTPS. A redirect rule has no backend, and a rewritten prefix is the rule's one
/// PathPrefix match, as the API's validation rules require.
package struct HTTPRouteObject: Equatable, Sendable {
    package struct Parent: Equatable, Sendable {
        package var gateway: String
        package var namespace: String?
        /// The Gateway listener: `http` or `https`.
        package var sectionName: String
    }

    package struct Match: Equatable, Sendable {
        package var path: String
        /// `Exact` rather than `PathPrefix`.
        package var exact = false
    }

    package enum Action: Equatable, Sendable {
        /// To the Service's port, with the matched prefix replaced when `replacePrefix` is set.
        case forward(service: String, port: Int, replacePrefix: String?)
        /// A 301 to the same URL over HTTPS.
        case redirectToHTTPS
    }

    package struct Rule: Equatable, Sendable {
        package var matches: [Match]
        package var action: Action
    }

    package var metadata: ObjectMeta
    package var parent: Parent
    /// Every host when empty.
    package var hostnames: [String]
    package var rules: [Rule]
    /// Hostname → how it was written with variables, and where (as `IngressObject`'s).
    package var hostTemplates: [String: Template] = [:]
    package var hostsWrittenAt: String?

    package var object: KubernetesObject { .httpRoute(self) }

    package var manifest: Manifest {
        let parentRef: Manifest = .object([
            ("name", .string(parent.gateway)), ("namespace", parent.namespace.map(Manifest.string)), ("sectionName", .string(parent.sectionName)),
        ])
        return GenericObject(
            apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", metadata: metadata,
            body: [
                (
                    "spec",
                    .object([
                        ("parentRefs", .list([parentRef])), ("hostnames", hostnames.isEmpty ? nil : .strings(hostnames)),
                        ("rules", .list(rules.map(Self.manifest))),
                    ])
                )
            ]
        ).manifest
    }

    private static func manifest(_ rule: Rule) -> Manifest {
        let matches: [Manifest] = rule.matches.map {
            .object([("path", .object([("type", .string($0.exact ? "Exact" : "PathPrefix")), ("value", .string($0.path))]))])
        }
        switch rule.action {
        case .forward(let service, let port, let replacePrefix):
            let rewrite: Manifest? = replacePrefix.map {
                .list([
                    .object([
                        ("type", .string("URLRewrite")),
                        ("urlRewrite", .object([("path", .object([("type", .string("ReplacePrefixMatch")), ("replacePrefixMatch", .string($0))]))])),
                    ])
                ])
            }
            return .object([
                ("matches", .list(matches)), ("filters", rewrite),
                ("backendRefs", .list([.object([("name", .string(service)), ("port", .int(port))])])),
            ])
        case .redirectToHTTPS:
            let redirect: Manifest = .object([
                ("type", .string("RequestRedirect")), ("requestRedirect", .object([("scheme", .string("https")), ("statusCode", .int(301))])),
            ])
            return .object([("matches", .list(matches)), ("filters", .list([redirect]))])
        }
    }
}
