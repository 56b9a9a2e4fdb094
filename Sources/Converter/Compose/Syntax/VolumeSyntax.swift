/// Parses the short volume syntax `[source:]target[:mode]`.
package enum VolumeSyntax {
    package struct Parsed: Equatable, Sendable {
        package enum Kind: String, Sendable { case bind, volume }
        package var kind: Kind
        package var source: String?
        package var target: String
        package var readOnly = false
        package var selinux: String?
        package var propagation: String?
        package var noCopy = false
    }

    package struct Failure: Error, Equatable, CustomStringConvertible {
        package var description: String
    }

    static let propagations: Set<String> = ["shared", "rshared", "slave", "rslave", "private", "rprivate"]

    package static func parse(_ spec: String) throws -> Parsed {
        let parts = joiningDriveLetters(spec.split(separator: ":", omittingEmptySubsequences: false).map(String.init))
        guard !parts.contains(where: \.isEmpty) else {
            throw Failure(description: "invalid volume \"\(spec)\": empty section between colons")
        }
        switch parts.count {
        case 1:
            return Parsed(kind: .volume, source: nil, target: parts[0])
        case 2 where parts[1].hasPrefix("/") || !isMode(parts[1]):
            return Parsed(kind: kind(of: parts[0]), source: parts[0], target: parts[1])
        case 2:
            var parsed = Parsed(kind: .volume, source: nil, target: parts[0])
            try apply(mode: parts[1], to: &parsed, spec: spec)
            return parsed
        case 3:
            var parsed = Parsed(kind: kind(of: parts[0]), source: parts[0], target: parts[1])
            try apply(mode: parts[2], to: &parsed, spec: spec)
            return parsed
        default:
            throw Failure(description: "invalid volume \"\(spec)\": too many colons")
        }
    }

    /// A source that is a path (`.`, `/`, `~`, `C:\`) is a bind mount; anything else names a volume.
    static func kind(of source: String) -> Parsed.Kind {
        source.hasPrefix(".") || source.hasPrefix("/") || source.hasPrefix("~") || isWindowsPath(source) ? .bind : .volume
    }

    /// `C:\data` or `C:/data`.
    static func isWindowsPath(_ text: String) -> Bool {
        let characters = Array(text.prefix(3))
        return characters.count == 3 && characters[0].isLetter && characters[1] == ":" && (characters[2] == "\\" || characters[2] == "/")
    }

    /// Puts `C` and `\\data` back together after splitting on colons.
    private static func joiningDriveLetters(_ parts: [String]) -> [String] {
        var result: [String] = []
        var index = 0
        while index < parts.count {
            let part = parts[index]
            let next = index + 1 < parts.count ? parts[index + 1] : ""
            if part.count == 1, part.first?.isLetter == true, next.hasPrefix("\\") || next.hasPrefix("/") {
                result.append(part + ":" + next)
                index += 2
            } else {
                result.append(part)
                index += 1
            }
        }
        return result
    }

    static func isMode(_ text: String) -> Bool {
        text.split(separator: ",").allSatisfy {
            ["ro", "rw", "z", "Z", "nocopy", "cached", "delegated", "consistent"].contains(String($0)) || propagations.contains(String($0))
        }
    }

    private static func apply(mode: String, to parsed: inout Parsed, spec: String) throws {
        for option in mode.split(separator: ",").map(String.init) {
            switch option {
            case "ro": parsed.readOnly = true
            case "rw": parsed.readOnly = false
            case "z", "Z": parsed.selinux = option
            case "nocopy": parsed.noCopy = true
            case "cached", "delegated", "consistent": break
            case _ where propagations.contains(option): parsed.propagation = option
            default: throw Failure(description: "invalid mode \"\(option)\" in volume \"\(spec)\"")
            }
        }
    }
}
