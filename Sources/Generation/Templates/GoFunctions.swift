import Foundation
import KealmYAML

/// The functions available to Go templates: Go's builtins and the sprig functions
/// ApplicationSets commonly use, plus Argo CD's `normalize`, `slugify`, `toYaml`, `fromYaml`.
enum GoFunctions {
    static func typeName(_ v: TemplateValue) -> String {
        switch v {
        case .null: return "<nil>"
        case .bool: return "bool"
        case .int: return "int"
        case .double: return "float64"
        case .string: return "string"
        case .list: return "[]interface {}"
        case .map: return "map[string]interface {}"
        }
    }

    static func str(_ v: TemplateValue?) -> String {
        guard let v, v != .null else { return "" }
        return v.goString
    }

    static func int(_ v: TemplateValue?) -> Int {
        switch v {
        case .int(let i)?: return i
        case .double(let d)?: return Int(d)
        case .string(let s)?: return Int(s) ?? 0
        case .bool(let b)?: return b ? 1 : 0
        default: return 0
        }
    }

    static func isEmpty(_ v: TemplateValue?) -> Bool { !(v?.isTruthy ?? false) }

    static func arity(_ name: String, _ args: [TemplateValue?], _ n: Int) throws(TemplateError) {
        guard args.count == n else {
            throw TemplateError("wrong number of args for \(name): want \(n) got \(args.count)")
        }
    }

    static func compare(_ a: TemplateValue?, _ b: TemplateValue?) throws(TemplateError) -> Int {
        switch (a ?? .null, b ?? .null) {
        case (.int(let x), .int(let y)): return x < y ? -1 : (x > y ? 1 : 0)
        case (.string(let x), .string(let y)): return x < y ? -1 : (x > y ? 1 : 0)
        case (.double, _), (_, .double):
            guard case let (x?, y?) = (num(a), num(b)) else { throw TemplateError("incompatible types for comparison") }
            return x < y ? -1 : (x > y ? 1 : 0)
        default: throw TemplateError("incompatible types for comparison")
        }
    }

    static func num(_ v: TemplateValue?) -> Double? {
        switch v {
        case .int(let i)?: return Double(i)
        case .double(let d)?: return d
        default: return nil
        }
    }

