import Testing

@testable import Converter

@Suite struct NamespaceRuleTests {
    @Test func aNamespaceComesFirstAndEveryNamespacedObjectIsInIt() throws {
        var options = ConversionOptions()
        options.namespace = "shop"
        let result = try convert(project([service("api") { $0.ports = [Port(target: 80)] }]), options: options)
        #expect(result.objects.first?.kind == "Namespace" && result.objects.first?.name == "shop")
        #expect(result.objects.dropFirst().allSatisfy { $0.metadata.namespace == "shop" })
        #expect(try convert(project([service("api")])).objects.allSatisfy { $0.kind != "Namespace" && $0.metadata.namespace == nil })
    }
}
