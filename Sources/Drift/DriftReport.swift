import KealmYAML

/// What kind of difference a field shows.
public enum DifferenceKind: String, Sendable, Hashable {
    /// Desired and live values differ.
    case changed
    /// Desired, but absent on the live object.
    case missing
    /// Kealm applied it before and no longer wants it, but it is still on the live object (an apply removes it).
    case unexpected
}

/// One field that differs.
public struct FieldDifference: Sendable, Hashable, CustomStringConvertible {
    /// Where, with live list positions (`[name=app]` labels for people).
    public var path: [PathStep]
    public var kind: DifferenceKind
    public var desired: YAMLNode?
    public var live: YAMLNode?

    /// `spec.template.spec.containers[name=app].image`.
    public var pathText: String { PathStep.render(path) }

    public var description: String {
        func show(_ n: YAMLNode?) -> String { n.map { $0.scalar?.value ?? JSON.encode($0) } ?? "(absent)" }
        switch kind {
        case .changed: return "\(pathText): \(show(live)) → \(show(desired))"
        case .missing: return "\(pathText): missing, want \(show(desired))"
        case .unexpected: return "\(pathText): \(show(live)) is no longer desired"
        }
    }
}

/// The drift of one resource: structured differences and a readable diff.
public struct ResourceDrift: Sendable, Hashable {
    /// `Kind namespace/name` of the resource.
    public var resource: String
    /// True when the live object does not exist at all.
    public var liveMissing: Bool
    public var differences: [FieldDifference]
    /// Unified-style text: `--- live` / `+++ desired`, only over the compared fields.
    public var text: String

    /// True when the live object differs from the desired one on a field Kealm manages.
    public var isDrifted: Bool { liveMissing || !differences.isEmpty }
}
