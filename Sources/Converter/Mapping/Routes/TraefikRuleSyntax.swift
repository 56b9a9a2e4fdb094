/// A Traefik router's `rule` (`Host(\`a.com\`) && (PathPrefix(\`/api\`) || Path(\`/\`))`) read
/// into alternatives: each alternative is the matchers that must all hold, as Ingress rules
/// (one host, one path each) are. Traefik's grammar: matchers `Name(\`value\`, …)` with
/// backtick, double or single quoted values, joined by `&&` and `||` (`&&` binds tighter),
/// parentheses, and `!` for negation (doc.traefik.io, "Routers", rule).
enum TraefikRuleSyntax {
    struct Matcher: Equatable {
        var name: String
        var values: [String]
        var negated = false
    }

    struct Failure: Error, Equatable {
        var message: String
    }

    /// The rule as alternatives of matchers (disjunctive normal form).
    static func parse(_ rule: String) throws -> [[Matcher]] {
        var parser = Parser(tokens: try tokens(rule))
        let result = try parser.disjunction()
        guard parser.atEnd else { throw Failure(message: "unexpected \(parser.current.map(String.init(describing:)) ?? "end") in rule") }
        return result
    }

    enum Token: Equatable, CustomStringConvertible {
        case name(String), value(String), open, close, comma, and, or, not

        var description: String {
            switch self {
            case .name(let name): return name
            case .value(let value): return "`\(value)`"
            case .open: return "("
            case .close: return ")"
            case .comma: return ","
            case .and: return "&&"
            case .or: return "||"
            case .not: return "!"
            }
        }
    }

    static func tokens(_ rule: String) throws -> [Token] {
        var tokens: [Token] = []
        var index = rule.startIndex
        while index < rule.endIndex {
            let character = rule[index]
            switch character {
            case " ", "\t", "\n": index = rule.index(after: index)
            case "(": tokens.append(.open); index = rule.index(after: index)
            case ")": tokens.append(.close); index = rule.index(after: index)
            case ",": tokens.append(.comma); index = rule.index(after: index)
            case "!": tokens.append(.not); index = rule.index(after: index)
            case "&", "|":
                let next = rule.index(after: index)
                guard next < rule.endIndex, rule[next] == character else { throw Failure(message: "a single \(character) in rule") }
                tokens.append(character == "&" ? .and : .or)
                index = rule.index(after: next)
            case "`", "\"", "'":
                let start = rule.index(after: index)
                guard let end = rule[start...].firstIndex(of: character) else { throw Failure(message: "unclosed \(character) in rule") }
                tokens.append(.value(String(rule[start..<end])))
                index = rule.index(after: end)
            case _ where character.isLetter:
                let end = rule[index...].firstIndex { !($0.isLetter || $0.isNumber) } ?? rule.endIndex
                tokens.append(.name(String(rule[index..<end])))
                index = end
            default: throw Failure(message: "unexpected \(character) in rule")
            }
        }
        return tokens
    }

    struct Parser {
        var tokens: [Token]
        var position = 0

        var atEnd: Bool { position >= tokens.count }
        var current: Token? { atEnd ? nil : tokens[position] }

        mutating func disjunction() throws -> [[Matcher]] {
            var result = try conjunction()
            while current == .or {
                position += 1
                result += try conjunction()
            }
            return result
        }

        /// Alternatives of `a && b`: every pairing of the sides' alternatives.
        mutating func conjunction() throws -> [[Matcher]] {
            var result = try unary()
            while current == .and {
                position += 1
                let right = try unary()
                result = result.flatMap { left in right.map { left + $0 } }
            }
            return result
        }

        mutating func unary() throws -> [[Matcher]] {
            switch current {
            case .not?:
                position += 1
                let inner = try unary()
                // !(a) of one matcher negates it; a negated compound has no form the caller can map.
                guard inner.count == 1, inner[0].count == 1 else { throw Failure(message: "a negated group (!(…)) cannot be converted") }
                var matcher = inner[0][0]
                matcher.negated.toggle()
                return [[matcher]]
            case .open?:
                position += 1
                let inner = try disjunction()
                guard current == .close else { throw Failure(message: "a ( without its ) in rule") }
                position += 1
                return inner
            case .name(let name)?:
                position += 1
                guard current == .open else { throw Failure(message: "\(name) without (…) in rule") }
                position += 1
                var values: [String] = []
                while case .value(let value)? = current {
                    values.append(value)
                    position += 1
                    if current == .comma { position += 1 }
                }
                guard !atEnd else { throw Failure(message: "a ( without its ) in rule") }
                guard current == .close else { throw Failure(message: "\(name)(…) holds something other than quoted values") }
                position += 1
                return [[Matcher(name: name, values: values)]]
            default:
                throw Failure(message: "expected a matcher such as Host(`…`) but found \(current.map(String.init(describing:)) ?? "the end")")
            }
        }
    }
}
