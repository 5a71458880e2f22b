import KealmModel
import KealmYAML

/// A typed view of a `cluster.open-cluster-management.io/v1alpha1` AddOnPlacementScore:
/// scores an add-on reports for the cluster whose namespace holds the object.
public struct AddOnPlacementScore: Sendable, Hashable {
    /// The namespace, which is the cluster's name.
    public var clusterName: String
    public var name: String
    /// `status.scores` as name → value (values are clamped to -100…100 as the API requires).
    public var scores: [String: Int]
    /// `status.validUntil`; after it the scores count as 0.
    public var validUntil: Timestamp?

    public init(clusterName: String, name: String, scores: [String: Int], validUntil: Timestamp? = nil) {
        self.clusterName = clusterName
        self.name = name
        self.scores = scores
        self.validUntil = validUntil
    }

    /// Reads an AddOnPlacementScore object.
    public init(node: YAMLNode) throws(ModelError) {
        let r = FieldReader(node, kind: "AddOnPlacementScore")
        name = try r.string(node[path: ["metadata", "name"]], "metadata.name") ?? ""
        clusterName = try r.string(node[path: ["metadata", "namespace"]], "metadata.namespace") ?? ""
        var scores: [String: Int] = [:]
        for (i, s) in try r.items(node[path: ["status", "scores"]], "status.scores").enumerated() {
            guard let n = try r.string(s["name"], "status.scores[\(i)].name") else { continue }
            scores[n] = max(-100, min(100, try r.int(s["value"], "status.scores[\(i)].value") ?? 0))
        }
        self.scores = scores
        if let t = try r.string(node[path: ["status", "validUntil"]], "status.validUntil") {
            guard let ts = Timestamp(rfc3339: t) else { throw r.error("status.validUntil", "'\(t)' is not an RFC 3339 time") }
            validUntil = ts
        }
    }
}

/// A typed view of an existing PlacementDecision: which placement it belongs to and its clusters.
public struct PlacementDecision: Sendable, Hashable {
    /// The label naming the owning Placement.
    public static let placementLabel = "cluster.open-cluster-management.io/placement"
    /// The label holding the decision group's index.
    public static let groupIndexLabel = "cluster.open-cluster-management.io/decision-group-index"
    /// The label holding the decision group's name.
    public static let groupNameLabel = "cluster.open-cluster-management.io/decision-group-name"

    public var namespace: String
    public var name: String
    /// The value of the placement label ("" when absent).
    public var placement: String
    /// `status.decisions[].clusterName`, in order.
    public var clusterNames: [String]

    public init(namespace: String, name: String, placement: String, clusterNames: [String]) {
        self.namespace = namespace
        self.name = name
        self.placement = placement
        self.clusterNames = clusterNames
    }

    /// Reads a PlacementDecision object.
    public init(node: YAMLNode) throws(ModelError) {
        let r = FieldReader(node, kind: "PlacementDecision")
        name = try r.string(node[path: ["metadata", "name"]], "metadata.name") ?? ""
        namespace = try r.string(node[path: ["metadata", "namespace"]], "metadata.namespace") ?? "default"
        placement = node.labels[Self.placementLabel] ?? ""
        var names: [String] = []
        for (i, d) in try r.items(node[path: ["status", "decisions"]], "status.decisions").enumerated() {
            if let n = try r.string(d["clusterName"], "status.decisions[\(i)].clusterName") { names.append(n) }
        }
        clusterNames = names
    }
}
