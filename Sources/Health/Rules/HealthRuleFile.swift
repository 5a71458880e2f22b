import KealmModel
import KealmYAML

/// Reads user health rules from YAML, so rules can be added without recompiling:
///
/// ```yaml
/// rules:
///   - group: example.com          # "" or omitted for the core group
///     kind: Widget                # "*" matches every kind of the group
///     checks:                     # first match wins
///       - when: status.conditions[type=Failed].status == "True"
///         status: Degraded
///         message: "{{status.conditions[type=Failed].message}}"
///       - when: status.phase == "Running" && status.readyReplicas >= spec.replicas
///         status: Healthy
///         message: running {{status.readyReplicas}} replicas
///     default: { status: Progressing, message: "phase {{status.phase}}" }   # optional
/// ```
/// A document may also be a bare list of rules. Every error names the file and field.
public enum HealthRuleFile {
    /// Parses a rule file.
    public static func parse(_ text: String, file: String) throws(HealthRuleError) -> [HealthRule] {
        let root: YAMLNode
        do { root = try YAMLParser.parse(text, file: file) } catch {
            throw HealthRuleError("cannot parse YAML: \(error)", file: file)
        }
        return try rules(from: root, file: file)
    }

    /// Reads rules from an already parsed document.
    public static func rules(from root: YAMLNode, file: String) throws(HealthRuleError) -> [HealthRule] {
        let list: [YAMLNode]
        if let items = root.items { list = items } else if let items = root["rules"]?.items { list = items } else if root.isNull {
            return []
        } else {
            throw HealthRuleError("expected a list of rules or a mapping with 'rules'", file: file)
        }
        var out: [HealthRule] = []
        for (i, node) in list.enumerated() {
            let at = "rules[\(i)]"
            do { out.append(try rule(node, origin: "\(file) \(at)")) } catch { throw error.located(file: file, field: at) }
        }
        return out
    }

    static func rule(_ node: YAMLNode, origin: String) throws(HealthRuleError) -> HealthRule {
        guard node.pairs != nil else { throw HealthRuleError("a rule is a mapping with group, kind and checks") }
        let known: Set<String> = ["group", "kind", "checks", "default"]
        if let bad = node.pairs!.first(where: { !known.contains($0.key.value) }) {
            throw HealthRuleError("unknown field '\(bad.key.value)'", hint: "a rule has group, kind, checks and default")
        }
        guard let kind = node.string(at: "kind"), !kind.isEmpty else {
            throw HealthRuleError("missing kind", field: "kind", hint: "name the kind the rule applies to, e.g. kind: Widget")
        }
        let group = node.string(at: "group") ?? ""
        var checks: [HealthRule.Check] = []
        for (j, c) in (node["checks"]?.items ?? []).enumerated() {
            let at = "checks[\(j)]"
            do throws(HealthRuleError) {
                guard let when = c.string(at: "when") else { throw HealthRuleError("missing 'when'", field: "when") }
                let expr: RuleExpression
                do { expr = try RuleExpression(parsing: when) } catch { throw error.located(file: nil, field: "when") }
                let (status, message) = try outcome(c)
                checks.append(.init(when: expr, status: status, message: message))
            } catch {
                throw error.located(file: nil, field: at)
            }
        }
        var fallback: (HealthStatus, MessageTemplate)? = nil
        if let d = node["default"] {
            do { fallback = try outcome(d) } catch { throw error.located(file: nil, field: "default") }
        }
        if checks.isEmpty && fallback == nil {
            throw HealthRuleError("rule for \(kind) has no checks", field: "checks", hint: "add at least one check with when, status and message")
        }
        return HealthRule(groupKind: GroupKind(group: group, kind: kind), checks: checks, fallback: fallback, origin: origin)
    }

    static func outcome(_ node: YAMLNode) throws(HealthRuleError) -> (HealthStatus, MessageTemplate) {
        guard let text = node.string(at: "status") else {
            throw HealthRuleError("missing status", field: "status", hint: "one of Healthy, Progressing, Degraded, Suspended, Missing, Unknown")
        }
        guard let status = HealthStatus(parsing: text) else {
            throw HealthRuleError("unknown status '\(text)'", field: "status", hint: "one of Healthy, Progressing, Degraded, Suspended, Missing, Unknown")
        }
        do { return (status, try MessageTemplate(parsing: node.string(at: "message") ?? "")) } catch {
            throw error.located(file: nil, field: "message")
        }
    }
}
