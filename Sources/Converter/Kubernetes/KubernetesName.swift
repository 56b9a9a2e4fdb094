/// Kubernetes names: DNS-1123 labels (lowercase alphanumerics and `-`, at most 63 characters,
/// starting and ending alphanumeric).
public enum KubernetesName {
    public static func dns1123(_ name: String, limit: Int = 63) -> String {
        var result = ""
        for character in name.lowercased() {
            if character.isASCII, character.isLetter || character.isNumber {
                result.append(character)
            } else if !result.hasSuffix("-") {
                result.append("-")
            }
        }
        result = String(result.prefix(limit))
        while result.hasSuffix("-") { result.removeLast() }
        while result.hasPrefix("-") { result.removeFirst() }
        return result.isEmpty ? "x" : result
    }

    /// A port name: at most 15 characters, as Kubernetes requires.
    public static func port(_ name: String) -> String {
        dns1123(name, limit: 15)
    }
}
