import KealmModel
import KealmYAML

/// A user health rule for one group and kind: ordered checks, the first whose condition holds wins.
public struct HealthRule: Sendable {
    /// One `when → status, message` line of a rule.
    public struct Check: Sendable {
        public var when: RuleExpression
        public var status: HealthStatus
        public var message: MessageTemplate
    }

    public var groupKind: GroupKind
    public var checks: [Check]
    /// Used when no check matches; nil means "fall through to the generic rule".
    public var fallback: (status: HealthStatus, message: MessageTemplate)?
    /// Where the rule came from, for diagnostics.
    public var origin: String

    /// The rule as a registry check.
    public var check: HealthCheck {
        let rule = self
        return HealthCheck(name: origin) { object in
            for c in rule.checks where c.when.evaluate(object) {
                return HealthAssessment(c.status, c.message.render(object), source: .userRule)
            }
            if let f = rule.fallback { return HealthAssessment(f.status, f.message.render(object), source: .userRule) }
            return nil
        }
    }
}

/// A message with `{{path}}` placeholders filled from the object (absent paths render as empty).
public struct MessageTemplate: Sendable, Hashable {
    enum Part: Sendable, Hashable { case text(String), field(RulePath) }
    var parts: [Part]

    public init(parsing text: String) throws(HealthRuleError) {
        var parts: [Part] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            parts.append(.text(String(rest[..<open.lowerBound])))
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                throw HealthRuleError("unclosed '{{' in message '\(text)'", hint: "write placeholders as {{status.message}}")
            }
            parts.append(.field(try RulePath(parsing: String(rest[open.upperBound..<close.lowerBound]).trimmingCharacters(in: " "))))
            rest = rest[close.upperBound...]
        }
        parts.append(.text(String(rest)))
        self.parts = parts
    }

    /// The message for one object.
    public func render(_ object: YAMLNode) -> String {
        parts.map { part in
            switch part {
            case .text(let t): return t
            case .field(let p):
                guard let n = p.resolve(in: object) else { return "" }
                return n.scalar.map { n.isNull ? "" : $0.value } ?? JSON.encode(n)
            }
        }.joined()
    }
}
