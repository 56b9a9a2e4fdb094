import Foundation

/// `environment` (with `env_file` already folded in) → a ConfigMap `<service>-env` for plain
/// values (through `envFrom`) and, for sensitive ones, `secretKeyRef` variables reading the
/// project's one Secret (`ProjectSecret`): never a password in a ConfigMap, each container only
/// its own keys, a variable shared by services stored once.
struct EnvironmentRule: ServiceRule {
    static let keys = KeyOwnership(owns: ["services.*.environment.*", "services.*.env_file"])

    static let sensitiveWords = [
        "PASSWORD", "PASSWD", "PASS", "SECRET", "TOKEN", "API_KEY", "APIKEY", "PRIVATE_KEY",
        "CREDENTIAL", "CREDENTIALS", "PASSPHRASE", "DSN", "ACCESS_KEY", "AUTH_KEY", "SALT", "NONCE",
    ]
    /// Last words that make a key secret (`ENCRYPTION_KEY`, `APP_KEY`, `SERVICE_ROLE_KEY`, `BASIC_AUTH`).
    static let sensitiveLastWords: Set<String> = ["KEY", "AUTH"]
    /// The words of several parts, found across the key's parts too (`MY_API_KEY_ID`).
    static let sensitivePhrases = sensitiveWords.filter { $0.contains("_") }

    /// The longest `KEY=value` string Linux passes to a program (MAX_ARG_STRLEN).
    static let maximumStringBytes = 131_072
    /// The most a ConfigMap or Secret holds (the API server's 1 MiB object limit).
    static let maximumObjectBytes = 1 << 20

    func apply(to service: Service, workload: inout Workload, in conversion: Conversion) {
        conversion.consume("environment", of: service)
        conversion.consume("env_file", of: service)
        guard !service.environment.isEmpty else { return }
        var plain: [String: String] = [:]
        var secret: [(key: String, value: String)] = []
        var templates: [String: Template] = [:]
        for (key, value) in service.environment.sorted(by: { $0.key < $1.key }) {
            guard NameSyntax.isEnvName(key) else {
                conversion.warn(
                    "\(key) is not a name Kubernetes accepts for an environment variable ([-._a-zA-Z][-._a-zA-Z0-9]*): it is left out",
                    path: service.path("environment.\(key)"))
                continue
            }
            guard let value else {
                conversion.warn(
                    "\(key) takes its value from the host's environment, which pods do not have: set it in the generated ConfigMap or Secret",
                    path: service.path("environment.\(key)"), subject: key)
                continue
            }
            // Linux refuses to exec with one environment string over MAX_ARG_STRLEN (32 pages,
            // 131,072 bytes: execve(2), E2BIG), so the container would not start under Compose either.
            guard key.utf8.count + value.utf8.count + 2 <= Self.maximumStringBytes else {
                conversion.fail(
                    "\(key) is \(value.utf8.count) bytes: Linux starts no program with an environment string over 128 KiB; "
                        + "mount a file this large instead (a bind-mounted file, or a config)",
                    path: service.path("environment.\(key)"))
                continue
            }
            templates[key] = conversion.project.template(at: service.path("environment.\(key)"))
            if Self.isSensitive(key: key, value: value, extraPattern: conversion.options.secretKeyPattern) {
                secret.append((key, value))
            } else {
                plain[key] = value
            }
        }
        let name = ObjectNames.environment(of: service.kubernetesName)
        let plainBytes = plain.reduce(0) { $0 + $1.key.utf8.count + $1.value.utf8.count }
        if plainBytes > Self.maximumObjectBytes {
            return conversion.fail(
                "the environment is \(plainBytes) bytes, over the 1 MiB a ConfigMap holds: move the largest values into mounted files",
                path: service.path("environment"))
        }
        if !plain.isEmpty {
            var data = DataObject(kind: .configMap, metadata: conversion.metadata(name, component: service.kubernetesName), data: plain)
            data.templates = templates.filter { plain[$0.key] != nil }
            conversion.add(.data(data), for: service.name)
            workload.container?.envFrom.append(EnvFromSource(kind: .configMap, name: name))
        }
        guard !secret.isEmpty else { return }
        conversion.projectSecret.valuesByService[service.name] = Dictionary(secret, uniquingKeysWith: { first, _ in first })
        conversion.reportUse(of: "Secret/\(conversion.projectSecretName)", for: service.name)
        var references: [EnvVar] = []
        var values: [EnvVar] = []
        for (key, value) in secret {
            let variables = conversion.projectSecret.variables(
                name: key, value: value, template: templates[key], project: conversion.project, component: service.kubernetesName,
                secretName: conversion.projectSecretName)
            for variable in variables where !references.contains(variable) && !values.contains(variable) {
                if variable.name.hasPrefix(SecretComposition.reservedPrefix) {
                    references.append(variable)
                } else {
                    values.append(variable)
                }
            }
        }
        // Reserved variables first: the kubelet expands `$(…)` only from variables before it.
        workload.container?.env += references + values
    }

