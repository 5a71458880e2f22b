import Foundation
import KealmYAML

/// The subset of jq path expressions that `ignoreDifferences.jqPathExpressions` needs:
/// `.a.b`, `.["key.with.dots"]`, `.a[]`, `.a[2]`, optional `?` after a step, and pipes into
/// `select(.field == "value")` / `select(.field != "value")` (strings, numbers, booleans, null).
///
/// `.spec.template.spec.containers[] | select(.name == "app") | .env[] | select(.name == "X")`
public struct JQPath: Sendable, Hashable {
    enum Step: Sendable, Hashable {
        case key(String)
        case each
        case index(Int)
        case select(path: [Step], equal: Bool, literal: String?)
    }

    var steps: [Step]

    public init(parsing text: String) throws(DriftError) {
        var steps: [Step] = []
        for (n, raw) in text.split(separator: "|").enumerated() {
            let seg = raw.trimmingCharacters(in: .whitespaces)
            if seg.hasPrefix("select(") && seg.hasSuffix(")") {
                let inner = String(seg.dropFirst(7).dropLast())
                let (op, equal) = inner.contains("!=") ? ("!=", false) : ("==", true)
                let parts = inner.components(separatedBy: op)
                guard parts.count == 2 else { throw Self.error(text, "select() needs one == or != comparison") }
                let lhs = try Self.path(parts[0].trimmingCharacters(in: .whitespaces), whole: text)
                let rhsText = parts[1].trimmingCharacters(in: .whitespaces)
                let literal: String?
                if rhsText == "null" {
                    literal = nil
                } else if rhsText.hasPrefix("\"") && rhsText.hasSuffix("\"") && rhsText.count >= 2 {
                    literal = String(rhsText.dropFirst().dropLast())
                } else if rhsText == "true" || rhsText == "false" || Double(rhsText) != nil {
                    literal = rhsText
                } else {
                    throw Self.error(text, "cannot read the value '\(rhsText)' in select()")
                }
                steps.append(.select(path: lhs, equal: equal, literal: literal))
            } else {
                if n > 0 && !seg.hasPrefix(".") { throw Self.error(text, "each part after '|' starts with '.' or is select(...)") }
                steps += try Self.path(seg, whole: text)
            }
        }
        self.steps = steps
    }

    static func error(_ text: String, _ m: String) -> DriftError {
        DriftError("jq expression '\(text)': \(m)", hint: "supported: .a.b, .[\"k\"], [] , [n], | select(.f == \"v\")")
    }

    static func path(_ s: String, whole: String) throws(DriftError) -> [Step] {
        guard s.hasPrefix(".") else { throw error(whole, "a path starts with '.'") }
        var steps: [Step] = []
        let c = Array(s)
        var i = 0
        while i < c.count {
            switch c[i] {
            case ".":
                i += 1
                var name = ""
                while i < c.count, c[i].isLetter || c[i].isNumber || c[i] == "_" || c[i] == "-" { name.append(c[i]); i += 1 }
                if !name.isEmpty { steps.append(.key(name)) }
            case "[":
                guard let close = c[i...].firstIndex(of: "]") else { throw error(whole, "unclosed '['") }
                let inner = String(c[(i + 1)..<close]).trimmingCharacters(in: .whitespaces)
                if inner.isEmpty { steps.append(.each) } else if let n = Int(inner) { steps.append(.index(n)) } else if inner.count >= 2,
                    inner.hasPrefix("\""), inner.hasSuffix("\"")
                {
                    steps.append(.key(String(inner.dropFirst().dropLast())))
                } else {
                    throw error(whole, "cannot read '[\(inner)]'")
                }
                i = close + 1
            case "?", " ": i += 1
            default: throw error(whole, "unexpected '\(c[i])'")
            }
        }
        return steps
    }

    /// The locations the expression selects in a node.
    func locations(in root: YAMLNode) -> [[NodeEdit.Loc]] {
        var current: [([NodeEdit.Loc], YAMLNode)] = [([], root)]
        for step in steps { current = Self.apply(step, current) }
        return current.map(\.0).filter { !$0.isEmpty }
    }

    static func apply(_ step: Step, _ current: [([NodeEdit.Loc], YAMLNode)]) -> [([NodeEdit.Loc], YAMLNode)] {
        var out: [([NodeEdit.Loc], YAMLNode)] = []
        for (loc, node) in current {
            switch step {
            case .key(let k): if let v = node[k] { out.append((loc + [.key(k)], v)) }
            case .index(let n): if let items = node.items, n >= 0, n < items.count { out.append((loc + [.index(n)], items[n])) }
            case .each: for (i, v) in (node.items ?? []).enumerated() { out.append((loc + [.index(i)], v)) }
            case .select(let path, let equal, let literal):
                let values = apply(path, [([], node)]).map(\.1)
                let matches = values.contains { v in
                    guard let lit = literal else { return v.isNull }
                    return v.scalar.map { !v.isNull && $0.value == lit } ?? false
                } || (literal == nil && values.isEmpty)
                if matches == equal { out.append((loc, node)) }
            }
        }
        return out
    }

    static func apply(_ steps: [Step], _ current: [([NodeEdit.Loc], YAMLNode)]) -> [([NodeEdit.Loc], YAMLNode)] {
        steps.reduce(current) { apply($1, $0) }
    }

    /// Removes what the expression selects.
    func remove(from node: inout YAMLNode) { NodeEdit.remove(locations(in: node), from: &node) }
}
