import KealmYAML

/// Reads `statusFeedbacks` values from a live object by a manifest's feedback rules (OCM's format:
/// `{name, fieldValue: {type: Integer|String|Boolean|JsonRaw, integer|string|boolean|jsonRaw}}`).
///
/// Paths are the JSONPath subset OCM documents: `.status.readyReplicas`, `.a.b[0].c`,
/// `.status.conditions[?(@.type=="Ready")].status` (first match). A path that finds nothing
/// gives no value, as in OCM.
public enum StatusFeedback {
    /// Well-known status fields per kind.
    static let wellKnown: [String: [(String, String)]] = [
        "Deployment": [("ReadyReplicas", ".status.readyReplicas"), ("Replicas", ".status.replicas"),
            ("AvailableReplicas", ".status.availableReplicas")],
        "StatefulSet": [("ReadyReplicas", ".status.readyReplicas"), ("Replicas", ".status.replicas"),
            ("AvailableReplicas", ".status.availableReplicas")],
        "DaemonSet": [("NumberReady", ".status.numberReady"), ("DesiredNumberScheduled", ".status.desiredNumberScheduled"),
            ("NumberAvailable", ".status.numberAvailable")],
        "Job": [("JobComplete", ".status.conditions[?(@.type==\"Complete\")].status"),
            ("JobSucceeded", ".status.succeeded")],
        "Pod": [("PodPhase", ".status.phase"), ("PodReady", ".status.conditions[?(@.type==\"Ready\")].status")],
        "VirtualMachine": [("PrintableStatus", ".status.printableStatus"), ("Ready", ".status.ready")],
    ]

    /// The `values` list for one object, or nil when there are no rules.
    public static func values(rules: [FeedbackRule], live: YAMLNode?) -> [YAMLNode]? {
        guard !rules.isEmpty else { return nil }
        guard let live else { return [] }
        let kind = live.string(at: "kind") ?? ""
        var out: [YAMLNode] = []
        for rule in rules {
            let paths = rule.kind == .wellKnownStatus ? (wellKnown[kind] ?? []).map { (name: $0.0, path: $0.1) } : rule.paths
            for p in paths {
                guard let v = evaluate(p.path, in: live) else { continue }
                out.append(.mapping([YAMLPair("name", .string(p.name)), YAMLPair("fieldValue", fieldValue(v))]))
            }
        }
        return out
    }

    static func fieldValue(_ v: YAMLNode) -> YAMLNode {
        if let i = v.intValue { return .mapping([YAMLPair("type", .string("Integer")), YAMLPair("integer", .int(i))]) }
        if let b = v.boolValue { return .mapping([YAMLPair("type", .string("Boolean")), YAMLPair("boolean", .bool(b))]) }
        if case .scalar(let s) = v { return .mapping([YAMLPair("type", .string("String")), YAMLPair("string", .string(s.value))]) }
        return .mapping([YAMLPair("type", .string("JsonRaw")), YAMLPair("jsonRaw", .string(JSON.encode(v)))])
    }

    /// Evaluates a path; nil when any step finds nothing.
    public static func evaluate(_ path: String, in object: YAMLNode) -> YAMLNode? {
        var rest = Substring(path.hasPrefix("{") && path.hasSuffix("}") ? String(path.dropFirst().dropLast()) : path)
        var cur: YAMLNode? = object
        while !rest.isEmpty, let node = cur {
            if rest.hasPrefix(".") {
                rest = rest.dropFirst()
                let end = rest.firstIndex { $0 == "." || $0 == "[" } ?? rest.endIndex
                let key = String(rest[..<end])
                rest = rest[end...]
                if key.isEmpty { continue }
                cur = node[key]
            } else if rest.hasPrefix("[") {
                guard let close = closingBracket(rest) else { return nil }
                let inner = rest[rest.index(after: rest.startIndex)..<close]
                rest = rest[rest.index(after: close)...]
                cur = select(String(inner), in: node)
            } else {
                return nil
            }
        }
        return cur
    }

    static func closingBracket(_ s: Substring) -> Substring.Index? {
        var quote: Character? = nil
        for i in s.indices {
            let c = s[i]
            if let q = quote { if c == q { quote = nil } } else if c == "\"" || c == "'" { quote = c } else if c == "]" { return i }
        }
        return nil
    }

    /// `[0]`, `['key']`, or `[?(@.field=="value")]`.
    static func select(_ inner: String, in node: YAMLNode) -> YAMLNode? {
        let t = inner.trimmingCharacters(in: .whitespaces)
        if let i = Int(t) { return node.items.flatMap { i >= 0 && i < $0.count ? $0[i] : nil } }
        if (t.hasPrefix("'") && t.hasSuffix("'")) || (t.hasPrefix("\"") && t.hasSuffix("\"")), t.count >= 2 {
            return node[String(t.dropFirst().dropLast())]
        }
        guard t.hasPrefix("?(@."), t.hasSuffix(")"), let eq = t.range(of: "==") else { return nil }
        let field = String(t[t.index(t.startIndex, offsetBy: 4)..<eq.lowerBound]).trimmingCharacters(in: .whitespaces)
        var value = String(t[eq.upperBound..<t.index(before: t.endIndex)]).trimmingCharacters(in: .whitespaces)
        if value.count >= 2, let f = value.first, f == "\"" || f == "'", value.last == f { value = String(value.dropFirst().dropLast()) }
        return node.items?.first { item in evaluate("." + field, in: item)?.scalar?.value == value }
    }
}
