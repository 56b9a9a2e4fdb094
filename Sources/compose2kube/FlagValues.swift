import ArgumentParser
import Converter
import Foundation

/// Checks of flag values, so a wrong value is a usage error that says what is expected instead
/// of being ignored, written into the output, or silently rewritten.
enum FlagValues {
    /// A namespace: a DNS-1123 label, as Kubernetes requires.
    static func checkNamespace(_ namespace: String?) throws {
        guard let namespace else { return }
        guard KubernetesName.dns1123(namespace) == namespace else {
            throw ValidationError(
                "--namespace \"\(namespace)\" is not a namespace name: expected at most 63 lower-case letters, digits and \"-\", "
                    + "starting and ending with a letter or digit (for example \"\(KubernetesName.dns1123(namespace))\")")
        }
    }

    /// An object name as most Kubernetes objects take one (an IngressClass, an issuer).
    static func isDNSName(_ name: String) -> Bool {
        !name.isEmpty && KubernetesName.dns1123(name) == name
    }

    /// A storage size as Kubernetes writes quantities (`1Gi`, `500Mi`, `2G`).
    static func checkSize(_ size: String, flag: String) throws {
        guard isQuantity(size), (Double(size.prefix { $0.isNumber || $0 == "." }) ?? 0) > 0 else {
            throw ValidationError("\(flag) \"\(size)\" is not a size: expected a Kubernetes quantity such as 1Gi, 500Mi or 10G")
        }
    }

    /// Digits, optionally a fraction, optionally a unit: `[0-9]+(\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?`.
    static func isQuantity(_ text: String) -> Bool {
        let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        var rest = text.utf8[...]
        let whole = rest.prefix(while: isDigit)
        guard !whole.isEmpty else { return false }
        rest = rest[whole.endIndex...]
        if rest.first == UInt8(ascii: ".") {
            let fraction = rest.dropFirst().prefix(while: isDigit)
            guard !fraction.isEmpty else { return false }
            rest = rest[fraction.endIndex...]
        }
        return quantityUnits.contains(String(decoding: rest, as: UTF8.self))
    }

    private static let quantityUnits: Set<String> = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "k", "M", "G", "T", "P", "E"]

    /// `--gpu-node-selector KEY=VALUE`s (a label key and value Kubernetes accepts) and
    /// `--gpu-runtime-class NAME` (an object name).
    static func gpuPlacement(nodeSelector: [String], runtimeClass: String?) throws -> GPU.Placement {
        var placement = GPU.Placement(runtimeClassName: runtimeClass)
        for pair in nodeSelector {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2, KubernetesName.isLabelKey(parts[0]), KubernetesName.isLabelValue(parts[1]) else {
                throw ValidationError(
                    "--gpu-node-selector \"\(pair)\" is not KEY=VALUE with a label key and value (for example nvidia.com/gpu.present=true)")
            }
            placement.nodeSelector[parts[0]] = parts[1]
        }
        if let runtimeClass, KubernetesName.dns1123(runtimeClass, limit: 253) != runtimeClass {
            throw ValidationError(
                "--gpu-runtime-class \"\(runtimeClass)\" is not a RuntimeClass name (lower-case letters, digits and \"-\")")
        }
        return placement
    }

    /// A regular expression that compiles.
    static func checkPattern(_ pattern: String?, flag: String) throws {
        guard let pattern else { return }
        do {
            _ = try NSRegularExpression(pattern: pattern)
        } catch {
            throw ValidationError("\(flag) \"\(pattern)\" is not a valid regular expression")
        }
    }
}
