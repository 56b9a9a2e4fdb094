import Foundation

/// `environment` (with `env_file` already folded in) → a ConfigMap `<service>-env` for plain
/// values and a Secret `<service>-env` for sensitive ones, both through `envFrom`: never a
/// password in a ConfigMap.
struct EnvironmentRule: ServiceRule {
    static let sensitiveWords = [
        "PASSWORD", "PASSWD", "PASS", "SECRET", "TOKEN", "API_KEY", "APIKEY", "PRIVATE_KEY",
        "CREDENTIAL", "DSN", "ACCESS_KEY", "AUTH_KEY", "SALT", "NONCE",
    ]

    func apply(to service: Service, workload: inout Workload, in conversion: Conversion) {
        conversion.consume(service.path("environment"))
        conversion.consume(service.path("env_file"))
        guard !service.environment.isEmpty else { return }
        var plain: [String: String] = [:]
        var secret: [String: String] = [:]
        for (key, value) in service.environment.sorted(by: { $0.key < $1.key }) {
            guard let value else {
                conversion.warn(
                    "\(key) takes its value from the host's environment, which pods do not have: set it in the generated ConfigMap or Secret",
                    path: service.path("environment.\(key)"))
                continue
            }
            if Self.isSensitive(key: key, value: value, extraPattern: conversion.options.secretKeyPattern) {
                secret[key] = value
            } else {
                plain[key] = value
            }
        }
        let name = "\(service.kubernetesName)-env"
        if !plain.isEmpty {
            conversion.add(
                .data(DataObject(kind: .configMap, metadata: conversion.metadata(name, component: service.kubernetesName), data: plain)),
                for: service.name)
            workload.container?.envFrom.append(EnvFromSource(kind: .configMap, name: name))
        }
        if !secret.isEmpty {
            conversion.add(
                .data(DataObject(kind: .secret, metadata: conversion.metadata(name, component: service.kubernetesName), data: secret)),
                for: service.name)
            workload.container?.envFrom.append(EnvFromSource(kind: .secret, name: name))
        }
    }

    /// A key naming a secret (`DB_PASSWORD`, `API_TOKEN`, …; not `…_FILE`, which holds a path), or
    /// a URL value with a password in it (`postgres://user:pass@db`).
    static func isSensitive(key: String, value: String, extraPattern: String? = nil) -> Bool {
        let upper = key.uppercased()
        if let extraPattern, upper.range(of: extraPattern, options: [.regularExpression, .caseInsensitive]) != nil { return true }
        if upper.hasSuffix("_FILE") { return false }
        let words = upper.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        let joined = words.joined(separator: "_")
        if sensitiveWords.contains(where: { word in words.contains(word) || joined.contains(word) && word.contains("_") }) { return true }
        if words.contains(where: { $0.hasSuffix("PASSWORD") || $0.hasSuffix("SECRET") || $0.hasSuffix("TOKEN") }) { return true }
        return hasPasswordInURL(value)
    }

    /// `scheme://user:password@host…` (checked by hand: this runs for every variable).
    static func hasPasswordInURL(_ value: String) -> Bool {
        guard let schemeEnd = value.range(of: "://"), let first = value.first, first.isLetter,
            value[..<schemeEnd.lowerBound].allSatisfy({ $0.isLetter || $0.isNumber || "+.-".contains($0) })
        else { return false }
        let rest = value[schemeEnd.upperBound...]
        guard let at = rest.firstIndex(of: "@") else { return false }
        let userInfo = rest[..<at]
        guard let colon = userInfo.firstIndex(of: ":"), colon != userInfo.startIndex, userInfo.index(after: colon) != userInfo.endIndex
        else { return false }
        return !userInfo.contains { $0 == "/" || $0.isWhitespace }
    }
}
