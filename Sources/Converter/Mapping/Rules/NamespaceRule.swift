/// `--namespace` → a Namespace object first in the output.
struct NamespaceRule: MappingRule {
    static let keys = KeyOwnership()

    func apply(to conversion: Conversion) {
        guard let namespace = conversion.namespace else { return }
        conversion.add(
            NamespaceObject(metadata: ObjectMeta(name: namespace, labels: ["app.kubernetes.io/managed-by": "compose2kube"])).object)
    }
}
