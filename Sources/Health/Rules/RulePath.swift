import KealmYAML

/// A path into an object, written `status.conditions[type=Ready].status`, `spec.ports[0].port`
/// or `metadata.annotations["example.com/key"]`.
public struct RulePath: Sendable, Hashable, CustomStringConvertible {
    /// One step of a path.
    public enum Step: Sendable, Hashable {
        /// A mapping key.
        case key(String)
        /// A sequence index.
        case index(Int)
        /// The first item of a sequence whose `field` has the scalar text `value`.
        case match(field: String, value: String)
    }

    public var steps: [Step]
    public let text: String

    /// Parses a path; the error text says what is wrong and where.
    public init(parsing text: String) throws(HealthRuleError) {
        self.text = text
        var steps: [Step] = []
        let chars = Array(text)
        var i = 0
        var name = ""
        func flush() { if !name.isEmpty { steps.append(.key(name)); name = "" } }
        while i < chars.count {
            let c = chars[i]
            if c == "." {
                flush()
                i += 1
            } else if c == "[" {
                flush()
                guard let close = chars[i...].firstIndex(of: "]") else {
                    throw HealthRuleError("unclosed '[' in path '\(text)'", hint: "write items as [0], [type=Ready] or [\"key\"]")
                }
                let inner = String(chars[(i + 1)..<close]).trimmingCharacters(in: " ")
                if let n = Int(inner) {
                    steps.append(.index(n))
                } else if inner.count >= 2, let q = inner.first, q == "\"" || q == "'", inner.last == q {
                    steps.append(.key(String(inner.dropFirst().dropLast())))
                } else if let eq = inner.firstIndex(of: "=") {
                    var value = String(inner[inner.index(after: eq)...]).trimmingCharacters(in: " ")
                    if value.count >= 2, let q = value.first, q == "\"" || q == "'", value.last == q { value = String(value.dropFirst().dropLast()) }
                    steps.append(.match(field: String(inner[..<eq]).trimmingCharacters(in: " "), value: value))
                } else {
                    throw HealthRuleError("cannot read '[\(inner)]' in path '\(text)'", hint: "write items as [0], [type=Ready] or [\"key\"]")
                }
                i = close + 1
            } else {
                name.append(c)
                i += 1
            }
        }
        flush()
        if steps.isEmpty { throw HealthRuleError("empty path", hint: "write a path such as status.phase") }
        self.steps = steps
    }

    /// The node at this path, or nil when any step is absent.
    public func resolve(in node: YAMLNode) -> YAMLNode? {
        var cur = node
        for step in steps {
            switch step {
            case .key(let k):
                guard let next = cur[k] else { return nil }
                cur = next
            case .index(let n):
                guard let items = cur.items, n >= 0, n < items.count else { return nil }
                cur = items[n]
            case .match(let field, let value):
                guard let item = cur.items?.first(where: { $0[field]?.scalar?.value == value }) else { return nil }
                cur = item
            }
        }
        return cur
    }

    public var description: String { text }
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s = s.dropFirst() }
        while s.last == set { s = s.dropLast() }
        return String(s)
    }
}
