/// Adds the project's Secret once every service and scheduled job has put its sensitive values in.
struct ProjectSecretRule: MappingRule {
    /// The Secret holds what `EnvironmentRule` and `OfeliaRule` put in it.
    static let readsOutputOf: [any ConversionRule.Type] = [EnvironmentRule.self, OfeliaRule.self]

    static let keys = KeyOwnership()

    func apply(to conversion: Conversion) {
        let secret = conversion.projectSecret
        guard !secret.data.isEmpty else { return }
        let name = conversion.projectSecretName
        var data = DataObject(kind: .secret, metadata: conversion.metadata(name, component: name), data: secret.data)
        data.shellKeys = secret.shellKeys
        conversion.add(.data(data))
    }
}
