import Foundation
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
    /// User rules whose group or kind has a `*` wildcard, in the order added.
    var patterns: [(group: String, kind: String, check: HealthCheck)] = []
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
    /// Groups and kinds may hold `*` wildcards (`*.example.com`, `*`), as Argo CD's
    /// customizations do; an exact rule wins over a wildcard one.
    public mutating func add(rules: [HealthRule]) {
        for rule in rules {
            if rule.groupKind.group.contains("*") || rule.groupKind.kind.contains("*") {
                patterns.append((rule.groupKind.group, rule.groupKind.kind, rule.check))
            } else {
                user[rule.groupKind] = rule.check
            }
        }
    }

    /// The annotation that turns health assessment off for one object (Argo CD's spelling).
    public static let ignoreAnnotation = "argocd.argoproj.io/ignore-healthcheck"

    /// The group and kinds that have a specific (non-generic) check.
    public var coveredKinds: Set<GroupKind> { Set(builtin.keys).union(user.keys) }

    /// Assesses one live object; `nil` (the object does not exist) is Missing.
    public func assess(_ object: YAMLNode?) -> HealthAssessment {
        guard let object, object.pairs != nil else { return HealthAssessment(.missing, "resource does not exist", source: .builtin) }
        if object.string(at: "metadata", "annotations", Self.ignoreAnnotation) == "true" {
            return HealthAssessment(.healthy, "health check ignored by annotation", source: .none)
        }
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
        if let exact = user[gk] { return exact }
        if let p = patterns.last(where: { Self.glob($0.group, gk.group) && Self.glob($0.kind, gk.kind) }) { return p.check }
        return builtin[gk]
    }

    /// `*` matches any run of characters.
    static func glob(_ pattern: String, _ text: String) -> Bool {
        let parts = pattern.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 1 { return pattern == text }
        guard text.hasPrefix(parts[0]), text.dropFirst(parts[0].count).hasSuffix(parts.last!),
            text.count >= parts[0].count + parts.last!.count
        else { return false }
        var rest = Substring(text.dropFirst(parts[0].count).dropLast(parts.last!.count))
        for middle in parts.dropFirst().dropLast() where !middle.isEmpty {
            guard let r = rest.range(of: middle) else { return false }
            rest = rest[r.upperBound...]
        }
        return true
    }

    /// Assesses many objects and folds them worst-of.
    public func aggregate<S: Sequence>(_ objects: S) -> HealthAssessment where S.Element == YAMLNode? {
        HealthAssessment.worst(of: objects.map { assess($0) })
    }
}
