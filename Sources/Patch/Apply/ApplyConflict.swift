import KealmModel

/// Server-side apply would change fields that other managers own: HTTP 409 unless `force`.
public struct ApplyConflict: KealmError, Equatable {
    /// One conflicting field and the entry that owns it.
    public struct Conflict: Sendable, Hashable {
        /// The manager that owns the field.
        public var manager: String
        /// The field.
        public var path: FieldPath
        /// The owning entry's operation (an `Update` owner is printed with its apiVersion).
        public var operation: ManagedFieldsEntry.Operation
        /// The owning entry's apiVersion.
        public var apiVersion: String
        /// The owning entry's subresource, if any.
        public var subresource: String?

        public init(
            manager: String, path: FieldPath, operation: ManagedFieldsEntry.Operation = .apply, apiVersion: String = "",
            subresource: String? = nil
        ) {
            self.manager = manager
            self.path = path
            self.operation = operation
            self.apiVersion = apiVersion
            self.subresource = subresource
        }

        /// The owner as Kubernetes prints it: `"kubectl"`, `"kube-controller-manager" using apps/v1`,
        /// `"x" with subresource "status"`.
        public var owner: String {
            var s = "\"\(manager)\""
            if let subresource, !subresource.isEmpty { s += " with subresource \"\(subresource)\"" }
            if operation == .update { s += " using \(apiVersion)" }
            return s
        }
    }

    /// Every conflicting field, by owner.
    public var conflicts: [Conflict]
    /// Always `conflict` (HTTP 409).
    public var category: ErrorCategory { .conflict }

    public init(conflicts: [Conflict]) { self.conflicts = conflicts }

    /// The API server's message, for the `Status` object:
    /// `Apply failed with 1 conflict: conflict with "mgr" using apps/v1: .spec.replicas`, or for
    /// several, one `conflicts with <owner>:` line per owner followed by `- <path>` lines.
    public var kubernetesMessage: String {
        if conflicts.count == 1 { return "Apply failed with 1 conflict: conflict with \(conflicts[0].owner): \(conflicts[0].path)" }
        var byOwner: [String: [FieldPath]] = [:]
        for c in conflicts { byOwner[c.owner, default: []].append(c.path) }
        var lines: [String] = []
        for owner in byOwner.keys.sorted() {
            lines.append("conflicts with \(owner):")
            lines += byOwner[owner]!.map { "- \($0)" }
        }
        return "Apply failed with \(conflicts.count) conflicts: " + lines.joined(separator: "\n")
    }

    /// The `Status` causes: type `FieldManagerConflict`, message `conflict with <owner>`, field path.
    public var causes: [(message: String, field: String)] {
        conflicts.map { ("conflict with \($0.owner)", $0.path.description) }
    }

    public static func == (a: ApplyConflict, b: ApplyConflict) -> Bool { a.conflicts == b.conflicts }

    /// The Kubernetes message and how to resolve it.
    public var description: String {
        kubernetesMessage + " (re-apply with force to take ownership, or drop these fields from the configuration)"
    }
}
