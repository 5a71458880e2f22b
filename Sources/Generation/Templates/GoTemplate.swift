/// What a Go template does with a missing map key (`missingkey=…` in `goTemplateOptions`).
public enum MissingKey: String, Sendable {
    /// Prints `<no value>` (Go's default).
    case `default`
    /// Same output as `default` for the maps generators produce (Go prints `<no value>` too).
    case zero
    /// Fails the render.
    case error
}

/// A parsed Go `text/template` (the subset ApplicationSets use), with Argo CD's function set
/// (sprig's common functions plus `normalize`, `slugify`, `toYaml`, `fromYaml`).
///
/// Supported: `{{.a.b}}`, `{{$}}`, variables, pipelines, parentheses, `if`/`else if`/`else`,
/// `range` (lists and maps, with `$i, $v :=`), `with`, `{{- -}}` trimming, comments.
/// Not supported: `define`, `template`, `block`, method calls.
public struct GoTemplate: Sendable {
    let nodes: [GoNode]
    public let missingKey: MissingKey

    public init(_ text: String, options: [String] = []) throws(TemplateError) {
        var mk = MissingKey.default
        for o in options {
            switch o {
            case "missingkey=default", "missingkey=invalid": mk = .default
            case "missingkey=zero": mk = .zero
            case "missingkey=error": mk = .error
            default: throw TemplateError("unrecognized option: \(o)")
            }
        }
        missingKey = mk
        do {
            nodes = try GoTemplateParser.parse(text)
        } catch {
            throw TemplateError("failed to parse template \(text): \(error.message)")
        }
    }

    /// Executes the template with `data` as dot.
    public func execute(_ data: TemplateValue) throws(TemplateError) -> String {
        var exec = GoExecutor(missingKey: missingKey, root: data)
        var out = ""
        do {
            _ = try exec.run(nodes, dot: data, into: &out)
        } catch {
            throw TemplateError("failed to execute go template: \(error.message)")
        }
        return out
    }

    /// Renders one string: parse and execute (fast path when there is no action).
    public static func render(_ text: String, _ params: Params, options: [String] = []) throws(TemplateError) -> String {
        if !text.hasTemplateMarker { return text }
        return try GoTemplate(text, options: options).execute(.map(params))
    }
}

/// Runs a parsed template. `nil` values stand for Go's "no value" (a missing key).
struct GoExecutor {
    let missingKey: MissingKey
    let root: TemplateValue
    var vars: [(String, TemplateValue?)] = []

    init(missingKey: MissingKey, root: TemplateValue) {
        self.missingKey = missingKey
        self.root = root
        vars = [("$", root)]
    }

    enum Flow { case normal, breakLoop, continueLoop }

    mutating func run(_ nodes: [GoNode], dot: TemplateValue?, into out: inout String) throws(TemplateError) -> Flow {
        for n in nodes {
            switch n {
            case .text(let t): out += t
            case .action(let p):
                let v = try pipeline(p, dot: dot)
                if p.declarations.isEmpty { out += Self.printed(v) }
            case .ifNode(let p, let body, let elseBody):
                let mark = vars.count
                let cond = try pipeline(p, dot: dot)
                let f = try run((cond?.isTruthy ?? false) ? body : elseBody, dot: dot, into: &out)
                vars.removeSubrange(mark...)
                if f != .normal { return f }
            case .with(let p, let body, let elseBody):
                let mark = vars.count
                let v = try pipeline(p, dot: dot)
                let f = (v?.isTruthy ?? false) ? try run(body, dot: v, into: &out) : try run(elseBody, dot: dot, into: &out)
                vars.removeSubrange(mark...)
                if f != .normal { return f }
            case .range(let p, let body, let elseBody):
                let mark = vars.count
                var decl = p
                decl.declarations = []
                let v = try pipeline(decl, dot: dot)
                var items: [(TemplateValue, TemplateValue)] = []
                switch v {
                case .list(let l)?: items = l.enumerated().map { (.int($0.offset), $0.element) }
                case .map(let m)?: items = m.keys.sorted().map { (.string($0), m[$0]!) }
                case .int(let n)?: items = (0..<max(0, n)).map { (.int($0), .int($0)) }
                case nil, .null?: items = []
                case let other?: throw TemplateError("range can't iterate over \(other.goString)")
                }
                if items.isEmpty {
                    let f = try run(elseBody, dot: dot, into: &out)
                    if f != .normal { vars.removeSubrange(mark...); return f }
                }
                for (k, x) in items {
                    let inner = vars.count
                    if p.declarations.count == 1 { vars.append((p.declarations[0], x)) }
                    if p.declarations.count == 2 { vars.append((p.declarations[0], k)); vars.append((p.declarations[1], x)) }
                    let f = try run(body, dot: x, into: &out)
                    vars.removeSubrange(inner...)
                    if f == .breakLoop { break }
                }
                vars.removeSubrange(mark...)
            case .breakNode: return .breakLoop
            case .continueNode: return .continueLoop
            }
        }
        return .normal
    }

