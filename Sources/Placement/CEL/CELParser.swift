/// The syntax tree of a CEL expression.
indirect enum CELExpr: Sendable {
    case literal(CELValue)
    case ident(String)
    case list([CELExpr])
    case member(CELExpr, String)
    case index(CELExpr, CELExpr)
    case call(target: CELExpr?, name: String, args: [CELExpr])
    case unary(String, CELExpr)
    case binary(String, CELExpr, CELExpr)
    case ternary(CELExpr, CELExpr, CELExpr)
}

/// A recursive-descent parser for the CEL subset placement selectors use:
/// literals, lists, member and index access, `! - * / % + - < <= > >= == != in && || ?:`,
/// functions and the macros `has`, `exists`, `all`, `exists_one`, `filter`, `map`.
struct CELParser {
    enum Token: Equatable { case ident(String), int(Int), double(Double), string(String), op(String), end }
    var tokens: [Token] = []
    var pos = 0

    init(_ text: String) throws(CELError) {
        let c = Array(text.unicodeScalars)
        var i = 0
        while i < c.count {
            let ch = c[i]
            if ch == " " || ch == "\n" || ch == "\t" || ch == "\r" { i += 1; continue }
            if ch.properties.isAlphabetic || ch == "_" {
                var s = ""
                while i < c.count, c[i].properties.isAlphabetic || c[i] == "_" || ("0"..."9").contains(c[i]) { s.unicodeScalars.append(c[i]); i += 1 }
                tokens.append(.ident(s))
            } else if ("0"..."9").contains(ch) {
                var s = ""
                while i < c.count, ("0"..."9").contains(c[i]) || c[i] == "." { s.unicodeScalars.append(c[i]); i += 1 }
                if i < c.count, c[i] == "u" { i += 1 }
                if s.contains("."), let d = Double(s) { tokens.append(.double(d)) } else if let n = Int(s) { tokens.append(.int(n)) } else {
                    throw CELError("bad number \(s)")
                }
            } else if ch == "\"" || ch == "'" {
                var s = ""
                i += 1
                while i < c.count, c[i] != ch {
                    if c[i] == "\\", i + 1 < c.count {
                        i += 1
                        switch c[i] { case "n": s += "\n"; case "t": s += "\t"; default: s.unicodeScalars.append(c[i]) }
                    } else {
                        s.unicodeScalars.append(c[i])
                    }
                    i += 1
                }
                guard i < c.count else { throw CELError("unterminated string") }
                i += 1
                tokens.append(.string(s))
            } else {
                let two = i + 1 < c.count ? String(String.UnicodeScalarView([ch, c[i + 1]])) : ""
                if ["&&", "||", "==", "!=", "<=", ">="].contains(two) {
                    tokens.append(.op(two))
                    i += 2
                } else if "()[].,!<>+-*/%?:{}".unicodeScalars.contains(ch) {
                    tokens.append(.op(String(ch)))
                    i += 1
                } else {
                    throw CELError("unexpected character '\(ch)'")
                }
            }
        }
        tokens.append(.end)
    }

    var peek: Token { tokens[pos] }
    mutating func next() -> Token { defer { pos += 1 }; return tokens[pos] }
    mutating func accept(_ op: String) -> Bool {
        if peek == .op(op) { pos += 1; return true }
        return false
    }
    mutating func expect(_ op: String) throws(CELError) {
        guard accept(op) else { throw CELError("expected '\(op)'") }
    }

    mutating func parseAll() throws(CELError) -> CELExpr {
        let e = try parseTernary()
        guard peek == .end else { throw CELError("unexpected trailing input") }
        return e
    }

    mutating func parseTernary() throws(CELError) -> CELExpr {
        let cond = try parseBinary(0)
        if accept("?") {
            let a = try parseTernary()
            try expect(":")
            return .ternary(cond, a, try parseTernary())
        }
        return cond
    }

    static let levels: [[String]] = [["||"], ["&&"], ["==", "!=", "<", "<=", ">", ">=", "in"], ["+", "-"], ["*", "/", "%"]]

    mutating func parseBinary(_ level: Int) throws(CELError) -> CELExpr {
        if level == Self.levels.count { return try parseUnary() }
        var lhs = try parseBinary(level + 1)
        while true {
            let op: String
            switch peek {
            case .op(let o) where Self.levels[level].contains(o): op = o
            case .ident("in") where level == 2: op = "in"
            default: return lhs
            }
            pos += 1
            lhs = .binary(op, lhs, try parseBinary(level + 1))
        }
    }

    mutating func parseUnary() throws(CELError) -> CELExpr {
        if accept("!") { return .unary("!", try parseUnary()) }
        if accept("-") { return .unary("-", try parseUnary()) }
        return try parsePostfix()
    }

    mutating func parsePostfix() throws(CELError) -> CELExpr {
        var e = try parsePrimary()
        while true {
            if accept(".") {
                guard case .ident(let name) = next() else { throw CELError("expected a field name after '.'") }
                if accept("(") {
                    e = .call(target: e, name: name, args: try parseArgs(")"))
                } else {
                    e = .member(e, name)
                }
            } else if accept("[") {
                let idx = try parseTernary()
                try expect("]")
                e = .index(e, idx)
            } else {
                return e
            }
        }
    }

    mutating func parseArgs(_ close: String) throws(CELError) -> [CELExpr] {
        var args: [CELExpr] = []
        if accept(close) { return args }
        repeat { args.append(try parseTernary()) } while accept(",")
        try expect(close)
        return args
    }

    mutating func parsePrimary() throws(CELError) -> CELExpr {
        switch next() {
        case .int(let n): return .literal(.int(n))
        case .double(let d): return .literal(.double(d))
        case .string(let s): return .literal(.string(s))
        case .ident("true"): return .literal(.bool(true))
        case .ident("false"): return .literal(.bool(false))
        case .ident("null"): return .literal(.null)
        case .ident(let name):
            if accept("(") { return .call(target: nil, name: name, args: try parseArgs(")")) }
            return .ident(name)
        case .op("("):
            let e = try parseTernary()
            try expect(")")
            return e
        case .op("["): return .list(try parseArgs("]"))
        default: throw CELError("unexpected token")
        }
    }
}