    static func call(_ name: String, _ args: [TemplateValue?]) throws(TemplateError) -> TemplateValue? {
        switch name {
        // Go builtins
        case "and":
            for a in args.dropLast() where !(a?.isTruthy ?? false) { return a }
            return args.last ?? nil
        case "or":
            for a in args.dropLast() where a?.isTruthy ?? false { return a }
            return args.last ?? nil
        case "not": try arity(name, args, 1); return .bool(!(args[0]?.isTruthy ?? false))
        case "eq":
            guard args.count >= 2 else { throw TemplateError("missing argument for comparison") }
            return .bool(args.dropFirst().contains { ($0 ?? .null) == (args[0] ?? .null) || (num($0) != nil && num($0) == num(args[0])) })
        case "ne": try arity(name, args, 2); return .bool((args[0] ?? .null) != (args[1] ?? .null))
        case "lt": try arity(name, args, 2); return .bool(try compare(args[0], args[1]) < 0)
        case "le": try arity(name, args, 2); return .bool(try compare(args[0], args[1]) <= 0)
        case "gt": try arity(name, args, 2); return .bool(try compare(args[0], args[1]) > 0)
        case "ge": try arity(name, args, 2); return .bool(try compare(args[0], args[1]) >= 0)
        case "len":
            try arity(name, args, 1)
            switch args[0] {
            case .string(let s)?: return .int(s.utf8.count)
            case .list(let l)?: return .int(l.count)
            case .map(let m)?: return .int(m.count)
            default: throw TemplateError("len of \(args[0].map(typeName) ?? "nil")")
            }
        case "index":
            guard var cur = args.first ?? nil else { throw TemplateError("index of untyped nil") }
            for k in args.dropFirst() {
                switch (cur, k) {
                case (.map(let m), .string(let key)?): cur = m[key] ?? .null
                case (.list(let l), let i?):
                    let n = int(i)
                    guard n >= 0 && n < l.count else { throw TemplateError("index out of range: \(n)") }
                    cur = l[n]
                case (.null, _): throw TemplateError("index of untyped nil")
                default: throw TemplateError("can't index item of type \(typeName(cur))")
                }
            }
            return cur
        case "print": return .string(args.map { $0.map(\.goString) ?? "<nil>" }.joined())
        case "println": return .string(args.map { $0.map(\.goString) ?? "<nil>" }.joined(separator: " ") + "\n")
        case "printf":
            guard case .string(let f)?? = args.first else { throw TemplateError("printf needs a format string") }
            return .string(printf(f, Array(args.dropFirst())))
        // sprig strings
        case "default":
            guard args.count >= 1 else { throw TemplateError("wrong number of args for default") }
            if args.count == 1 { return args[0] }
            return isEmpty(args[1]) ? args[0] : args[1]
        case "empty": try arity(name, args, 1); return .bool(isEmpty(args[0]))
        case "coalesce": return args.first { !isEmpty($0) } ?? nil
        case "ternary": try arity(name, args, 3); return (args[2]?.isTruthy ?? false) ? args[0] : args[1]
        case "lower": try arity(name, args, 1); return .string(str(args[0]).lowercased())
        case "upper": try arity(name, args, 1); return .string(str(args[0]).uppercased())
        case "title": try arity(name, args, 1); return .string(str(args[0]).capitalized)
        case "trim": try arity(name, args, 1); return .string(str(args[0]).trimmingCharacters(in: .whitespacesAndNewlines))
        case "trimPrefix":
            try arity(name, args, 2)
            let s = str(args[1]), p = str(args[0])
            return .string(s.hasPrefix(p) ? String(s.dropFirst(p.count)) : s)
        case "trimSuffix":
            try arity(name, args, 2)
            let s = str(args[1]), p = str(args[0])
            return .string(s.hasSuffix(p) ? String(s.dropLast(p.count)) : s)
        case "replace":
            try arity(name, args, 3)
            let old = str(args[0])
            return .string(old.isEmpty ? str(args[2]) : str(args[2]).replacingOccurrences(of: old, with: str(args[1])))
        case "contains": try arity(name, args, 2); return .bool(str(args[1]).contains(str(args[0])) || str(args[0]).isEmpty)
        case "hasPrefix": try arity(name, args, 2); return .bool(str(args[1]).hasPrefix(str(args[0])))
        case "hasSuffix": try arity(name, args, 2); return .bool(str(args[1]).hasSuffix(str(args[0])))
        case "trunc":
            try arity(name, args, 2)
            let c = int(args[0])
            let s = Array(str(args[1]).utf8)
            if c < 0 && s.count + c > 0 { return .string(String(decoding: s[(s.count + c)...], as: UTF8.self)) }
            if c >= 0 && s.count > c { return .string(String(decoding: s[..<c], as: UTF8.self)) }
            return .string(String(decoding: s, as: UTF8.self))
        case "quote": return .string(args.compactMap { $0 }.map { goQuote(str($0)) }.joined(separator: " "))
        case "squote": return .string(args.compactMap { $0 }.map { "'\(str($0))'" }.joined(separator: " "))
        case "join":
            try arity(name, args, 2)
            guard case .list(let l)? = args[1] else { return .string(str(args[1])) }
            return .string(l.map(\.goString).joined(separator: str(args[0])))
        case "split", "splitList":
            try arity(name, args, 2)
            let parts = str(args[1]).components(separatedBy: str(args[0]))
            if name == "splitList" { return .list(parts.map { .string($0) }) }
            var m: [String: TemplateValue] = [:]
            for (i, p) in parts.enumerated() { m["_\(i)"] = .string(p) }
            return .map(m)
        case "toString": try arity(name, args, 1); return .string(str(args[0]))
        case "int", "atoi": try arity(name, args, 1); return .int(int(args[0]))
        case "b64enc": try arity(name, args, 1); return .string(Data(str(args[0]).utf8).base64EncodedString())
        case "b64dec":
            try arity(name, args, 1)
            guard let d = Data(base64Encoded: str(args[0])) else { return .string("") }
            return .string(String(decoding: d, as: UTF8.self))
        case "list": return .list(args.map { $0 ?? .null })
        case "dict":
            var m: [String: TemplateValue] = [:]
            var i = 0
            while i < args.count {
                m[str(args[i])] = i + 1 < args.count ? (args[i + 1] ?? .null) : .string("")
                i += 2
            }
            return .map(m)
        case "hasKey":
            try arity(name, args, 2)
            guard case .map(let m)? = args[0] else { return .bool(false) }
            return .bool(m[str(args[1])] != nil)
        // Argo CD's own
        case "normalize": try arity(name, args, 1); return .string(Names.sanitize(str(args[0])))
        case "slugify": return .string(Names.slugify(str(args.last ?? nil)))
        case "toYaml":
            try arity(name, args, 1)
            var text = YAMLText.emit(args[0] ?? .null)
            while text.hasSuffix("\n") { text.removeLast() }
            return .string(text)
        case "toJson", "toRawJson":
            try arity(name, args, 1)
            return .string(JSON.encode((args[0] ?? .null).node))
        case "fromYaml", "fromJson":
            try arity(name, args, 1)
            guard let n = try? YAMLParser.parse(str(args[0])) else { return .map([:]) }
            return TemplateValue(n)
        default:
            throw TemplateError("function \"\(name)\" not defined")
        }
    }

    static func goQuote(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }

    /// `fmt.Sprintf` for the verbs templates use: `%s %v %d %q %f %t %%`, with widths ignored.
    static func printf(_ format: String, _ args: [TemplateValue?]) -> String {
        var out = ""
        var it = format.makeIterator()
        var argi = 0
        func next() -> TemplateValue? {
            defer { argi += 1 }
            return argi < args.count ? args[argi] : nil
        }
        while let c = it.next() {
            guard c == "%" else { out.append(c); continue }
            var verb = it.next()
            while let v = verb, v.isNumber || v == "." || v == "-" || v == "+" { verb = it.next() }
            switch verb {
            case "%": out += "%"
            case "s", "v": out += next().map(\.goString) ?? "%!v(MISSING)"
            case "d": out += String(int(next()))
            case "q": out += goQuote(str(next()))
            case "t": out += str(next())
            case "f": out += String(format: "%f", num(next()) ?? 0)
            default: out += "%!" + (verb.map { String($0) } ?? "")
            }
        }
        return out
    }
}
