import KealmModel
import KealmYAML

/// A health check for one group and kind: a pure function from the live object to an assessment.
///
/// A check returns nil when it has nothing to say (the registry then falls through to the
/// generic rule, and finally to "exists, so Healthy").
public struct HealthCheck: Sendable {
    /// A short name for diagnostics (`builtin Deployment`, `rule file health.yaml #3`).
    public var name: String
    /// The function itself.
    public var assess: @Sendable (YAMLNode) -> HealthAssessment?

    public init(name: String, assess: @escaping @Sendable (YAMLNode) -> HealthAssessment?) {
        self.name = name
        self.assess = assess
    }
}

/// Health checks keyed by group and kind, consulted in this order: user rules, built-in checks,
/// the generic conditions rule, then "exists → Healthy".
///
/// ```swift
/// var registry = HealthRegistry.standard
/// try registry.add(rules: HealthRuleFile.parse(text, file: "health.yaml"))
/// let health = registry.assess(liveObject)           // HealthAssessment
/// let app = registry.assess(all: lives).aggregate    // worst-of
/// ```
public struct HealthRegistry: Sendable {
    var builtin: [GroupKind: HealthCheck]
    var user: [GroupKind: HealthCheck]
    /// Whether the generic `Ready`/`Available` rule applies to kinds without a check (default true).
    public var useGenericRule: Bool

    /// An empty registry (no built-in checks).
    public init(useGenericRule: Bool = true) {
        builtin = [:]
        user = [:]
        self.useGenericRule = useGenericRule
    }

    /// The registry with every built-in check.
    public static let standard: HealthRegistry = {
        var r = HealthRegistry()
        for (gk, check) in BuiltinChecks.all { r.builtin[gk] = check }
        return r
    }()

    /// Registers (or replaces) a compiled check for a group and kind.
    public mutating func register(_ groupKind: GroupKind, _ check: HealthCheck) { builtin[groupKind] = check }

    /// Adds user rules; a rule for a group and kind replaces a built-in check for it.
    public mutating func add(rules: [HealthRule]) {
        for rule in rules { user[rule.groupKind] = rule.check }
    }

    /// The group and kinds that have a specific (non-generic) check.
    public var coveredKinds: Set<GroupKind> { Set(builtin.keys).union(user.keys) }

    /// Assesses one live object; `nil` (the object does not exist) is Missing.
    public func assess(_ object: YAMLNode?) -> HealthAssessment {
        guard let object, object.pairs != nil else { return HealthAssessment(.missing, "resource does not exist", source: .builtin) }
        if let del = object.string(at: "metadata", "deletionTimestamp"), !del.isEmpty {
            if let result = check(for: object)?.assess(object), result.status == .degraded { return result }
            return HealthAssessment(.progressing, "pending deletion", source: .builtin)
        }
        if let check = check(for: object), let result = check.assess(object) { return result }
        if useGenericRule, let result = GenericConditionsRule.assess(object) { return result }
        return HealthAssessment(.healthy, "", source: .none)
    }

    /// The check that applies to an object, user rules first.
    public func check(for object: YAMLNode) -> HealthCheck? {
        let gk = GVK(apiVersion: object.string(at: "apiVersion") ?? "", kind: object.string(at: "kind") ?? "").groupKind
        return user[gk] ?? user[GroupKind(group: gk.group, kind: "*")] ?? builtin[gk]
    }

    /// Assesses many objects and folds them worst-of.
    public func aggregate<S: Sequence>(_ objects: S) -> HealthAssessment where S.Element == YAMLNode? {
        HealthAssessment.worst(of: objects.map { assess($0) })
    }
}
