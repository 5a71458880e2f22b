import KealmModel

/// How a scheduling run ended, in OCM's terms.
public enum SchedulingStatus: Sendable, Hashable {
    case success
    /// A plugin warned (e.g. expired add-on scores); the result stands.
    case warning(plugin: String, message: String)
    /// The placement is misconfigured; nothing is selected.
    case misconfigured(plugin: String, message: String)
    /// A plugin failed.
    case error(plugin: String, message: String)

    var isError: Bool {
        switch self {
        case .misconfigured, .error: return true
        default: return false
        }
    }
}

/// The trail of one scheduling run: where each cluster fell out and every score.
public struct SchedulingTrail: Sendable {
    /// One filter step: the plugin, how many clusters went in, which were dropped and why.
    public struct FilterStep: Sendable {
        public var plugin: String
        public var input: Int
        public var dropped: [(cluster: String, reason: String)]
    }
    /// One prioritizer: its weight and the raw score it gave each feasible cluster.
    public struct ScoreStep: Sendable {
        public var plugin: String
        public var weight: Int
        /// Aligned with `SchedulingTrail.scored`.
        public var values: [Int?]
        let names: [String]
        /// Score by cluster name (clusters the plugin did not score are absent).
        public var scores: [String: Int] {
            var out: [String: Int] = [:]
            for (n, v) in zip(names, values) { if let v { out[n] = v } }
            return out
        }
    }
    public var filters: [FilterStep] = []
    public var prioritizers: [ScoreStep] = []
    /// The feasible clusters in the order of the score arrays (by name).
    public var scored: [String] = []
    /// The weighted sums, aligned with `scored`.
    public var totalValues: [Int] = []
    /// The weighted sum per feasible cluster.
    public var totals: [String: Int] { Dictionary(uniqueKeysWithValues: zip(scored, totalValues)) }
}

/// The outcome of scheduling one placement over its candidate clusters.
public struct ScheduleResult: Sendable {
    /// Feasible clusters, best first (score descending, then name).
    public var feasible: [ManagedCluster]
    /// The selected clusters (the first `numberOfClusters` feasible ones), in the same order.
    public var selected: [ManagedCluster]
    /// `numberOfClusters − selected`, or 0 when `numberOfClusters` is unset.
    public var unscheduled: Int
    public var status: SchedulingStatus
    public var trail: SchedulingTrail
    /// When to schedule again without any input change (a toleration expiring).
    public var requeueAt: Timestamp?
}

/// The placement scheduler: filter plugins in order, then weighted prioritizers, then a sort by
/// total score (descending) and name, then `numberOfClusters`. Deterministic for equal inputs.
public struct Scheduler: Sendable {
    public var filters: [any FilterPlugin]
    /// The weights of `Additive` mode before the placement's own configurations.
    public var defaultWeights: [ScoreCoordinate: Int]

    public init(filters: [any FilterPlugin] = [PredicateFilter(), TaintTolerationFilter()],
        defaultWeights: [ScoreCoordinate: Int] = [.builtIn("Balance"): 1, .builtIn("Steady"): 1])
    {
        self.filters = filters
        self.defaultWeights = defaultWeights
    }

    public func schedule(_ context: PlacementContext, candidates: [ManagedCluster]) -> ScheduleResult {
        var trail = SchedulingTrail()
        var status = SchedulingStatus.success
        // Sort by name through indices: moving ManagedCluster values is costly.
        var clusters = candidates
        if !zip(candidates, candidates.dropFirst()).allSatisfy({ $0.name < $1.name }) {
            clusters = candidates.indices.sorted { candidates[$0].name < candidates[$1].name }.map { candidates[$0] }
        }
        var requeue: Timestamp? = nil
        func fail(_ s: SchedulingStatus) -> ScheduleResult {
            ScheduleResult(feasible: [], selected: [], unscheduled: 0, status: s, trail: trail, requeueAt: nil)
        }
        for f in filters {
            let r = f.filter(clusters, context)
            trail.filters.append(.init(plugin: f.name, input: clusters.count, dropped: r.dropped))
            switch r.problem {
            case .misconfigured(let m)?: return fail(.misconfigured(plugin: f.name, message: m))
            case .error(let m)?: return fail(.error(plugin: f.name, message: m))
            case nil: break
            }
            clusters = r.kept
            if let t = r.requeueAt { requeue = min(requeue ?? t, t) }
        }
        let prioritizers: [(ScoreCoordinate, Int, any PrioritizerPlugin)]
        switch makePrioritizers(context.placement.prioritizerPolicy) {
        case .success(let p): prioritizers = p
        case .failure(let s): return fail(s.status)
        }
        let names = clusters.map(\.name)
        var totals = Array(repeating: 0, count: clusters.count)
        for (_, weight, p) in prioritizers {
            let r = p.score(clusters, context)
            if let w = r.warning { status = .warning(plugin: p.name, message: w) }
            trail.prioritizers.append(.init(plugin: p.name, weight: weight, values: r.scores, names: names))
            for (i, v) in r.scores.enumerated() where i < totals.count { totals[i] += (v ?? 0) * weight }
        }
        trail.scored = names
        trail.totalValues = totals
        // `clusters` is in name order (filters keep order), so the index breaks ties by name.
        let order = totals.indices.sorted { a, b in totals[a] != totals[b] ? totals[a] > totals[b] : a < b }
        clusters = order.map { clusters[$0] }
        var selected = clusters
        var unscheduled = 0
        if let n = context.placement.numberOfClusters {
            if n < selected.count { selected = Array(selected.prefix(n)) }
            unscheduled = n - selected.count
        }
        return ScheduleResult(feasible: clusters, selected: selected, unscheduled: unscheduled, status: status, trail: trail,
            requeueAt: requeue)
    }

    struct Failure: Error { var status: SchedulingStatus }

    /// The prioritizers and weights for a policy, ordered by coordinate name; weight 0 disables one.
    func makePrioritizers(_ policy: PrioritizerPolicy) -> Result<[(ScoreCoordinate, Int, any PrioritizerPlugin)], Failure> {
        var weights: [ScoreCoordinate: Int]
        switch policy.mode {
        case "Exact": weights = [:]
        case "Additive", "": weights = defaultWeights
        default: return .failure(Failure(status: .misconfigured(plugin: "", message: "incorrect prioritizer policy mode: \(policy.mode)")))
        }
        for c in policy.configurations {
            guard let coordinate = c.coordinate else {
                return .failure(Failure(status: .misconfigured(plugin: "", message: "scoreCoordinate field is required")))
            }
            weights[coordinate] = c.weight
        }
        var out: [(ScoreCoordinate, Int, any PrioritizerPlugin)] = []
        for (coordinate, weight) in weights.sorted(by: { $0.key < $1.key }) where weight != 0 {
            switch coordinate {
            case .builtIn("Balance"): out.append((coordinate, weight, BalancePrioritizer()))
            case .builtIn("Steady"): out.append((coordinate, weight, SteadyPrioritizer()))
            case .builtIn(let name):
                guard let p = ResourcePrioritizer(builtIn: name) else {
                    return .failure(Failure(status: .misconfigured(plugin: "", message: "incorrect builtin prioritizer: \(name)")))
                }
                out.append((coordinate, weight, p))
            case .addOn(let resource, let score):
                if resource.isEmpty || score.isEmpty {
                    return .failure(Failure(status: .misconfigured(plugin: "", message: "addOn should not be empty")))
                }
                out.append((coordinate, weight, AddOnPrioritizer(resourceName: resource, scoreName: score)))
            }
        }
        return .success(out)
    }
}
