import KealmModel

/// What one scheduling run is about: the placement, the snapshot and the placement's current decisions.
public struct PlacementContext: Sendable {
    public var placement: PlacementSpec
    public var snapshot: FleetSnapshot
    /// Clusters in the placement's existing decisions.
    public var existingDecisions: Set<String>

    public init(placement: PlacementSpec, snapshot: FleetSnapshot) {
        self.placement = placement
        self.snapshot = snapshot
        existingDecisions = snapshot.existingDecisions(namespace: placement.namespace, placement: placement.name)
    }
}

/// A plugin's verdict on the placement's configuration.
public enum PluginProblem: Sendable, Hashable {
    /// The placement is wrong; the message says how (condition `PlacementMisconfigured`).
    case misconfigured(String)
    /// Something else failed; the run is not trusted.
    case error(String)
}

/// The result of a filter: clusters kept, clusters dropped with the reason, and when to look again.
public struct FilterResult: Sendable {
    public var kept: [ManagedCluster]
    public var dropped: [(cluster: String, reason: String)]
    public var problem: PluginProblem?
    /// The earliest time a decision may change on its own (a toleration expiring).
    public var requeueAt: Timestamp?

    public init(kept: [ManagedCluster], dropped: [(cluster: String, reason: String)] = [], problem: PluginProblem? = nil,
        requeueAt: Timestamp? = nil)
    {
        self.kept = kept
        self.dropped = dropped
        self.problem = problem
        self.requeueAt = requeueAt
    }
}

/// A filter plugin: removes clusters a placement must not select.
public protocol FilterPlugin: Sendable {
    /// The plugin's name, as OCM names it (`Predicate`, `TaintToleration`).
    var name: String { get }
    func filter(_ clusters: [ManagedCluster], _ context: PlacementContext) -> FilterResult
}

/// The result of a prioritizer: a score in -100…100 for each cluster it was given, in the same
/// order (nil: no score, counted as 0), and an optional warning.
public struct ScoreResult: Sendable {
    public var scores: [Int?]
    public var warning: String?
    public init(scores: [Int?], warning: String? = nil) {
        self.scores = scores
        self.warning = warning
    }
}

/// A prioritizer plugin: scores feasible clusters; the scheduler multiplies by the weight and sums.
public protocol PrioritizerPlugin: Sendable {
    /// The plugin's name (`Balance`, `Steady`, `ResourceAllocatableCPU`, `AddOn/<resource>/<score>`).
    var name: String { get }
    func score(_ clusters: [ManagedCluster], _ context: PlacementContext) -> ScoreResult
}

/// The highest score a prioritizer gives.
public let maxClusterScore = 100
