/// A compiled `celSelector` expression, evaluated against a ManagedCluster bound to
/// the variable `managedCluster`. An expression that does not parse, names another variable or
/// an unknown function is rejected at compile time (the Placement is misconfigured); runtime
/// errors (a missing key, a bad version string) make the expression false, as in OCM.
/// OCM's extensions are supported: `managedCluster.scores("name")` (a list of `{name, value}`
/// from the cluster's AddOnPlacementScore), `versionIsGreaterThan`/`versionIsLessThan` (semver)
/// and `quantityIsGreaterThan`/`quantityIsLessThan` (Kubernetes quantities).
public struct CELProgram: Sendable {
    let expr: CELExpr
    public let source: String

    public init(_ source: String) throws(CELError) {
        self.source = source
        var p = try CELParser(source)
        do {
            expr = try p.parseAll()
            try CELChecker.check(expr)
        } catch {
            throw CELError("celSelector '\(source)': \(error.message)")
        }
    }

    /// True when the expression evaluates to `true` for the cluster; `scores` are the cluster's
    /// AddOnPlacementScores by name (what `managedCluster.scores(name)` reads).
    public func isTrue(for cluster: ManagedCluster, scores: [String: AddOnPlacementScore] = [:]) -> Bool {
        var env: [String: CELValue] = [CELChecker.root: CELValue(cluster.object)]
        if !scores.isEmpty {
            // Not an identifier, so no expression can name it.
            env[Self.scoresSlot] = .map(scores.mapValues { s in
                .list(s.scores.keys.sorted().map { .map(["name": .string($0), "value": .int(s.scores[$0]!)]) })
            })
        }
        return (try? eval(expr, &env))?.truthy ?? false
    }

    static let scoresSlot = "@scores"

    func eval(_ e: CELExpr, _ env: inout [String: CELValue]) throws(CELError) -> CELValue {
        switch e {
        case .literal(let v): return v
        case .ident(let n):
            guard let v = env[n] else { throw CELError("undeclared reference to '\(n)'") }
            return v
        case .list(let items):
            var out: [CELValue] = []
            for i in items { out.append(try eval(i, &env)) }
            return .list(out)
        case .member(let t, let f):
            guard case .map(let m) = try eval(t, &env), let v = m[f] else { throw CELError("no such key: \(f)") }
            return v
        case .index(let t, let i):
            let target = try eval(t, &env)
            let idx = try eval(i, &env)
            switch (target, idx) {
            case (.map(let m), .string(let k)):
                guard let v = m[k] else { throw CELError("no such key: \(k)") }
                return v
            case (.list(let l), .int(let n)):
                guard n >= 0 && n < l.count else { throw CELError("index out of range") }
                return l[n]
            default: throw CELError("bad index")
            }
        case .unary(let op, let x):
            let v = try eval(x, &env)
            switch (op, v) {
            case ("!", .bool(let b)): return .bool(!b)
            case ("-", .int(let n)): return .int(-n)
            case ("-", .double(let d)): return .double(-d)
            default: throw CELError("bad operand for \(op)")
            }
        case .binary("&&", let a, let b):
            let l = try? eval(a, &env)
            if l == .bool(false) { return .bool(false) }
            let r = try eval(b, &env)
            if r == .bool(false) { return .bool(false) }
            guard l == .bool(true), r == .bool(true) else { throw CELError("&& needs booleans") }
            return .bool(true)
        case .binary("||", let a, let b):
            let l = try? eval(a, &env)
            if l == .bool(true) { return .bool(true) }
            let r = try eval(b, &env)
            if r == .bool(true) { return .bool(true) }
            guard l == .bool(false), r == .bool(false) else { throw CELError("|| needs booleans") }
            return .bool(false)
        case .binary(let op, let a, let b):
            return try Self.binary(op, try eval(a, &env), try eval(b, &env))
        case .ternary(let c, let a, let b):
            guard case .bool(let cond) = try eval(c, &env) else { throw CELError("?: needs a boolean") }
            return try eval(cond ? a : b, &env)
        case .call(let target, let name, let args):
            return try call(target, name, args, &env)
        }
    }

