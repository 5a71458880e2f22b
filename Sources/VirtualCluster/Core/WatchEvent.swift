import KealmModel
import KealmYAML

/// One change in a logical cluster, as kept in its bounded history and sent to watchers.
public struct WatchEvent: Sendable {
    /// `ADDED`, `MODIFIED`, `DELETED` or `BOOKMARK`.
    public var type: String
    /// The storage key of the resource (`apps/deployments`).
    public var resource: String
    public var namespace: String
    public var name: String
    /// The resourceVersion of the change.
    public var resourceVersion: Int
    /// The object after the change (before it, for DELETED, with the deletion's resourceVersion).
    public var object: YAMLNode
    /// The object as compact JSON.
    public var json: String
}

/// What a watch or a list selects: a namespace, a label selector, field requirements.
public struct ObjectFilter: Sendable {
    /// The namespace, or nil for all namespaces.
    public var namespace: String?
    public var labels: LabelSelector
    /// Field requirements: dotted path, expected value, true for `=`/`==` and false for `!=`.
    public var fields: [(path: [String], value: String, equal: Bool)]

    public init(namespace: String? = nil, labels: LabelSelector = LabelSelector(), fields: [(path: [String], value: String, equal: Bool)] = []) {
        self.namespace = namespace
        self.labels = labels
        self.fields = fields
    }

    /// True when the object in `namespace` passes the filter.
    public func matches(namespace ns: String, object: YAMLNode) -> Bool {
        if let namespace, namespace != ns { return false }
        if !labels.isEmpty && !labels.matches(object.labels) { return false }
        for f in fields {
            let v = FieldLabels.value(f.path, of: object)
            if (v == f.value) != f.equal { return false }
        }
        return true
    }
}
