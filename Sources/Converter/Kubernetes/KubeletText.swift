/// Text the kubelet reads in a container's command, args and `env` values: it expands
/// `$(NAME)` from the container's variables and turns `$$` into `$`. Compose hands the container
/// its strings literally (it already turned `$$` into `$` while loading), so every `$` before
/// `(` or `$` is doubled and the program sees exactly what it saw under Compose: `$VAR` stays for
/// the container's shell, `$(date)` stays a command substitution, `$$` stays a PID.
package enum KubeletText {
    package static func literal(_ text: String) -> String {
        guard text.containsBytes("$") else { return text }
        // Byte by byte: `$`, `(` are ASCII, so no multi-byte character is split.
        var text = text
        return text.withUTF8 { bytes in
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count + 8)
            var previousIsDollar = false
            for byte in bytes {
                if previousIsDollar, byte == UInt8(ascii: "$") || byte == UInt8(ascii: "(") { output.append(UInt8(ascii: "$")) }
                output.append(byte)
                previousIsDollar = byte == UInt8(ascii: "$")
            }
            return String(decoding: output, as: UTF8.self)
        }
    }
}

/// The exit status of a waiting init container that gave up (`EX_TEMPFAIL`): a Job's
/// podFailurePolicy ignores it, while a failed dependency (exit 1) counts.
package enum WaitExit {
    package static let timedOut = 75
}
