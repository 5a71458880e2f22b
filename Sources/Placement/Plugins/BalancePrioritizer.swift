/// The `Balance` prioritizer: spreads decisions over clusters. A cluster in no other placement's
/// decisions scores 100; the cluster in the most scores -100; in between, linearly
/// (`2 × trunc(100 × (0.5 − count/max))`, as OCM computes it).
public struct BalancePrioritizer: PrioritizerPlugin {
    public var name: String { "Balance" }
    public init() {}

    public func score(_ clusters: [ManagedCluster], _ context: PlacementContext) -> ScoreResult {
        let snap = context.snapshot
        let own = snap.decisionCountByPlacement["\(context.placement.namespace)/\(context.placement.name)"] ?? [:]
        var maxCount = 0
        for (c, total) in snap.totalDecisionCount {
            maxCount = max(maxCount, total - (own[c] ?? 0))
        }
        if maxCount == 0 { return ScoreResult(scores: Array(repeating: maxClusterScore, count: clusters.count)) }
        let scores: [Int?] = clusters.map { c in
            let count = (snap.totalDecisionCount[c.name] ?? 0) - (own[c.name] ?? 0)
            guard count > 0 else { return maxClusterScore }
            return 2 * Int(Double(maxClusterScore) * (0.5 - Double(count) / Double(maxCount)))
        }
        return ScoreResult(scores: scores)
    }
}

/// The `Steady` prioritizer: keeps existing decisions. Clusters already decided score 100, others 0.
public struct SteadyPrioritizer: PrioritizerPlugin {
    public var name: String { "Steady" }
    public init() {}

    public func score(_ clusters: [ManagedCluster], _ context: PlacementContext) -> ScoreResult {
        if context.existingDecisions.isEmpty { return ScoreResult(scores: Array(repeating: 0, count: clusters.count)) }
        return ScoreResult(scores: clusters.map { context.existingDecisions.contains($0.name) ? maxClusterScore : 0 })
    }
}
