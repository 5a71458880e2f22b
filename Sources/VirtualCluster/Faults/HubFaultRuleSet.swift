import KealmModel
import KealmYAML

/// A list of fault rules read from YAML or JSON:
///
/// ```yaml
/// rules:
/// - name: member-down
///   match: {clusters: [c2], verbs: [get, list, patch]}
///   action: respond          # respond | delay | dropWatch | conflict | reset
///   status: 503
///   retryAfterSeconds: 1
///   probability: 0.5         # default 1
///   count: 20                # default: no limit
///   expiresAfterSeconds: 30  # default: until removed
/// ```
///
/// `delay` takes `milliseconds`; `dropWatch` takes `afterEvents` and/or `afterSeconds`. A bare
/// list of rules (without `rules:`) is accepted too.
public enum HubFaultRuleSet {
    /// Parses rules; throws a `HubFaultRuleError` naming the rule and field that is wrong.
    public static func parse(_ text: String, file: String? = nil) throws(HubFaultRuleError) -> [HubFaultRule] {
        let root: YAMLNode
        do { root = try YAMLParser.parse(text, file: file) } catch {
            throw HubFaultRuleError(where: file ?? "fault rules", "not YAML or JSON: \(error)")
        }
        if root.isNull { return [] }
        guard let items = root.items ?? (root["rules"].flatMap { $0.isNull ? [] : $0.items }) else {
            throw HubFaultRuleError(where: file ?? "fault rules", "expected a list of rules or a mapping with `rules:`")
        }
        var out: [HubFaultRule] = []
        for (i, node) in items.enumerated() { out.append(try rule(node, index: i)) }
        return out
    }

    static let ruleKeys: Set<String> = [
        "name", "match", "action", "status", "retryAfterSeconds", "message", "milliseconds", "afterEvents", "afterSeconds",
        "probability", "count", "expiresAfterSeconds",
    ]
    static let matchKeys: Set<String> = ["clusters", "verbs", "resources", "namespaces", "pathPrefix", "userAgent"]

    static func rule(_ node: YAMLNode, index: Int) throws(HubFaultRuleError) -> HubFaultRule {
        let name = node.string(at: "name") ?? "rule-\(index)"
        let at = "fault rule \(name) (rules[\(index)])"
        guard let pairs = node.pairs else { throw HubFaultRuleError(where: at, "a rule is a mapping") }
        for p in pairs where !ruleKeys.contains(p.key.value) {
            throw HubFaultRuleError(where: at, "unknown field \(p.key.value) (fields: \(ruleKeys.sorted().joined(separator: ", ")))")
        }
        func number(_ key: String) throws(HubFaultRuleError) -> Double? {
            guard let v = node[key], !v.isNull else { return nil }
            guard let s = v.string, let d = Double(s), d >= 0 else { throw HubFaultRuleError(where: at, "\(key) must be a number ≥ 0") }
            return d
        }
        func integer(_ key: String) throws(HubFaultRuleError) -> Int? {
            guard let d = try number(key) else { return nil }
            guard d == d.rounded() else { throw HubFaultRuleError(where: at, "\(key) must be a whole number") }
            return Int(d)
        }
        let action: HubFaultAction
        switch node.string(at: "action") {
        case "respond":
            guard let status = try integer("status"), (400...599).contains(status) else {
                throw HubFaultRuleError(where: at, "respond needs status: an HTTP error code 400…599 (500, 503, 429)")
            }
            action = .respond(status: status, retryAfter: try integer("retryAfterSeconds"), message: node.string(at: "message"))
        case "delay":
            guard let ms = try integer("milliseconds") else { throw HubFaultRuleError(where: at, "delay needs milliseconds") }
            action = .delay(milliseconds: ms)
        case "dropWatch":
            let events = try integer("afterEvents")
            let seconds = try number("afterSeconds")
            guard events != nil || seconds != nil else {
                throw HubFaultRuleError(where: at, "dropWatch needs afterEvents or afterSeconds")
            }
            action = .dropWatch(afterEvents: events, afterSeconds: seconds)
        case "conflict": action = .conflict
        case "reset": action = .reset
        default:
            throw HubFaultRuleError(where: at, "action must be one of respond, delay, dropWatch, conflict, reset")
        }
        var match = HubFaultMatch()
        if let m = node["match"], !m.isNull {
            guard let mp = m.pairs else { throw HubFaultRuleError(where: at, "match is a mapping") }
            for p in mp where !matchKeys.contains(p.key.value) {
                throw HubFaultRuleError(where: at, "unknown match field \(p.key.value) (fields: \(matchKeys.sorted().joined(separator: ", ")))")
            }
            func list(_ key: String) -> [String] {
                guard let v = m[key] else { return [] }
                if let s = v.string { return [s] }
                return (v.items ?? []).compactMap(\.string)
            }
            match = HubFaultMatch(clusters: list("clusters"), verbs: list("verbs"), resources: list("resources"),
                                  namespaces: list("namespaces"), pathPrefix: m.string(at: "pathPrefix"),
                                  userAgent: m.string(at: "userAgent"))
        }
        let probability = try number("probability") ?? 1
        guard probability <= 1 else { throw HubFaultRuleError(where: at, "probability must be between 0 and 1") }
        return HubFaultRule(name: name, match: match, action: action, probability: probability, count: try integer("count"),
                            expiresAfter: try number("expiresAfterSeconds"))
    }
}

/// A fault rule file or request body that cannot be read: names the rule and what to fix.
public struct HubFaultRuleError: KealmError {
    public var location: String
    public var message: String

    public init(where location: String, _ message: String) {
        self.location = location
        self.message = message
    }

    public var category: ErrorCategory { .invalid }
    public var description: String { "\(location): \(message)" }
}
