import KealmModel

/// Server-side apply would change fields that other managers own: HTTP 409 unless `force`.
public struct ApplyConflict: KealmError, Equatable {
    /// One conflicting field and its owner.
    public struct Conflict: Sendable, Hashable {
        /// The manager that owns the field.
        public var manager: String
        /// The field.
        public var path: FieldPath
        public init(manager: String, path: FieldPath) {
            self.manager = manager
            self.path = path
        }
    }

    public init(conflicts: [Conflict]) { self.conflicts = conflicts }

    /// Every conflicting field, by owner.
    public var conflicts: [Conflict]
    /// Always `conflict` (HTTP 409).
    public var category: ErrorCategory { .conflict }

    /// Kubernetes' wording: `Apply failed with 1 conflict: conflict with "mgr": .spec.replicas`.
    public var description: String {
        let n = conflicts.count
        var s = "Apply failed with \(n) conflict\(n == 1 ? "" : "s"): "
        s += conflicts.map { "conflict with \"\($0.manager)\": \($0.path)" }.joined(separator: "\n")
        return s + " (re-apply with force to take ownership, or drop these fields from the configuration)"
    }
}
