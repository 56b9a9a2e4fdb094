/// `--namespace` → a Namespace object first in the output.
struct NamespaceRule: MappingRule {
    func apply(to conversion: Conversion) {
        guard let namespace = conversion.namespace else { return }
        conversion.add(
            .generic(
                GenericObject(
                    apiVersion: "v1", kind: "Namespace",
                    metadata: ObjectMeta(name: namespace, labels: ["app.kubernetes.io/managed-by": "compose2kube"]), body: [])))
    }
}
