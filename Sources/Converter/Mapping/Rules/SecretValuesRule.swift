/// Secret values Compose interpolated into a command or a healthcheck (`--requirepass s3cret`,
/// `mongosh -p rootpass`) would sit in clear text in the pod spec. They are replaced by the
/// variable of the service's Secret that holds them: `$(KEY)` in command and args (the kubelet
/// expands it from the container's environment), `"$KEY"` through `sh -c` in exec probes (the
/// kubelet does not expand probes; the container's shell does).
///
/// A value written as a variable (`${REDIS_PASSWORD}`) is named by that variable, so changing
/// one secret never changes another that happened to hold the same value; a sensitive variable
/// the service's environment does not carry is read through a reserved `C2K_SECRET_<key>`.
/// Only a value written out (no variable) is found by its value.
struct SecretValuesRule: ServiceRule {
    /// It rewrites the sensitive values `EnvironmentRule` moved and the probes `HealthcheckRule` made.
    static let readsOutputOf: [any ConversionRule.Type] = [EnvironmentRule.self, HealthcheckRule.self]

    static let keys = KeyOwnership(reads: ["services.*.command[]", "services.*.entrypoint[]", "services.*.healthcheck.test[]"])

    /// Shorter values are too likely to occur by chance in a command.
    static let minimumLength = 4

