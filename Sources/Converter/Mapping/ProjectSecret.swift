/// The project's one Secret (`ObjectNames.projectSecret`): every sensitive environment value,
/// keyed by the compose variable it came from, so `${DB_PASSWORD}` used by six services is one
/// key with one value (and one Helm value). A value written out in a compose or env file is
/// keyed by its variable's name in the service, shared by services that give it the same value.
final class ProjectSecret {
    private(set) var data: [String: String] = [:]
    /// Keys holding a value the converting shell's environment supplied.
    private(set) var shellKeys: Set<String> = []
    /// Each service's sensitive variables (name → value), for `SecretValuesRule`.
    var valuesByService: [String: [String: String]] = [:]

    /// The key holding `value` under `preferred`, or `<component>-<preferred>` (then with a
    /// number) when another value holds `preferred` already.
    func key(_ preferred: String, value: String, component: String, fromShell: Bool = false) -> String {
        var candidate = preferred
        var attempt = 1
        while let existing = data[candidate], existing != value {
            candidate = attempt == 1 ? "\(component)-\(preferred)" : "\(component)-\(preferred)-\(attempt)"
            attempt += 1
        }
        if data[candidate] == nil {
            data[candidate] = value
            if fromShell { shellKeys.insert(candidate) }
        }
        return candidate
    }

    /// The variables of a container that give it the sensitive variable `name` with `value`:
    /// a `secretKeyRef` for a value that is one compose variable (or written out), else the
    /// value as the kubelet composes it, `$(…)` references to reserved variables placed before
    /// it (`postgres://app:$(C2K_SECRET_DB_PASSWORD)@db/app`).
    func variables(
        name: String, value: String, template: Template?, project: ComposeProject, component: String, secretName: String
    ) -> [EnvVar] {
        if let template, !template.isLiteral, (try? template.evaluate({ project.variables[$0] })) == value,
            let composed = SecretComposition(secret: self, project: project, component: component).compose(template)
        {
            if composed.text == SecretComposition.reference(composed.keys.first ?? ""), composed.keys.count == 1 {
                return [EnvVar(name: name, secret: secretName, key: composed.keys[0])]
            }
            return composed.keys.map { EnvVar(name: SecretComposition.reservedName($0), secret: secretName, key: $0) }
                + [EnvVar(name: name, value: composed.text)]
        }
        // A bare `- API_TOKEN` takes the shell's value: that is never written down either.
        let fromShell = template == nil && project.shellVariables.contains(name) && project.variables[name] == value
        return [EnvVar(name: name, secret: secretName, key: key(name, value: value, component: component, fromShell: fromShell))]
    }
}

/// A sensitive value written with variables, as the kubelet text that composes it from the
/// project Secret's keys: literal parts as they are, each variable as `$(C2K_SECRET_<key>)`.
/// The operators are decided here, with the values conversion saw.
struct SecretComposition {
    let secret: ProjectSecret
    let project: ComposeProject
    let component: String

    static let reservedPrefix = "C2K_SECRET_"

    static func reservedName(_ key: String) -> String { reservedPrefix + key }

    static func reference(_ key: String) -> String { "$(\(reservedName(key)))" }

    /// The text and the keys it reads, in order; nil when an argument cannot be evaluated.
    func compose(_ template: Template) -> (text: String, keys: [String])? {
        var text = ""
        var keys: [String] = []
        for part in template.parts {
            switch part {
            case .literal(let literal):
                text += KubeletText.literal(literal)
            case .variable(let name, let operation):
                guard let piece = compose(variable: name, operation: operation) else { return nil }
                text += piece.text
                keys += piece.keys.filter { !keys.contains($0) }
            }
        }
        return (text, keys)
    }

    private func compose(variable name: String, operation: Template.Operation?) -> (text: String, keys: [String])? {
        let value = project.variables[name]
        let isSet = value != nil
        let isEmpty = value?.isEmpty ?? true
        switch operation?.op {
        case nil, .required?, .requiredNonEmpty?:
            guard let value else { return ("", []) }
            return reference(name, value: value, fromShell: project.shellVariables.contains(name))
        case .defaultIfEmpty?, .defaultIfUnset?:
            let usesValue = operation?.op == .defaultIfEmpty ? !isEmpty : isSet
            if usesValue, let value { return reference(name, value: value, fromShell: project.shellVariables.contains(name)) }
            // Unset: the variable's value is its default, as Compose would use it.
            guard !isSet, let argument = operation?.argument,
                let fallback = try? argument.evaluate({ project.variables[$0] })
            else { return operation.flatMap { compose($0.argument) } }
            return reference(name, value: fallback, fromShell: false)
        case .alternativeIfNonEmpty?, .alternative?:
            let usesArgument = operation?.op == .alternativeIfNonEmpty ? !isEmpty : isSet
            return usesArgument ? operation.flatMap { compose($0.argument) } : ("", [])
        }
    }

    private func reference(_ name: String, value: String, fromShell: Bool) -> (text: String, keys: [String])? {
        let key = secret.key(name, value: value, component: component, fromShell: fromShell)
        return (Self.reference(key), [key])
    }
}
