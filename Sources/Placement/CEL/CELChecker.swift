/// The static check of a parsed `celSelector` expression, as CEL's type checker would reject it
/// before evaluation: every identifier must be `managedCluster` or a variable a macro binds, and
/// every function must be one this evaluator knows with an arity it accepts. A rejected
/// expression makes the Placement misconfigured (OCM: "compilation failed").
enum CELChecker {
    /// Functions and the argument counts they take (the receiver of `a.f(b)` counts as an argument).
    static let functions: [String: Set<Int>] = [
        "size": [1], "startsWith": [2], "endsWith": [2], "contains": [2], "lowerAscii": [1], "upperAscii": [1],
        "int": [1], "string": [1], "double": [1],
        "versionIsGreaterThan": [2], "versionIsLessThan": [2], "quantityIsGreaterThan": [2], "quantityIsLessThan": [2],
        "scores": [2],
    ]
    static let macros: Set<String> = ["exists", "all", "exists_one", "filter", "map"]
    /// The one variable a placement expression sees.
    static let root = "managedCluster"

    static func check(_ e: CELExpr, bound: Set<String> = [root]) throws(CELError) {
        switch e {
        case .literal: return
        case .ident(let n):
            guard bound.contains(n) else {
                throw CELError("undeclared reference to '\(n)' (the cluster is the variable '\(root)', e.g. \(root).metadata.labels[\"env\"])")
            }
        case .list(let items):
            for i in items { try check(i, bound: bound) }
        case .member(let t, _): try check(t, bound: bound)
        case .index(let t, let i):
            try check(t, bound: bound)
            try check(i, bound: bound)
        case .unary(_, let x): try check(x, bound: bound)
        case .binary(_, let a, let b):
            try check(a, bound: bound)
            try check(b, bound: bound)
        case .ternary(let c, let a, let b):
            try check(c, bound: bound)
            try check(a, bound: bound)
            try check(b, bound: bound)
        case .call(let target, let name, let args):
            if let target, macros.contains(name) {
                guard args.count == 2, case .ident(let v) = args[0] else {
                    throw CELError("\(name)() takes a variable and an expression, e.g. list.\(name)(x, x > 0)")
                }
                try check(target, bound: bound)
                try check(args[1], bound: bound.union([v]))
                return
            }
            if target == nil && name == "has" {
                guard args.count == 1, case .member(let t, _) = args[0] else { throw CELError("has() takes a field selection, e.g. has(\(root).spec)") }
                try check(t, bound: bound)
                return
            }
            guard let arities = functions[name] else {
                throw CELError("undeclared function '\(name)' (supported: \(functions.keys.sorted().joined(separator: ", ")), has and the macros)")
            }
            let n = args.count + (target == nil ? 0 : 1)
            guard arities.contains(n) else {
                throw CELError("\(name) takes \(arities.sorted().map(String.init).joined(separator: " or ")) argument(s), not \(n)")
            }
            if let target { try check(target, bound: bound) }
            for a in args { try check(a, bound: bound) }
        }
    }
}