    func apply(to service: Service, workload: inout Workload, in conversion: Conversion) {
        guard var container = workload.container else { return }
        let secret = conversion.projectSecret.valuesByService[service.name] ?? [:]
        let (named, reserved, plainVariables) = Self.namedValues(of: service, secret: secret, in: conversion)
        // A value that is also a plain variable's (`POSTGRES_USER=taiga`, `POSTGRES_PASSWORD=taiga`)
        // is ambiguous: the command may mean the other one, so it is left as written.
        let plainValues = Set(service.environment.compactMap { key, value in secret[key] == nil ? value : nil }).union(plainVariables)
        let namedValues = Set(named.map(\.value))
        let written = secret.filter { !namedValues.contains($0.value) && !plainValues.contains($0.value) }
            .sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) }
        let values = (named + written).filter { $0.value.count >= Self.minimumLength && NameSyntax.isEnvName($0.key) }
            // The longest first, so a value inside another is not cut; one key per value, the named first.
            .enumerated().sorted { ($0.element.value.count, $1.offset) > ($1.element.value.count, $0.offset) }.map(\.element)
        guard !values.isEmpty else { return }
        var replaced: [String] = []
        for (key, value) in values {
            let literal = KubeletText.literal(value)
            for index in container.command.indices {
                if let hidden = Self.replacingTokens(literal, with: "$(\(key))", in: container.command[index]) {
                    container.command[index] = hidden
                    replaced.append(key)
                }
            }
            for index in container.args.indices {
                if let hidden = Self.replacingTokens(literal, with: "$(\(key))", in: container.args[index]) {
                    container.args[index] = hidden
                    replaced.append(key)
                }
            }
        }
        for keyPath in [\Container.readinessProbe, \Container.livenessProbe, \Container.startupProbe] {
            guard let probe = container[keyPath: keyPath], case .exec(let command) = probe.action else { continue }
            let (script, keys) = Self.shellScript(command, hiding: values)
            guard !keys.isEmpty else { continue }
            container[keyPath: keyPath]?.action = .exec(["sh", "-c", script])
            replaced += keys
        }
        for variable in reserved where replaced.contains(variable.name) && !container.env.contains(variable) {
            container.env.append(variable)
            conversion.reportUse(of: "Secret/\(conversion.projectSecretName)", for: service.name)
        }
        workload.container = container
        if !replaced.isEmpty {
            let keys = Set(replaced.map { $0.hasPrefix(SecretComposition.reservedPrefix) ? String($0.dropFirst(SecretComposition.reservedPrefix.count)) : $0 })
                .sorted().joined(separator: ", ")
            conversion.warn(
                "the value of \(keys) appears in the command or healthcheck: it is read from Secret \(conversion.projectSecretName) there, "
                    + "not written in clear text (an exec probe runs it through sh -c)",
                path: service.path(service.environment.isEmpty ? "command" : "environment"))
        }
    }

    /// The secret values the command, entrypoint and healthcheck were written with, each under
    /// the container variable that holds it: the service's own variable of that name, or one
    /// written as exactly that variable, or a reserved variable reading the project Secret for
    /// a sensitive variable the service does not carry. Values of other variables are plain.
    private static func namedValues(of service: Service, secret: [String: String], in conversion: Conversion)
        -> (named: [(key: String, value: String)], reserved: [EnvVar], plainValues: Set<String>)
    {
        let project = conversion.project
        let prefixes = ["command", "entrypoint", "healthcheck.test"].map(service.path)
        let variables = project.written.filter { path, _ in
            prefixes.contains { path == $0 || path.hasPrefix($0 + "[") }
        }.sorted { $0.key < $1.key }.flatMap { _, text in (try? Template.parse(text))?.variables ?? [] }
        var named: [(key: String, value: String)] = []
        var reserved: [EnvVar] = []
        var plainValues = Set<String>()
        for variable in variables {
            guard let value = project.variables[variable], !named.contains(where: { $0.value == value }) else { continue }
            if secret[variable] == value {
                named.append((variable, value))
            } else if let key = secret.keys.sorted().first(where: { secret[$0] == value && isWritten(as: variable, key: $0, service, project) }) {
                named.append((key, value))
            } else if EnvironmentRule.isSensitive(key: variable, value: value, extraPattern: conversion.options.secretKeyPattern) {
                let key = conversion.projectSecret.key(
                    variable, value: value, component: service.kubernetesName, fromShell: project.shellVariables.contains(variable))
                let name = SecretComposition.reservedName(key)
                named.append((name, value))
                reserved.append(EnvVar(name: name, secret: conversion.projectSecretName, key: key))
            } else {
                plainValues.insert(value)
            }
        }
        return (named, reserved, plainValues)
    }

    /// Whether the service's variable `key` was written as exactly `${variable}`.
    private static func isWritten(as variable: String, key: String, _ service: Service, _ project: ComposeProject) -> Bool {
        guard let template = project.template(at: service.path("environment.\(key)")), template.parts.count == 1,
            case .variable(let name, _) = template.parts[0]
        else { return false }
        return name == variable
    }

    /// An exec command as one shell script with each secret value replaced by `"$KEY"`; an
    /// argument vector is quoted word by word first.
    static func shellScript(_ command: [String], hiding values: [(key: String, value: String)]) -> (String, [String]) {
        let isShell = command.count == 3 && command[0] == "sh" && command[1] == "-c"
        var script = isShell ? command[2] : command.map(ShellQuote.word).joined(separator: " ")
        var keys: [String] = []
        for (key, value) in values {
            // A quoted value loses its quotes: inside single quotes the shell would not expand the variable.
            var found = false
            for written in ["'\(value)'", "\"\(value)\"", isShell ? value : ShellQuote.word(value)] {
                if let hidden = replacingTokens(written, with: "\"$\(key)\"", in: script) {
                    script = hidden
                    found = true
                }
            }
            if found { keys.append(key) }
        }
        return (script, keys)
    }

    /// `text` with each occurrence of `token` that stands alone (not part of a longer word,
    /// path or name: `/taiga-back` keeps `taiga`) replaced, or nil when there is none.
    static func replacingTokens(_ token: String, with replacement: String, in text: String) -> String? {
        let isWordCharacter = { (character: Character) in character.isLetter || character.isNumber || "-_./".contains(character) }
        var output = ""
        var rest = Substring(text)
        var found = false
        while let range = rest.range(of: token) {
            let before = range.lowerBound > rest.startIndex ? rest[rest.index(before: range.lowerBound)] : output.last
            let after = range.upperBound < rest.endIndex ? rest[range.upperBound] : nil
            let alone = !(before.map(isWordCharacter) ?? false) && !(after.map(isWordCharacter) ?? false)
            output += rest[..<range.lowerBound]
            output += alone ? replacement : String(rest[range])
            found = found || alone
            rest = rest[range.upperBound...]
        }
        return found ? output + rest : nil
    }
}

/// A word as a POSIX shell reads it back: plain when nothing in it is special to the shell.
package enum ShellQuote {
    package static func word(_ word: String) -> String {
        let plain = !word.isEmpty && word.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:@+,%".contains($0) }
        return plain ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
