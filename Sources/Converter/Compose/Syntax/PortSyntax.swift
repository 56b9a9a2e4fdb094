import Foundation

/// Parses the short port syntax `[[host_ip:]published[-range]:]target[-range][/protocol]`.
package enum PortSyntax {
    package struct Parsed: Hashable, Sendable {
        package var target: Int
        package var published: String?
        package var hostIP: String?
        package var proto: String
    }

    package struct Failure: Error, Equatable, CustomStringConvertible {
        package var description: String
    }

    /// Every port the spec names; ranges become one entry per port.
    package static func parse(_ spec: String) throws -> [Parsed] {
        var rest = Substring(spec.trimmingSpaces())
        var proto = "tcp"
        if let slash = rest.lastIndex(of: "/") {
            proto = String(rest[rest.index(after: slash)...]).lowercased()
            rest = rest[..<slash]
            guard ["tcp", "udp", "sctp"].contains(proto) else {
                throw Failure(description: "invalid protocol \"\(proto)\" in port \"\(spec)\"")
            }
        }
        var hostIP: String?
        if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
            hostIP = String(rest[rest.index(after: rest.startIndex)..<close])
            rest = rest[rest.index(after: close)...].drop { $0 == ":" }
        }
        var parts = rest.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 3 {
            hostIP = parts.removeFirst()
        }
        guard parts.count <= 2, let targetText = parts.last, !targetText.isEmpty else {
            throw Failure(description: "invalid port \"\(spec)\": expected [[host_ip:]published:]target[/protocol]")
        }
        let targets = try range(targetText, in: spec)
        let published = parts.count == 2 && !parts[0].isEmpty ? try range(parts[0], in: spec) : nil
        return try combine(
            targets: targets, published: published, hostIP: hostIP.flatMap { $0.isEmpty ? nil : $0 }, proto: proto, spec: spec)
    }

    private static func combine(targets: ClosedRange<Int>, published: ClosedRange<Int>?, hostIP: String?, proto: String, spec: String)
        throws -> [Parsed]
    {
        guard let published else {
            return targets.map { Parsed(target: $0, published: nil, hostIP: hostIP, proto: proto) }
        }
        if targets.count == published.count {
            return zip(targets, published).map { Parsed(target: $0, published: String($1), hostIP: hostIP, proto: proto) }
        }
        guard targets.count == 1 else {
            throw Failure(description: "invalid port \"\(spec)\": published and target ranges differ in length")
        }
        let text = published.count == 1 ? "\(published.lowerBound)" : "\(published.lowerBound)-\(published.upperBound)"
        return [Parsed(target: targets.lowerBound, published: text, hostIP: hostIP, proto: proto)]
    }

    private static func range(_ text: String, in spec: String) throws -> ClosedRange<Int> {
        let bounds = text.split(separator: "-", omittingEmptySubsequences: false)
        let numbers = bounds.compactMap { Int($0) }
        guard numbers.count == bounds.count, let low = numbers.first, let high = numbers.last, numbers.count <= 2,
            (0...65535).contains(low), (0...65535).contains(high), low <= high
        else {
            throw Failure(description: "invalid port \"\(text)\" in \"\(spec)\": expected a number from 0 to 65535 or a range")
        }
        return low...high
    }
}
