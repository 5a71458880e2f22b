/// The syntax tree of a Go `text/template` subset: text, actions, `if`/`range`/`with` with
/// `else` (and `else if`), variables, pipelines and parenthesised pipelines.
indirect enum GoNode: Sendable {
    case text(String)
    case action(GoPipeline)
    case ifNode(GoPipeline, [GoNode], [GoNode])
    case range(GoPipeline, [GoNode], [GoNode])
    case with(GoPipeline, [GoNode], [GoNode])
    case breakNode, continueNode
}

/// `$a, $b := cmd | cmd …`.
struct GoPipeline: Sendable {
    var declarations: [String] = []
    /// True for `=` (assign to an existing variable) rather than `:=`.
    var isAssignment = false
    var commands: [[GoOperand]] = []
}

indirect enum GoOperand: Sendable {
    /// `.a.b` (empty for `.`).
    case field([String])
    /// `$x.a.b` (`$` is the root).
    case variable(String, [String])
    /// A function name.
    case function(String)
    case literal(TemplateValue)
    /// `(pipeline).a.b`.
    case pipeline(GoPipeline, [String])
}

/// A template that failed to parse or execute; the message follows Go's wording where it matters.
public struct TemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Parses template text into `GoNode`s.
struct GoTemplateParser {
    enum Tok: Equatable { case field([String]), variable(String, [String]), ident(String), string(String), number(String), pipe, lparen, rparen(fields: [String]), declare, assign, comma }

    let source: String

    /// Parses the whole template.
    static func parse(_ text: String) throws(TemplateError) -> [GoNode] {
        var segs = try segments(text)[...]
        let (nodes, end) = try parseList(&segs)
        if let end { throw TemplateError("unexpected {{\(end)}}") }
        return nodes
    }

    /// Parses nodes until `end`/`else`; returns the terminator keyword (with `else if`'s pipeline tokens left in place).
    static func parseList(_ segs: inout ArraySlice<(text: String?, tokens: [Tok]?)>) throws(TemplateError) -> ([GoNode], String?) {
        var nodes: [GoNode] = []
        while let seg = segs.popFirst() {
            if let t = seg.text {
                if !t.isEmpty { nodes.append(.text(t)) }
                continue
            }
            let toks = seg.tokens!
            guard case .ident(let kw)? = toks.first else {
                nodes.append(.action(try parsePipeline(toks[...])))
                continue
            }
            switch kw {
            case "end": return (nodes, "end")
            case "else":
                if toks.count > 1 {
                    // `else if …` / `else with …`: push the rest back as its own action.
                    segs = [(nil, Array(toks.dropFirst()))] + segs
                    return (nodes, "elseChain")
                }
                return (nodes, "else")
            case "if", "range", "with":
                let pipe = try parsePipeline(toks.dropFirst())
                let (body, term) = try parseList(&segs)
                var elseBody: [GoNode] = []
                switch term {
                case "end": break
                case "else":
                    let (e, t2) = try parseList(&segs)
                    guard t2 == "end" else { throw TemplateError("expected end after else") }
                    elseBody = e
                case "elseChain":
                    // The chained `if` consumes the shared `end`.
                    let (e, t2) = try parseList(&segs, single: true)
                    _ = t2
                    elseBody = e
                default: throw TemplateError("unexpected EOF: missing {{end}} for {{\(kw)}}")
                }
                switch kw {
                case "if": nodes.append(.ifNode(pipe, body, elseBody))
                case "range": nodes.append(.range(pipe, body, elseBody))
                default: nodes.append(.with(pipe, body, elseBody))
                }
            case "break": nodes.append(.breakNode)
            case "continue": nodes.append(.continueNode)
            case "define", "template", "block":
                throw TemplateError("{{\(kw)}} is not supported")
            default:
                nodes.append(.action(try parsePipeline(toks[...])))
            }
        }
        return (nodes, nil)
    }

    /// Parses exactly one control node (the `if` of an `else if`), which ends at the outer `end`.
    static func parseList(_ segs: inout ArraySlice<(text: String?, tokens: [Tok]?)>, single: Bool) throws(TemplateError) -> ([GoNode], String?) {
        guard let seg = segs.popFirst(), let toks = seg.tokens, case .ident(let kw)? = toks.first, kw == "if" || kw == "with" else {
            throw TemplateError("expected if or with after else")
        }
        let pipe = try parsePipeline(toks.dropFirst())
        let (body, term) = try parseList(&segs)
        var elseBody: [GoNode] = []
        switch term {
        case "end": break
        case "else":
            let (e, t2) = try parseList(&segs)
            guard t2 == "end" else { throw TemplateError("expected end after else") }
            elseBody = e
        case "elseChain":
            elseBody = try parseList(&segs, single: true).0
        default: throw TemplateError("unexpected EOF: missing {{end}}")
        }
        return ([kw == "if" ? .ifNode(pipe, body, elseBody) : .with(pipe, body, elseBody)], "end")
    }

    static func parsePipeline(_ toks: ArraySlice<Tok>) throws(TemplateError) -> GoPipeline {
        var p = GoPipeline()
        var t = toks
        // Declarations: `$x :=`, `$i, $v :=`, `$x =`.
        if let declIdx = t.firstIndex(where: { $0 == .declare || $0 == .assign }),
            t[t.startIndex..<declIdx].allSatisfy({ if case .variable(_, let f) = $0 { return f.isEmpty }; return $0 == .comma })
        {
            for tok in t[t.startIndex..<declIdx] { if case .variable(let n, _) = tok { p.declarations.append(n) } }
            p.isAssignment = t[declIdx] == .assign
            t = t[(declIdx + 1)...]
        }
        var cmd: [GoOperand] = []
        while let tok = t.popFirst() {
            switch tok {
            case .pipe:
                guard !cmd.isEmpty else { throw TemplateError("missing command") }
                p.commands.append(cmd)
                cmd = []
            case .lparen:
                var depth = 1
                var inner: [Tok] = []
                var trailing: [String] = []
                while let x = t.popFirst() {
                    if x == .lparen { depth += 1 }
                    if case .rparen(let f) = x {
                        depth -= 1
                        if depth == 0 { trailing = f; break }
                    }
                    inner.append(x)
                }
                guard depth == 0 else { throw TemplateError("unclosed left paren") }
                cmd.append(.pipeline(try parsePipeline(inner[...]), trailing))
            case .rparen: throw TemplateError("unexpected right paren")
            case .field(let f): cmd.append(.field(f))
            case .variable(let n, let f): cmd.append(.variable(n, f))
            case .string(let s): cmd.append(.literal(.string(s)))
            case .number(let n):
                if let i = Int(n) { cmd.append(.literal(.int(i))) } else if let d = Double(n) { cmd.append(.literal(.double(d))) } else {
                    throw TemplateError("bad number syntax: \(n)")
                }
            case .ident("true"): cmd.append(.literal(.bool(true)))
            case .ident("false"): cmd.append(.literal(.bool(false)))
            case .ident("nil"): cmd.append(.literal(.null))
            case .ident(let n): cmd.append(.function(n))
            case .declare, .assign, .comma: throw TemplateError("unexpected declaration")
            }
        }
        guard !cmd.isEmpty else { throw TemplateError("missing value for command") }
        p.commands.append(cmd)
        return p
    }
}
