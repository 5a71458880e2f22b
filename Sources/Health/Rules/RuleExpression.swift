import KealmYAML

/// A condition over an object's fields, as written in a rule file.
///
/// Grammar: `a || b`, `a && b`, `!a`, `( a )`, `exists(path)`, `path exists`, `path missing`,
/// `x == y`, `x != y`, `x < y`, `x <= y`, `x > y`, `x >= y`, and a bare path (true when present
/// and not `false`, `null`, `""` or `0`). Operands are paths (see `RulePath`), quoted strings,
/// numbers, `true`, `false` and `null`. Comparisons of two numbers are numeric; otherwise the
/// scalar texts are compared, and an absent path equals only `null`.
public indirect enum RuleExpression: Sendable, Hashable {
    case or(RuleExpression, RuleExpression)
    case and(RuleExpression, RuleExpression)
    case not(RuleExpression)
    case exists(RulePath)
    case truthy(Operand)
    case compare(Operand, Comparison, Operand)

    /// A value in an expression.
    public enum Operand: Sendable, Hashable {
        case path(RulePath)
        case string(String)
        case number(Double)
        case bool(Bool)
        case null
    }

    /// A comparison operator.
    public enum Comparison: String, Sendable, Hashable {
        case eq = "==", ne = "!=", lt = "<", le = "<=", gt = ">", ge = ">="
    }

    /// Parses an expression; errors say what was expected and where.
    public init(parsing text: String) throws(HealthRuleError) {
        var p = ExpressionParser(tokens: try ExpressionLexer.tokens(text), text: text)
        let e = try p.parseOr()
        if p.pos < p.tokens.count { throw p.error("unexpected '\(p.tokens[p.pos].text)'") }
        self = e
    }

    /// Evaluates the expression against an object.
    public func evaluate(_ object: YAMLNode) -> Bool {
        switch self {
        case .or(let a, let b): return a.evaluate(object) || b.evaluate(object)
        case .and(let a, let b): return a.evaluate(object) && b.evaluate(object)
        case .not(let a): return !a.evaluate(object)
        case .exists(let p): return p.resolve(in: object).map { !$0.isNull } ?? false
        case .truthy(let o):
            switch Self.value(o, object) {
            case .none: return false
            case .some(.null): return false
            case .some(.bool(let b)): return b
            case .some(.number(let n)): return n != 0
            case .some(.string(let s)): return !s.isEmpty
            case .some(.path): return true
            }
        case .compare(let a, let op, let b):
            let x = Self.value(a, object) ?? .null
            let y = Self.value(b, object) ?? .null
            if case .number(let m) = x, case .number(let n) = y {
                switch op {
                case .eq: return m == n
                case .ne: return m != n
                case .lt: return m < n
                case .le: return m <= n
                case .gt: return m > n
                case .ge: return m >= n
                }
            }
            let (s, t) = (Self.text(x), Self.text(y))
            switch op {
            case .eq: return s == t
            case .ne: return s != t
            case .lt: return s != nil && t != nil && s! < t!
            case .le: return s != nil && t != nil && s! <= t!
            case .gt: return s != nil && t != nil && s! > t!
            case .ge: return s != nil && t != nil && s! >= t!
            }
        }
    }

    /// A path's value reduced to a literal operand (collections stay as `.path`); nil when absent.
    static func value(_ o: Operand, _ object: YAMLNode) -> Operand? {
        guard case .path(let p) = o else { return o }
        guard let node = p.resolve(in: object) else { return nil }
        guard case .scalar(let s) = node else { return o }
        switch ScalarResolver.resolve(s) {
        case .null: return .null
        case .bool: return .bool(ScalarResolver.boolValue(s.value) ?? false)
        case .int, .float: return Double(s.value).map { .number($0) } ?? .string(s.value)
        case .string: return .string(s.value)
        }
    }

    static func text(_ o: Operand) -> String? {
        switch o {
        case .null: return nil
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
        case .string(let s): return s
        case .path(let p): return p.text
        }
    }
}
