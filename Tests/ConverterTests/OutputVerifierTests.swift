import Testing

@testable import Converter

/// The verification stage, fed objects a cluster would refuse, one fault each.
@Suite struct OutputVerifierTests {
    private let labels = ProjectLabels(project: "demo")

    private func deployment(_ name: String, _ configure: (inout Workload) -> Void = { _ in }) -> KubernetesObject {
        var workload = Workload(
            kind: .deployment, metadata: ObjectMeta(name: name, labels: labels.labels(for: name)), selector: labels.selector(for: name))
        workload.container = Container(name: name, image: "img:1")
        configure(&workload)
        return .workload(workload)
    }

    private func service(_ name: String, component: String? = nil) -> KubernetesObject {
        .service(
            ServiceObject(
                metadata: ObjectMeta(name: name, labels: labels.labels(for: component ?? name)),
                selector: labels.selector(for: component ?? name),
                ports: [ServiceObject.Port(name: "tcp-80", port: 80, targetPort: 80)]))
    }

    private func problems(_ objects: [KubernetesObject], external: Set<String> = []) -> [String] {
        OutputVerifier(objects: objects, external: external).problems()
    }

    @Test func aConsistentProjectPasses() {
        let config = KubernetesObject.data(DataObject(kind: .configMap, metadata: ObjectMeta(name: "conf"), data: ["app.yaml": "x: 1"]))
        let api = deployment("api") {
            $0.pod.volumes = [PodVolume(name: "conf", source: .configMap(name: "conf", items: [], defaultMode: nil))]
            $0.container?.volumeMounts = [VolumeMountSpec(name: "conf", mountPath: "/etc/app.yaml", subPath: "app.yaml")]
        }
        #expect(problems([config, service("api"), api]) == [])
    }

