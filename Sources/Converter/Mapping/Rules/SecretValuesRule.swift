/// Secret values Compose interpolated into a command or a healthcheck (`--requirepass s3cret`,
/// `mongosh -p rootpass`) would sit in clear text in the pod spec. They are replaced by the
/// variable of the service's Secret that holds them: `$(KEY)` in command and args (the kubelet
/// expands it from the container's environment), `"$KEY"` through `sh -c` in exec probes (the
/// kubelet does not expand probes; the container's shell does).
struct SecretValuesRule: ServiceRule {
    /// It rewrites the sensitive values `EnvironmentRule` moved and the probes `HealthcheckRule` made.
    static let readsOutputOf: [any ConversionRule.Type] = [EnvironmentRule.self, HealthcheckRule.self]

    static let keys = KeyOwnership(reads: ["services.*.command[]", "services.*.entrypoint[]", "services.*.healthcheck.test[]"])

    /// Shorter values are too likely to occur by chance in a command.
    static let minimumLength = 4

    func apply(to service: Service, workload: inout Workload, in conversion: Conversion) {
        guard let secret = conversion.projectSecret.valuesByService[service.name] else { return }
        // A value that is also a plain variable's (`POSTGRES_USER=taiga`, `POSTGRES_PASSWORD=taiga`)
        // is ambiguous: the command may mean the other one, so it is left as written.
        let plainValues = Set(service.environment.compactMap { key, value in secret[key] == nil ? value : nil })
        let values = secret.filter {
            $0.value.count >= Self.minimumLength && NameSyntax.isEnvName($0.key) && !plainValues.contains($0.value)
        }
        // The longest first, so a value inside another is not cut; keys in order between equals.
        .sorted { ($0.value.count, $1.key) > ($1.value.count, $0.key) }
        guard !values.isEmpty, var container = workload.container else { return }
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
        workload.container = container
        if !replaced.isEmpty {
            let keys = Array(Set(replaced)).sorted().joined(separator: ", ")
            conversion.warn(
                "the value of \(keys) appears in the command or healthcheck: it is read from Secret \(conversion.projectSecretName) there, "
                    + "not written in clear text (an exec probe runs it through sh -c)",
                path: service.path("environment"))
        }
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