    /// How an action prints a value: Go prints a missing or nil value as `<no value>`.
    static func printed(_ v: TemplateValue?) -> String {
        guard let v, v != .null else { return "<no value>" }
        return v.goString
    }

    mutating func pipeline(_ p: GoPipeline, dot: TemplateValue?) throws(TemplateError) -> TemplateValue? {
        var value: TemplateValue?? = .none
        for cmd in p.commands {
            value = .some(try command(cmd, dot: dot, piped: value))
        }
        let result = value ?? nil
        if !p.declarations.isEmpty {
            if p.isAssignment {
                guard let i = vars.lastIndex(where: { $0.0 == p.declarations[0] }) else {
                    throw TemplateError("undefined variable: \(p.declarations[0])")
                }
                vars[i].1 = result
            } else {
                vars.append((p.declarations[0], result))
            }
        }
        return result
    }

    mutating func command(_ cmd: [GoOperand], dot: TemplateValue?, piped: TemplateValue??) throws(TemplateError) -> TemplateValue? {
        if case .function(let name) = cmd[0] {
            var args: [TemplateValue?] = []
            for a in cmd.dropFirst() { args.append(try operand(a, dot: dot)) }
            if let piped { args.append(piped) }
            return try GoFunctions.call(name, args)
        }
        guard cmd.count == 1 else {
            throw TemplateError("can't give argument to non-function \(cmd[0])")
        }
        if piped != nil { throw TemplateError("can't give argument to non-function") }
        return try operand(cmd[0], dot: dot)
    }

    mutating func operand(_ o: GoOperand, dot: TemplateValue?) throws(TemplateError) -> TemplateValue? {
        switch o {
        case .literal(let v): return v
        case .field(let names): return try fields(dot, names)
        case .variable(let name, let names):
            guard let v = vars.last(where: { $0.0 == name }) else { throw TemplateError("undefined variable: \(name)") }
            return try fields(v.1, names)
        case .pipeline(let p, let names):
            return try fields(try pipeline(p, dot: dot), names)
        case .function(let name):
            return try GoFunctions.call(name, [])
        }
    }

    func fields(_ start: TemplateValue?, _ names: [String]) throws(TemplateError) -> TemplateValue? {
        var cur = start
        for name in names {
            switch cur {
            case .map(let m)?:
                if let v = m[name] {
                    cur = v
                } else if missingKey == .error {
                    throw TemplateError("map has no entry for key \"\(name)\"")
                } else {
                    cur = nil
                }
            case nil, .null?:
                throw TemplateError("nil pointer evaluating interface {}.\(name)")
            case let other?:
                throw TemplateError("can't evaluate field \(name) in type \(GoFunctions.typeName(other))")
            }
        }
        return cur
    }
}