    /// A key naming a secret (`DB_PASSWORD`, `API_TOKEN`, …; not `…_FILE`, which holds a path), or
    /// a URL value with a password in it (`postgres://user:pass@db`).
    static func isSensitive(key: String, value: String, extraPattern: String? = nil) -> Bool {
        let upper = key.uppercased()
        if let extraPattern, upper.range(of: extraPattern, options: [.regularExpression, .caseInsensitive]) != nil { return true }
        if upper.hasSuffix("_FILE") { return false }
        if nameHints.contains(where: upper.containsBytes), isSensitiveName(upper) { return true }
        return hasPasswordInURL(value) || looksLikeSecretValue(value)
    }

    /// Whether the words of an upper-cased key name a secret.
    private static func isSensitiveName(_ upper: String) -> Bool {
        let words = Self.words(upper)
        let joined = words.joined(separator: "_")
        if sensitiveWords.contains(where: words.contains) { return true }
        if sensitivePhrases.contains(where: joined.containsBytes) { return true }
        if words.contains(where: { $0.hasSuffix("PASSWORD") || $0.hasSuffix("SECRET") || $0.hasSuffix("TOKEN") }) { return true }
        if let last = words.last, sensitiveLastWords.contains(last) { return true }
        return false
    }

    /// A part of every sensitive word, phrase, suffix and last word: a key holding none of them
    /// (most keys) is not a secret by its name, and its words need not be split out.
    static let nameHints = ["PASS", "SECRET", "TOKEN", "KEY", "CREDENTIAL", "DSN", "SALT", "NONCE", "AUTH"]

    /// A JSON Web Token (`eyJ…` in three dot-separated parts) or a PEM block (`-----BEGIN …`).
    static func looksLikeSecretValue(_ value: String) -> Bool {
        if value.hasPrefix("-----BEGIN ") { return true }
        guard value.hasPrefix("eyJ"), value.utf8.count > 20 else { return false }
        let parts = value.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 3
            && parts.allSatisfy { part in
                !part.isEmpty
                    && part.utf8.allSatisfy {
                        (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) || $0 == 0x2D || $0 == 0x5F
                    }
            }
    }

    /// The letters-and-digits runs of `key`; by bytes when it is ASCII (it runs for every variable).
    static func words(_ key: String) -> [String] {
        guard key.utf8.allSatisfy({ $0 < 0x80 }) else {
            return key.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        }
        let isWordByte = { (byte: UInt8) in (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
        return key.utf8.split(whereSeparator: { !isWordByte($0) }).map { String(Substring($0)) }
    }

    /// `scheme://user:password@host…` (checked by hand: this runs for every variable).
    static func hasPasswordInURL(_ value: String) -> Bool {
        guard let schemeEnd = value.utf8Offset(of: "://").map({ value.utf8.index(value.startIndex, offsetBy: $0) }),
            let first = value.first, first.isLetter,
            value[..<schemeEnd].allSatisfy({ $0.isLetter || $0.isNumber || "+.-".contains($0) })
        else { return false }
        let rest = value[value.utf8.index(schemeEnd, offsetBy: 3)...]
        guard let at = rest.firstIndex(of: "@") else { return false }
        let userInfo = rest[..<at]
        guard let colon = userInfo.firstIndex(of: ":"), colon != userInfo.startIndex, userInfo.index(after: colon) != userInfo.endIndex
        else { return false }
        return !userInfo.contains { $0 == "/" || $0.isWhitespace }
    }
}

/// Whether a setting holds a secret, as the environment rule decides it (for emitters that
/// print build arguments and must not print secrets).
package enum SensitiveSetting {
    package static func isSensitive(key: String, value: String) -> Bool {
        EnvironmentRule.isSensitive(key: key, value: value)
    }
}
