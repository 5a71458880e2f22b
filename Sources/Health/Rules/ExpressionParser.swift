/// Tokens of a rule expression.
struct ExpressionToken: Equatable {
    enum Kind: Equatable { case word, string, number, op, lparen, rparen }
    var kind: Kind
    var text: String
}

/// Splits an expression into tokens; a word is a path (which may hold `[...]` groups) or a keyword.
enum ExpressionLexer {
    static func tokens(_ text: String) throws(HealthRuleError) -> [ExpressionToken] {
        let c = Array(text)
        var out: [ExpressionToken] = []
        var i = 0
        while i < c.count {
            let ch = c[i]
            if ch == " " || ch == "\t" { i += 1; continue }
            if ch == "(" { out.append(.init(kind: .lparen, text: "(")); i += 1; continue }
            if ch == ")" { out.append(.init(kind: .rparen, text: ")")); i += 1; continue }
            if ch == "\"" || ch == "'" {
                var j = i + 1
                var s = ""
                while j < c.count && c[j] != ch {
                    if c[j] == "\\" && j + 1 < c.count { j += 1 }
                    s.append(c[j])
                    j += 1
                }
                if j >= c.count { throw HealthRuleError("unterminated string in '\(text)'") }
                out.append(.init(kind: .string, text: s))
                i = j + 1
                continue
            }
            let two = i + 1 < c.count ? String(c[i...i + 1]) : String(ch)
            if ["==", "!=", "<=", ">=", "&&", "||"].contains(two) { out.append(.init(kind: .op, text: two)); i += 2; continue }
            if ["<", ">", "!"].contains(String(ch)) { out.append(.init(kind: .op, text: String(ch))); i += 1; continue }
            if ch.isNumber || (ch == "-" && i + 1 < c.count && c[i + 1].isNumber) {
                var j = i + 1
                while j < c.count && (c[j].isNumber || c[j] == ".") { j += 1 }
                out.append(.init(kind: .number, text: String(c[i..<j])))
                i = j
                continue
            }
            if ch.isLetter || ch == "_" {
                var j = i
                var depth = 0
                var quote: Character? = nil
                while j < c.count {
                    let d = c[j]
                    if let q = quote { if d == q { quote = nil }; j += 1; continue }
                    if depth > 0 && (d == "\"" || d == "'") { quote = d; j += 1; continue }
                    if d == "[" { depth += 1 } else if d == "]" { depth -= 1 }
                    else if depth == 0 && !(d.isLetter || d.isNumber || d == "_" || d == "." || d == "-" || d == "/") { break }
                    j += 1
                }
                out.append(.init(kind: .word, text: String(c[i..<j])))
                i = j
                continue
            }
            throw HealthRuleError("unexpected character '\(ch)' in '\(text)'")
        }
        return out
    }
}

/// A recursive-descent parser over `ExpressionToken`s.
struct ExpressionParser {
    var tokens: [ExpressionToken]
    var text: String
    var pos = 0

    func error(_ m: String) -> HealthRuleError {
        HealthRuleError("\(m) in '\(text)'", hint: "write e.g. status.phase == \"Running\" && exists(status.ready)")
    }

    var peek: ExpressionToken? { pos < tokens.count ? tokens[pos] : nil }

    mutating func parseOr() throws(HealthRuleError) -> RuleExpression {
        var e = try parseAnd()
        while peek == .init(kind: .op, text: "||") { pos += 1; e = .or(e, try parseAnd()) }
        return e
    }

    mutating func parseAnd() throws(HealthRuleError) -> RuleExpression {
        var e = try parseUnary()
        while peek == .init(kind: .op, text: "&&") { pos += 1; e = .and(e, try parseUnary()) }
        return e
    }

    mutating func parseUnary() throws(HealthRuleError) -> RuleExpression {
        guard let t = peek else { throw error("expression ends too early") }
        if t == .init(kind: .op, text: "!") { pos += 1; return .not(try parseUnary()) }
        if t.kind == .lparen {
            pos += 1
            let e = try parseOr()
            guard peek?.kind == .rparen else { throw error("missing ')'") }
            pos += 1
            return e
        }
        if t.kind == .word && (t.text == "exists" || t.text == "missing"), pos + 1 < tokens.count, tokens[pos + 1].kind == .lparen {
            pos += 2
            guard let w = peek, w.kind == .word else { throw error("\(t.text)( needs a path") }
            let path = try RulePath(parsing: w.text)
            pos += 1
            guard peek?.kind == .rparen else { throw error("missing ')' after \(t.text)(\(w.text)") }
            pos += 1
            return t.text == "exists" ? .exists(path) : .not(.exists(path))
        }
        let lhs = try parseOperand()
        if let w = peek, w.kind == .word, w.text == "exists" || w.text == "missing" {
            guard case .path(let p) = lhs else { throw error("'\(w.text)' follows a path") }
            pos += 1
            return w.text == "exists" ? .exists(p) : .not(.exists(p))
        }
        if let o = peek, o.kind == .op, let cmp = RuleExpression.Comparison(rawValue: o.text) {
            pos += 1
            return .compare(lhs, cmp, try parseOperand())
        }
        return .truthy(lhs)
    }

    mutating func parseOperand() throws(HealthRuleError) -> RuleExpression.Operand {
        guard let t = peek else { throw error("expression ends too early") }
        pos += 1
        switch t.kind {
        case .string: return .string(t.text)
        case .number:
            guard let d = Double(t.text) else { throw error("bad number '\(t.text)'") }
            return .number(d)
        case .word:
            switch t.text {
            case "true": return .bool(true)
            case "false": return .bool(false)
            case "null": return .null
            default: return .path(try RulePath(parsing: t.text))
            }
        default: throw error("expected a value, found '\(t.text)'")
        }
    }
}
