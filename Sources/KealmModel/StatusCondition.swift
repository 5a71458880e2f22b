import KealmYAML

/// A `metav1.Condition`-shaped status condition (`type`, `status`, `reason`, `message`).
///
/// `lastTransitionTime` is left to the adapter that writes the object: pure code has no clock.
public struct StatusCondition: Sendable, Hashable {
    /// The condition type, e.g. `PlacementSatisfied`.
    public var type: String
    /// `True`, `False` or `Unknown`.
    public var status: String
    /// A CamelCase reason, e.g. `NoManagedClusterSetBindings`.
    public var reason: String
    /// A human-readable message.
    public var message: String

    public init(type: String, status: String, reason: String, message: String) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
    }

    /// A condition whose status is `True` or `False` from a boolean.
    public init(type: String, _ isTrue: Bool, reason: String, message: String) {
        self.init(type: type, status: isTrue ? "True" : "False", reason: reason, message: message)
    }

    /// The condition as a YAML mapping in API order.
    public var node: YAMLNode {
        .mapping([
            YAMLPair("type", .string(type)), YAMLPair("status", .string(status)),
            YAMLPair("reason", .string(reason)), YAMLPair("message", .string(message)),
        ])
    }

    /// Reads a condition from a mapping; nil when `type` is missing.
    public init?(node: YAMLNode) {
        guard let type = node.string(at: "type") else { return nil }
        self.init(type: type, status: node.string(at: "status") ?? "Unknown",
            reason: node.string(at: "reason") ?? "", message: node.string(at: "message") ?? "")
    }
}