    @Test func anIngressSendsToAServicePortForValidHostsAndPaths() {
        func ingress(_ routes: [IngressObject.Route], service: String = "api", port: Int = 80) -> KubernetesObject {
            IngressObject(metadata: ObjectMeta(name: "api"), routes: routes, service: service, port: port).object
        }
        let objects = [service("api"), deployment("api")]
        #expect(problems(objects + [ingress([.init(host: "*.example.com", path: "/"), .init(host: nil, path: "/api", exact: true)])]) == [])
        #expect(problems(objects + [ingress([.init(host: "a.com", path: "/")], port: 8080)]) == [
            "Ingress/api: sends to port 8080, which Service api does not have"
        ])
        #expect(problems(objects + [ingress([.init(host: "a.com", path: "/")], service: "web")]) == [
            "Ingress/api: sends to Service web, which the output does not have"
        ])
        #expect(problems(objects + [ingress([.init(host: "A_B", path: "x"), .init(host: "a.com", path: "/"), .init(host: "a.com", path: "/")])]) == [
            "Ingress/api: host \"A_B\" is not a DNS subdomain", "Ingress/api: path \"x\" is not absolute", "Ingress/api: routes a.com/ twice",
        ])
        #expect(problems(objects + [ingress([])]) == ["Ingress/api: has no rules"])
    }

    /// One fault a cluster refuses, put into an otherwise valid Deployment `api`.
    enum Fault: CaseIterable, Sendable {
        case duplicateVolume, mountWithoutVolume, missingConfigMap, missingClaim, emptySearchDomain, missingAccount
        case badAnnotationKey, waitOnItself, waitOnMissingPort, waitOnMissingJob, duplicateContainer

        var expected: String {
            switch self {
            case .duplicateVolume: "two volumes are named data"
            case .mountWithoutVolume: "uses volume gone, which the pod lacks"
            case .missingConfigMap: "refers to ConfigMap missing, which does not exist"
            case .missingClaim: "refers to PersistentVolumeClaim data, which does not exist"
            case .emptySearchDomain: "an empty DNS search domain"
            case .missingAccount: "ServiceAccount ghost does not exist"
            case .badAnnotationKey: "annotation key"
            case .waitOnItself: "wait-for-api waits on its own pod"
            case .waitOnMissingPort: "waits on port 81, which Service api lacks"
            case .waitOnMissingJob: "waits for Job migrate-0123456789, which does not exist"
            case .duplicateContainer: "two containers are named api"
            }
        }

        func apply(to workload: inout Workload) {
            func wait(_ name: String, _ script: String) -> Container {
                var container = Container(name: name, image: "curl:1")
                container.command = ["sh", "-c", script]
                return container
            }
            switch self {
            case .duplicateVolume:
                workload.pod.volumes = [
                    PodVolume(name: "data", source: .emptyDir(memory: false, sizeLimit: nil)),
                    PodVolume(name: "data", source: .emptyDir(memory: true, sizeLimit: nil)),
                ]
            case .mountWithoutVolume: workload.container?.volumeMounts = [VolumeMountSpec(name: "gone", mountPath: "/x")]
            case .missingConfigMap:
                workload.pod.volumes = [PodVolume(name: "m", source: .configMap(name: "missing", items: [], defaultMode: nil))]
            case .missingClaim: workload.pod.volumes = [PodVolume(name: "d", source: .persistentVolumeClaim("data"))]
            case .emptySearchDomain: workload.pod.dnsSearches = [""]
            case .missingAccount: workload.pod.serviceAccountName = "ghost"
            case .badAnnotationKey:
                workload.metadata.annotations = ["traefik.http.routers." + String(repeating: "r", count: 60) + ".rule": "x"]
            case .waitOnItself: workload.pod.initContainers = [wait("wait-for-api", WaitScript.tcp(host: "api", port: 80, timeout: 5))]
            case .waitOnMissingPort:
                workload.metadata.labels = ["x": "y"]
                workload.pod.initContainers = [wait("wait-for-api", WaitScript.tcp(host: "api", port: 81, timeout: 5))]
            case .waitOnMissingJob:
                var container = wait("wait-for-migrate", WaitScript.jobComplete(timeout: 5))
                container.env = [EnvVar(name: WaitScript.jobVariable, value: "migrate-0123456789")]
                workload.pod.initContainers = [container]
            case .duplicateContainer: workload.pod.containers.append(Container(name: "api", image: "b:1"))
            }
        }
    }

    @Test(arguments: Fault.allCases)
    func eachFaultIsFound(fault: Fault) {
        let found = problems([service("api"), deployment("api", fault.apply)])
        #expect(found.contains { $0.hasPrefix("Deployment/api: ") && $0.contains(fault.expected) }, "\(found)")
    }

    @Test func externalReferencesAreAcceptedAndDataIsChecked() {
        let api = deployment("api") { $0.pod.volumes = [PodVolume(name: "d", source: .persistentVolumeClaim("shared-data"))] }
        #expect(problems([service("api"), api], external: ["PersistentVolumeClaim/shared-data"]) == [])
        let big = KubernetesObject.data(
            DataObject(kind: .configMap, metadata: ObjectMeta(name: "big"), data: ["bad key": String(repeating: "x", count: 1 << 20)]))
        let found = problems([big])
        #expect(found.contains("ConfigMap/big: key \"bad key\" is not a valid ConfigMap key"))
        #expect(found.contains { $0.hasPrefix("ConfigMap/big: holds") && $0.hasSuffix("over the 1 MiB limit") })
    }

    @Test func aServiceMustSelectAPodAndObjectsAreUnique() {
        let found = problems([service("lonely"), service("api"), service("api"), deployment("api")])
        #expect(found.contains("Service/lonely: selects no pod"))
        #expect(found.contains("Service/api: generated twice"))
    }

    @Test func aPortListedTwiceWithOneProtocolIsFoundAndAnotherProtocolIsNot() {
        guard case .service(var api) = service("api") else { return }
        api.ports = [
            ServiceObject.Port(name: "tcp-80", port: 80, targetPort: 80),
            ServiceObject.Port(name: "udp-80", port: 80, targetPort: 80, proto: .udp),
            ServiceObject.Port(name: "tcp-80-again", port: 80, targetPort: 8080),
        ]
        let found = problems([.service(api), deployment("api")])
        #expect(found == ["Service/api: port 80/tcp is listed twice"])
    }

    @Test func theConversionFailsWithTheWarningsAndAnInternalErrorPerProblem() throws {
        let warning = Diagnostic.warning("earlier", at: nil, path: "services.api")
        let error = try #require(throws: DiagnosticError.self) {
            try Verification.verify([service("lonely")], external: [], warnings: [warning])
        }
        #expect(error.diagnostics.first == warning)
        #expect(
            error.diagnostics.last?.message.contains(
                "internal error, nothing was written: a cluster would refuse Service/lonely: selects no pod") == true)
        #expect(throws: Never.self) {
            try Verification.verify([self.service("api"), self.deployment("api")], external: [], warnings: [])
        }
    }

    @Test func environmentNamesKubernetesRefusesAreLeftOutWithAWarning() throws {
        var project = ComposeProject(name: "demo", workingDirectory: "/p")
        var api = Converter.Service(name: "api")
        api.image = "img"
        api.environment = ["BAD KEY": "1", "GOOD": "2"]
        project.services = [api]
        let result = try ComposeConverter(options: ConversionOptions(), files: InMemoryFileSource([:])).convert(project)
        #expect(result.diagnostics.contains { $0.path == "services.api.environment.BAD KEY" && $0.message.contains("is left out") })
        guard case .data(let env)? = result.objects.first(where: { $0.kind == "ConfigMap" }) else { return #expect(Bool(false)) }
        #expect(env.data == ["GOOD": "2"])
    }
}

/// The API server's name rules, read byte by byte.
@Suite struct NameSyntaxTests {
    @Test(arguments: [
        ("a", true), ("web", true), ("db-0.db.svc", true), ("x1.y2", true), (String(repeating: "a", count: 63), true),
        ("", false), (".", false), ("a.", false), (".a", false), ("a..b", false), ("-a", false), ("a-", false), ("a.-b", false),
        ("a-.b", false), ("Web", false), ("a_b", false), (String(repeating: "a", count: 64), false),
        (String(repeating: "a", count: 63) + "." + String(repeating: "b", count: 63), true),
        (Array(repeating: String(repeating: "a", count: 63), count: 4).joined(separator: "."), false),
    ])
    func subdomains(name: String, valid: Bool) {
        #expect(NameSyntax.isSubdomain(name) == valid)
    }

    @Test func qualifiedNamesTakeASubdomainPrefix() {
        #expect(NameSyntax.isQualifiedName("app.kubernetes.io/name"))
        #expect(NameSyntax.isQualifiedName("checksum/config"))
        #expect(!NameSyntax.isQualifiedName("app..io/name"))
        #expect(!NameSyntax.isQualifiedName("/name"))
        #expect(!NameSyntax.isQualifiedName("a.io/"))
    }

    @Test func expandedNamesSkipEscapedDollarsAndNonNames() {
        #expect(PodVerifier.expandedNames("sleep 2; waited=$$((waited + 2)); echo $(A_1) $(b.c) $( x ) $(") == ["A_1", "b.c"])
        #expect(PodVerifier.expandedNames("héllo $(NAME) wörld $$$(Y)") == ["NAME", "Y"])
        #expect(PodVerifier.expandedNames("$") == [])
    }
}
