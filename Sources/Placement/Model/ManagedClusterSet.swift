import KealmModel
import KealmYAML

/// A typed view of a `cluster.open-cluster-management.io/v1beta2` ManagedClusterSet.
public struct ManagedClusterSet: Sendable, Hashable {
    /// The label that makes a cluster a member of an `ExclusiveClusterSetLabel` set.
    public static let membershipLabel = "cluster.open-cluster-management.io/clusterset"

    /// How the set chooses its member clusters.
    public enum Selector: Sendable, Hashable {
        /// Members carry `cluster.open-cluster-management.io/clusterset: <set name>` (the default).
        case exclusiveClusterSetLabel
        /// Members match a label selector; the empty selector (the `global` set) matches every cluster.
        case labelSelector(LabelSelector)
    }

    public var name: String
    public var selector: Selector

    public init(name: String, selector: Selector = .exclusiveClusterSetLabel) {
        self.name = name
        self.selector = selector
    }

    /// Reads a ManagedClusterSet object.
    public init(node: YAMLNode) throws(ModelError) {
        let r = FieldReader(node, kind: "ManagedClusterSet")
        guard let name = try r.string(node[path: ["metadata", "name"]], "metadata.name"), !name.isEmpty else {
            throw r.error("metadata.name", "a ManagedClusterSet needs a name")
        }
        self.name = name
        let sel = node[path: ["spec", "clusterSelector"]]
        switch try r.string(sel?["selectorType"], "spec.clusterSelector.selectorType") ?? "ExclusiveClusterSetLabel" {
        case "ExclusiveClusterSetLabel", "LegacyClusterSetLabel":
            selector = .exclusiveClusterSetLabel
        case "LabelSelector":
            selector = .labelSelector(try r.selector(sel?["labelSelector"], "spec.clusterSelector.labelSelector") ?? LabelSelector())
        case let other:
            throw r.error("spec.clusterSelector.selectorType", "unknown selector type '\(other)'",
                hint: "use ExclusiveClusterSetLabel or LabelSelector")
        }
    }

    /// True when the cluster is a member of this set.
    public func contains(_ cluster: ManagedCluster) -> Bool {
        switch selector {
        case .exclusiveClusterSetLabel: return cluster.labels[Self.membershipLabel] == name
        case .labelSelector(let s): return s.matches(cluster.labels)
        }
    }
}

/// A typed view of a `cluster.open-cluster-management.io/v1beta2` ManagedClusterSetBinding:
/// it makes the set named `clusterSet` usable by Placements in its namespace.
public struct ManagedClusterSetBinding: Sendable, Hashable {
    public var namespace: String
    /// The binding's name, which OCM requires to equal the set's name.
    public var name: String
    /// `spec.clusterSet`.
    public var clusterSet: String

    public init(namespace: String, clusterSet: String) {
        self.namespace = namespace
        self.name = clusterSet
        self.clusterSet = clusterSet
    }

    /// Reads a ManagedClusterSetBinding object.
    public init(node: YAMLNode) throws(ModelError) {
        let r = FieldReader(node, kind: "ManagedClusterSetBinding")
        guard let name = try r.string(node[path: ["metadata", "name"]], "metadata.name"), !name.isEmpty else {
            throw r.error("metadata.name", "a ManagedClusterSetBinding needs a name")
        }
        self.name = name
        namespace = try r.string(node[path: ["metadata", "namespace"]], "metadata.namespace") ?? "default"
        clusterSet = try r.string(node[path: ["spec", "clusterSet"]], "spec.clusterSet") ?? name
        if clusterSet != name {
            throw r.error("spec.clusterSet", "the binding is named '\(name)' but binds set '\(clusterSet)'",
                hint: "name the binding after the ManagedClusterSet it binds")
        }
    }
}
