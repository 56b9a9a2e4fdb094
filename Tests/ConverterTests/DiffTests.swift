import Testing

@testable import Converter

@Suite struct DiffTests {
    let normalizer = DiffNormalizer()

    func object(_ fields: [String: JSONValue]) -> JSONValue {
        .object(
            ["apiVersion": .string("apps/v1"), "kind": .string("Deployment"), "metadata": .object(["name": .string("api")])].merging(fields)
            { $1 })
    }

    @Test(arguments: [
        ("500m", 0.5), ("0.5", 0.5), ("1Gi", 1_073_741_824), ("1024Mi", 1_073_741_824), ("2", 2), ("1k", 1000), ("1e3", 1000),
    ])
    func quantitiesParse(text: String, value: Double) {
        #expect(DiffNormalizer.parseQuantity(text) == value)
    }

    @Test func listItemsMatchByKeyNotPosition() {
        let old: JSONValue = .array([
            .object(["name": .string("a"), "image": .string("x:1")]), .object(["name": .string("b"), "image": .string("y:1")]),
        ])
        let new: JSONValue = .array([
            .object(["name": .string("b"), "image": .string("y:2")]), .object(["name": .string("a"), "image": .string("x:1")]),
        ])
        #expect(
            ObjectDiff.differences(old: old, new: new, path: "containers") == [
                FieldDifference(path: "containers[name=b].image", change: .changed, old: .string("y:1"), new: .string("y:2"))
            ])
    }

    @Test func serverFieldsQuantitiesAndPortsAreNormalized() {
        let existing = object([
            "status": .object(["replicas": .int(1)]),
            "metadata": .object([
                "name": .string("api"), "uid": .string("123"),
                "annotations": .object(["kubectl.kubernetes.io/last-applied-configuration": .string("{}")]),
            ]),
            "spec": .object(["limits": .object(["cpu": .string("500m")]), "port": .string("8080")]),
        ])
        let converted = object(["spec": .object(["limits": .object(["cpu": .double(0.5)]), "port": .int(8080)])])
        #expect(ObjectDiff.differences(old: normalizer.normalize(existing), new: normalizer.normalize(converted)).isEmpty)
    }

    @Test func defaultsAreIgnoredOnlyWhenAsked() {
        let existing = object([
            "spec": .object([
                "replicas": .int(1), "strategy": KubernetesDefaults.defaultStrategy,
                "template": .object([
                    "spec": .object([
                        "containers": .array([
                            .object([
                                "name": .string("api"), "image": .string("api:2"), "imagePullPolicy": .string("IfNotPresent"),
                                "ports": .array([.object(["containerPort": .int(80), "protocol": .string("TCP")])]),
                            ])
                        ])
                    ])
                ]),
            ])
        ])
        let converted = object([
            "spec": .object([
                "template": .object([
                    "spec": .object([
                        "containers": .array([
                            .object([
                                "name": .string("api"), "image": .string("api:2"), "ports": .array([.object(["containerPort": .int(80)])]),
                            ])
                        ])
                    ])
                ])
            ])
        ])
        #expect(ObjectDiff.differences(old: normalizer.normalize(existing), new: normalizer.normalize(converted)).count == 4)
        let lenient = DiffNormalizer(ignoreDefaults: true)
        #expect(ObjectDiff.differences(old: lenient.normalize(existing), new: lenient.normalize(converted)).isEmpty)
    }

    @Test func routesPairByTheRequestsTheyAnswerNotByName() {
        func ingress(_ name: String, host: String, path: String) -> JSONValue {
            let rule: JSONValue = .object(["host": .string(host), "http": .object(["paths": .array([.object(["path": .string(path)])])])])
            return .object([
                "apiVersion": .string("networking.k8s.io/v1"), "kind": .string("Ingress"), "metadata": .object(["name": .string(name)]),
                "spec": .object(["rules": .array([rule])]),
            ])
        }
        let diff = ManifestDiff.compare(
            conversion: [ingress("api", host: "shop.example.com", path: "/api"), ingress("docs", host: "docs.example.com", path: "/")],
            folder: [
                .init(value: ingress("shop-api", host: "shop.example.com", path: "/api"), file: "a.yaml"),
                .init(value: ingress("other", host: "other.example.com", path: "/"), file: "b.yaml"),
            ], normalizer: normalizer)
        #expect(diff.changed.map(\.identity.name) == ["api"])
        #expect(diff.changed.first?.differences.map(\.path) == ["metadata.name"])
        #expect(diff.onlyInConversion.map(\.name) == ["docs"])
        #expect(diff.onlyInFolder.map(\.identity.name) == ["other"])
    }

    @Test func changesALiveObjectCannotTakeSayWhatToDoWithoutDeletingData() {
        #expect(ImmutableFields.notes(kind: "Service", name: "db", paths: ["spec.clusterIP"]).first?.contains("kubectl delete service db") == true)
        #expect(ImmutableFields.notes(kind: "Service", name: "db", paths: ["spec.ports[port=80].name"]).isEmpty)
        #expect(ImmutableFields.notes(kind: "Deployment", name: "api", paths: ["spec.selector.matchLabels.app"]).count == 1)
        #expect(ImmutableFields.notes(kind: "StatefulSet", name: "db", paths: ["spec.replicas", "spec.template.spec.containers[name=db].image"]).isEmpty)
        #expect(ImmutableFields.notes(kind: "StatefulSet", name: "db", paths: ["spec.serviceName"]).first?.contains("--cascade=orphan") == true)
        #expect(ImmutableFields.notes(kind: "Job", name: "migrate", paths: ["spec.template.spec.containers[name=m].image"]).count == 1)
        #expect(ImmutableFields.notes(kind: "Job", name: "migrate-3f0c9a12be", paths: ["spec.template.spec.containers[name=m].image"]).isEmpty)
        let claim = ImmutableFields.notes(kind: "PersistentVolumeClaim", name: "data", paths: ["spec.accessModes"])
        #expect(claim.count == 1 && !claim[0].contains("kubectl delete"), "no printed command deletes data")
        #expect(ImmutableFields.notes(kind: "PersistentVolumeClaim", name: "data", paths: ["spec.resources.requests.storage"]).isEmpty)
    }

    @Test func identityDefaultsTheNamespace() {
        let mine = ObjectIdentity(object([:]))
        let theirs = ObjectIdentity(object(["metadata": .object(["name": .string("api"), "namespace": .string("default")])]))
        #expect(mine == theirs && mine?.group == "apps")
    }

    @Test func aStreamsDocumentsKeepTheirLinesAndEmptyOnesAreLeftOut() throws {
        let documents = try YAMLDocumentLoader.loadAll("a: 1\n---\nb: 2\n--- \n\n---\nc: 3\n", file: "s.yaml")
        #expect(documents.map { $0.entries?.first?.key } == ["a", "b", "c"])
        #expect(documents.map { $0.entries?.first?.keyLocation.line } == [1, 3, 7])
    }
}
