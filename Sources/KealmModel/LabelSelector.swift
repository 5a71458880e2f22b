import KealmYAML

/// A Kubernetes label selector: `matchLabels` and `matchExpressions`, or the string form
/// used in list queries (`env=prod,tier!=web,app in (a,b),!legacy`).
public struct LabelSelector: Sendable, Hashable {
    /// One requirement of a selector.
    public struct Requirement: Sendable, Hashable {
        public enum Operator: String, Sendable, Hashable {
            case `in` = "In", notIn = "NotIn", exists = "Exists", doesNotExist = "DoesNotExist"
            case equals = "=", notEquals = "!="
        }
        public var key: String
        public var op: Operator
        public var values: [String]
        public init(key: String, op: Operator, values: [String] = []) {
            self.key = key
            self.op = op
            self.values = values
        }

        public func matches(_ labels: [String: String]) -> Bool {
            let v = labels[key]
            switch op {
            case .in: return v.map { values.contains($0) } ?? false
            case .equals: return v.map { values.contains($0) } ?? false
            case .notIn, .notEquals: return v.map { !values.contains($0) } ?? true
            case .exists: return v != nil
            case .doesNotExist: return v == nil
            }
        }
    }

    public var requirements: [Requirement]

    public init(requirements: [Requirement] = []) { self.requirements = requirements }

    /// A selector that matches when every given label has the given value.
    public init(matchLabels: [String: String]) {
        requirements = matchLabels.sorted { $0.key < $1.key }.map { Requirement(key: $0.key, op: .in, values: [$0.value]) }
    }

    /// True when the selector has no requirements (it matches everything).
    public var isEmpty: Bool { requirements.isEmpty }

    /// True when every requirement holds for the labels.
    public func matches(_ labels: [String: String]) -> Bool { requirements.allSatisfy { $0.matches(labels) } }

    /// Reads a `metav1.LabelSelector` object (`matchLabels`, `matchExpressions`).
    public init(node: YAMLNode) throws(ModelError) {
        var reqs: [Requirement] = []
        if let ml = node["matchLabels"]?.pairs {
            for p in ml {
                reqs.append(Requirement(key: p.key.value, op: .in, values: [p.value.string ?? ""]))
            }
        }
        if let exprs = node["matchExpressions"]?.items {
            for e in exprs {
                guard let key = e.string(at: "key"), let opText = e.string(at: "operator"),
                    let op = Requirement.Operator(rawValue: opText), op != .equals, op != .notEquals
                else {
                    throw ModelError(.invalid, "invalid matchExpressions entry \(JSON.encode(e))",
                        field: "matchExpressions", hint: "use key, operator (In, NotIn, Exists, DoesNotExist) and values")
                }
                let values = (e["values"]?.items ?? []).compactMap { $0.string }
                if (op == .in || op == .notIn) && values.isEmpty {
                    throw ModelError(.invalid, "operator \(opText) on key \(key) needs values", field: "matchExpressions")
                }
                reqs.append(Requirement(key: key, op: op, values: values))
            }
        }
        requirements = reqs
    }

    /// Parses the string form used by `?labelSelector=` and `kubectl -l`.
    public init(parsing text: String) throws(ModelError) {
        var reqs: [Requirement] = []
        for raw in Self.splitTopLevel(text) {
            let term = raw.trimmingSpaces
            if term.isEmpty { continue }
            if term.hasPrefix("!") {
                reqs.append(Requirement(key: String(term.dropFirst()).trimmingSpaces, op: .doesNotExist))
            } else if let r = term.range(of: " notin ") ?? term.range(of: " notin(") {
                let key = String(term[..<r.lowerBound]).trimmingSpaces
                reqs.append(Requirement(key: key, op: .notIn, values: try Self.setValues(String(term[r.lowerBound...].dropFirst(" notin".count)), term)))
            } else if let r = term.range(of: " in ") ?? term.range(of: " in(") {
                let key = String(term[..<r.lowerBound]).trimmingSpaces
                reqs.append(Requirement(key: key, op: .in, values: try Self.setValues(String(term[r.lowerBound...].dropFirst(" in".count)), term)))
            } else if let r = term.range(of: "!=") {
                reqs.append(Requirement(key: String(term[..<r.lowerBound]).trimmingSpaces, op: .notEquals,
                    values: [String(term[r.upperBound...]).trimmingSpaces]))
            } else if let r = term.range(of: "==") ?? term.range(of: "=") {
                reqs.append(Requirement(key: String(term[..<r.lowerBound]).trimmingSpaces, op: .equals,
                    values: [String(term[r.upperBound...]).trimmingSpaces]))
            } else {
                reqs.append(Requirement(key: term, op: .exists))
            }
        }
        requirements = reqs
    }

    static func setValues(_ s: String, _ term: String) throws(ModelError) -> [String] {
        let t = s.trimmingSpaces
        guard t.hasPrefix("("), t.hasSuffix(")") else {
            throw ModelError(.invalid, "invalid label selector term '\(term)'", hint: "write sets as key in (a,b)")
        }
        return t.dropFirst().dropLast().split(separator: ",").map { String($0).trimmingSpaces }
    }

    static func splitTopLevel(_ s: String) -> [String] {
        var out: [String] = []
        var cur = ""
        var depth = 0
        for c in s {
            if c == "(" { depth += 1 }
            if c == ")" { depth -= 1 }
            if c == "," && depth == 0 {
                out.append(cur)
                cur = ""
            } else {
                cur.append(c)
            }
        }
        out.append(cur)
        return out
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}

extension YAMLNode {
    /// `metadata.labels` as a dictionary (empty when absent).
    public var labels: [String: String] { stringMap(at: ["metadata", "labels"]) }

    /// `metadata.annotations` as a dictionary (empty when absent).
    public var annotations: [String: String] { stringMap(at: ["metadata", "annotations"]) }

    /// A mapping of strings at a path as a dictionary.
    public func stringMap(at path: [String]) -> [String: String] {
        guard let pairs = self[path: path]?.pairs else { return [:] }
        var out: [String: String] = [:]
        for p in pairs { out[p.key.value] = p.value.scalar?.value ?? "" }
        return out
    }
}