    static func binary(_ op: String, _ l: CELValue, _ r: CELValue) throws(CELError) -> CELValue {
        switch op {
        case "==": return .bool(l == r)
        case "!=": return .bool(l != r)
        case "in":
            switch r {
            case .list(let items): return .bool(items.contains(l))
            case .map(let m):
                guard case .string(let k) = l else { return .bool(false) }
                return .bool(m[k] != nil)
            default: throw CELError("'in' needs a list or map")
            }
        default: break
        }
        switch (l, r) {
        case (.int(let a), .int(let b)):
            switch op {
            case "+": return .int(a + b)
            case "-": return .int(a - b)
            case "*": return .int(a * b)
            case "/": guard b != 0 else { throw CELError("division by zero") }; return .int(a / b)
            case "%": guard b != 0 else { throw CELError("division by zero") }; return .int(a % b)
            case "<": return .bool(a < b)
            case "<=": return .bool(a <= b)
            case ">": return .bool(a > b)
            case ">=": return .bool(a >= b)
            default: break
            }
        case (.double, _), (_, .double):
            guard let a = l.number, let b = r.number else { break }
            switch op {
            case "+": return .double(a + b)
            case "-": return .double(a - b)
            case "*": return .double(a * b)
            case "/": return .double(a / b)
            case "<": return .bool(a < b)
            case "<=": return .bool(a <= b)
            case ">": return .bool(a > b)
            case ">=": return .bool(a >= b)
            default: break
            }
        case (.string(let a), .string(let b)):
            switch op {
            case "+": return .string(a + b)
            case "<": return .bool(a < b)
            case "<=": return .bool(a <= b)
            case ">": return .bool(a > b)
            case ">=": return .bool(a >= b)
            default: break
            }
        case (.list(let a), .list(let b)) where op == "+": return .list(a + b)
        default: break
        }
        throw CELError("no such overload: \(op)")
    }

    func call(_ target: CELExpr?, _ name: String, _ args: [CELExpr], _ env: inout [String: CELValue]) throws(CELError) -> CELValue {
        // Macros bind a variable and take unevaluated arguments.
        if let target, ["exists", "all", "exists_one", "filter", "map"].contains(name) {
            guard args.count == 2, case .ident(let v) = args[0] else { throw CELError("\(name) needs (variable, expression)") }
            let elements: [CELValue]
            switch try eval(target, &env) {
            case .list(let l): elements = l
            case .map(let m): elements = m.keys.sorted().map { .string($0) }
            default: throw CELError("\(name) needs a list or map")
            }
            let saved = env[v]
            defer { env[v] = saved }
            var results: [CELValue] = []
            for el in elements {
                env[v] = el
                results.append(try eval(args[1], &env))
            }
            switch name {
            case "exists": return .bool(results.contains(.bool(true)))
            case "all": return .bool(results.allSatisfy { $0 == .bool(true) })
            case "exists_one": return .bool(results.filter { $0 == .bool(true) }.count == 1)
            case "filter": return .list(zip(elements, results).filter { $0.1 == .bool(true) }.map { $0.0 })
            default: return .list(results)
            }
        }
        if target == nil && name == "has" {
            guard args.count == 1, case .member(let t, let f) = args[0] else { throw CELError("has() needs a field selection") }
            guard case .map(let m) = try eval(t, &env) else { return .bool(false) }
            return .bool(m[f] != nil)
        }
        var values: [CELValue] = []
        if let target { values.append(try eval(target, &env)) }
        for a in args { values.append(try eval(a, &env)) }
        switch (name, values.count) {
        case ("size", 1):
            switch values[0] {
            case .string(let s): return .int(s.count)
            case .list(let l): return .int(l.count)
            case .map(let m): return .int(m.count)
            default: throw CELError("size() needs a string, list or map")
            }
        case ("startsWith", 2), ("endsWith", 2), ("contains", 2):
            guard case .string(let s) = values[0], case .string(let x) = values[1] else { throw CELError("\(name) needs strings") }
            return .bool(name == "startsWith" ? s.hasPrefix(x) : name == "endsWith" ? s.hasSuffix(x) : s.contains(x))
        case ("lowerAscii", 1), ("upperAscii", 1):
            guard case .string(let s) = values[0] else { throw CELError("\(name) needs a string") }
            return .string(name == "lowerAscii" ? s.lowercased() : s.uppercased())
        case ("versionIsGreaterThan", 2), ("versionIsLessThan", 2), ("quantityIsGreaterThan", 2), ("quantityIsLessThan", 2):
            return try Self.compare(name, values[0], values[1])
        case ("scores", 2):
            guard case .string(let scoreName) = values[1] else { throw CELError("scores() needs the AddOnPlacementScore name") }
            guard case .map(let all)? = env[Self.scoresSlot], let list = all[scoreName] else { return .list([]) }
            return list
        case ("double", 1):
            switch values[0] {
            case .int(let n): return .double(Double(n))
            case .double: return values[0]
            case .string(let s): guard let d = Double(s) else { throw CELError("bad double") }; return .double(d)
            default: throw CELError("bad double")
            }
        case ("int", 1):
            switch values[0] {
            case .int: return values[0]
            case .double(let d): return .int(Int(d))
            case .string(let s): guard let n = Int(s) else { throw CELError("bad int") }; return .int(n)
            default: throw CELError("bad int")
            }
        case ("string", 1):
            switch values[0] {
            case .string: return values[0]
            case .int(let n): return .string(String(n))
            case .bool(let b): return .string(String(b))
            default: throw CELError("bad string")
            }
        default:
            throw CELError("unsupported function \(name)")
        }
    }
}

extension CELValue {
    var number: Double? {
        switch self {
        case .int(let n): return Double(n)
        case .double(let d): return d
        default: return nil
        }
    }
}
