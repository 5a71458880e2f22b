import KealmYAML

/// The simple JSONPath subset of CRD `additionalPrinterColumns[].jsonPath`: fields (`.a.b`,
/// `['a.b/c']`), list indexes (`[0]`, `[-1]`), all items (`[*]`, first match shown) and filters on
/// a field of the items (`[?(@.type=="Ready")]`, `!=`). The first match is the column's value.
struct PrinterColumnPath: Sendable, Equatable {
    enum Step: Sendable, Equatable {
        case field(String)
        case index(Int)
        case all
        case filter(path: [String], value: String, equal: Bool)
    }

    var steps: [Step]

    /// Parses a path; nil when it is outside the supported subset.
    init?(_ text: String) {
        var s = Substring(text.trimmingCharacters(in: " "))
        if s.hasPrefix("{") && s.hasSuffix("}") { s = s.dropFirst().dropLast() }
        if s.hasPrefix("$") { s = s.dropFirst() }
        var steps: [Step] = []
        while let c = s.first {
            if c == "." {
                s = s.dropFirst()
                var name = ""
                while let d = s.first, d != ".", d != "[" {
                    if d == "\\", s.count > 1 {
                        s = s.dropFirst()
                        name.append(s.first!)
                    } else {
                        name.append(d)
                    }
                    s = s.dropFirst()
                }
                if name.isEmpty { return nil }
                steps.append(.field(name))
            } else if c == "[" {
                guard let close = Self.closingBracket(s) else { return nil }
                let inner = String(s[s.index(after: s.startIndex)..<close]).trimmingCharacters(in: " ")
                s = s[s.index(after: close)...]
                if inner == "*" {
                    steps.append(.all)
                } else if let i = Int(inner) {
                    steps.append(.index(i))
                } else if (inner.hasPrefix("'") && inner.hasSuffix("'") || inner.hasPrefix("\"") && inner.hasSuffix("\"")), inner.count >= 2 {
                    steps.append(.field(String(inner.dropFirst().dropLast())))
                } else if inner.hasPrefix("?(") && inner.hasSuffix(")") {
                    guard let f = Self.filter(String(inner.dropFirst(2).dropLast())) else { return nil }
                    steps.append(f)
                } else {
                    return nil
                }
            } else {
                return nil
            }
        }
        self.steps = steps
    }

    /// The index of the `]` closing the bracket at the start of `s` (quotes respected).
    static func closingBracket(_ s: Substring) -> Substring.Index? {
        var quote: Character?
        var i = s.index(after: s.startIndex)
        while i < s.endIndex {
            let c = s[i]
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "'" || c == "\"" {
                quote = c
            } else if c == "]" {
                return i
            }
            i = s.index(after: i)
        }
        return nil
    }

    /// `@.a.b=="x"` or `@.a!='x'`.
    static func filter(_ text: String) -> Step? {
        let equal: Bool
        let parts: [String]
        if let r = text.range(of: "!=") {
            equal = false
            parts = [String(text[..<r.lowerBound]), String(text[r.upperBound...])]
        } else if let r = text.range(of: "==") {
            equal = true
            parts = [String(text[..<r.lowerBound]), String(text[r.upperBound...])]
        } else {
            return nil
        }
        let lhs = parts[0].trimmingCharacters(in: " ")
        var rhs = parts[1].trimmingCharacters(in: " ")
        guard lhs.hasPrefix("@.") else { return nil }
        if rhs.count >= 2, let f = rhs.first, f == "\"" || f == "'", rhs.last == f { rhs = String(rhs.dropFirst().dropLast()) }
        return .filter(path: lhs.dropFirst(2).split(separator: ".").map(String.init), value: rhs, equal: equal)
    }

    /// The first value the path selects in `node`, or nil.
    func first(in node: YAMLNode) -> YAMLNode? { Self.first(steps[...], node) }

    static func first(_ steps: ArraySlice<Step>, _ node: YAMLNode) -> YAMLNode? {
        guard let step = steps.first else { return node }
        let rest = steps.dropFirst()
        switch step {
        case .field(let k):
            return node[k].flatMap { first(rest, $0) }
        case .index(let i):
            guard let items = node.items else { return nil }
            let j = i < 0 ? items.count + i : i
            return items.indices.contains(j) ? first(rest, items[j]) : nil
        case .all:
            if let items = node.items {
                for item in items { if let v = first(rest, item) { return v } }
            } else if let pairs = node.pairs {
                for p in pairs { if let v = first(rest, p.value) { return v } }
            }
            return nil
        case .filter(let path, let value, let equal):
            for item in node.items ?? [] {
                let v = item[path: path]?.scalar?.value
                if (v == value) == equal, v != nil || !equal, let out = first(rest, item) { return out }
            }
            return nil
        }
    }
}
