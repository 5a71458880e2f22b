import KealmModel
import KealmYAML

/// Everything the scheduler reads, as values: clusters, sets, bindings, existing decisions,
/// add-on scores and the current time. Built once per reconcile; plugins never see a client.
public struct FleetSnapshot: Sendable {
    /// Clusters by name.
    public private(set) var clusters: [String: ManagedCluster]
    /// Cluster sets by name.
    public private(set) var clusterSets: [String: ManagedClusterSet]
    /// Bindings by namespace.
    public private(set) var bindingsByNamespace: [String: [ManagedClusterSetBinding]]
    /// Existing PlacementDecisions.
    public private(set) var decisions: [PlacementDecision]
    /// AddOnPlacementScores by cluster, then by name.
    public private(set) var scores: [String: [String: AddOnPlacementScore]]
    /// The time tolerations and score validity are evaluated against.
    public var now: Timestamp

    /// Clusters sorted by name.
    public let sortedClusters: [ManagedCluster]
    /// Cluster names, sorted.
    public var clusterNames: [String] { sortedClusters.map(\.name) }
    /// Decisions per cluster over every placement.
    let totalDecisionCount: [String: Int]
    /// Decisions per cluster for each placement (`namespace/name`).
    let decisionCountByPlacement: [String: [String: Int]]

    public init(clusters: [ManagedCluster] = [], clusterSets: [ManagedClusterSet] = [],
        bindings: [ManagedClusterSetBinding] = [], decisions: [PlacementDecision] = [],
        scores: [AddOnPlacementScore] = [], now: Timestamp)
    {
        var cs: [String: ManagedCluster] = [:]
        for c in clusters { cs[c.name] = c }
        self.clusters = cs
        sortedClusters = cs.keys.sorted().map { cs[$0]! }
        var sets: [String: ManagedClusterSet] = [:]
        for s in clusterSets { sets[s.name] = s }
        self.clusterSets = sets
        var bs: [String: [ManagedClusterSetBinding]] = [:]
        for b in bindings { bs[b.namespace, default: []].append(b) }
        bindingsByNamespace = bs
        self.decisions = decisions
        var sc: [String: [String: AddOnPlacementScore]] = [:]
        for s in scores { sc[s.clusterName, default: [:]][s.name] = s }
        self.scores = sc
        self.now = now
        var total: [String: Int] = [:]
        var byPlacement: [String: [String: Int]] = [:]
        for d in decisions {
            for c in d.clusterNames {
                total[c, default: 0] += 1
                byPlacement["\(d.namespace)/\(d.placement)", default: [:]][c, default: 0] += 1
            }
        }
        totalDecisionCount = total
        decisionCountByPlacement = byPlacement
    }

    /// The clusters currently decided for a placement (from its existing PlacementDecisions).
    public func existingDecisions(namespace: String, placement: String) -> Set<String> {
        Set(decisionCountByPlacement["\(namespace)/\(placement)"]?.keys.map { $0 } ?? [])
    }

    /// The existing PlacementDecision objects of a placement.
    public func decisionObjects(namespace: String, placement: String) -> [PlacementDecision] {
        decisions.filter { $0.namespace == namespace && $0.placement == placement }
    }
}
