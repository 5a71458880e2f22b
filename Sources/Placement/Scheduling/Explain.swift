extension PlacementOutcome {
    /// A plain-text account of the decision: candidates, where each cluster fell out, every score,
    /// the selection and the conditions. Printed by `kealm placement decide --explain`.
    public var explanation: String {
        var s = "\(placement.displayName)\n"
        s += "  bound cluster sets: \(candidates.validBindings.map(\.clusterSet).sorted().joined(separator: ", "))\n"
        s += "  eligible cluster sets: \(candidates.eligibleSets.joined(separator: ", "))\n"
        s += "  candidates (\(candidates.clusters.count)): \(candidates.clusters.map(\.name).joined(separator: " "))\n"
        for t in candidates.terminating { s += "    - \(t): terminating\n" }
        for f in schedule.trail.filters {
            s += "  filter \(f.plugin): \(f.input) in, \(f.input - f.dropped.count) kept\n"
            for d in f.dropped { s += "    - \(d.cluster): \(d.reason)\n" }
        }
        if !schedule.trail.prioritizers.isEmpty {
            s += "  scores (weight × score):\n"
            let steps = schedule.trail.prioritizers.map { ($0.plugin, $0.weight, $0.scores) }
            let totals = schedule.trail.totals
            for c in schedule.feasible {
                let parts = steps.map { "\($0.0) \($0.1)×\($0.2[c.name] ?? 0)" }
                s += "    \(c.name): \(totals[c.name] ?? 0) = \(parts.joined(separator: " + "))\n"
            }
        }
        s += "  selected (\(schedule.selected.count)): \(selectedClusters.joined(separator: " "))\n"
        if schedule.unscheduled > 0 { s += "  unscheduled: \(schedule.unscheduled)\n" }
        for g in status.decisionGroups {
            s += "  decision group \(g.index) \"\(g.name)\": \(g.clustersCount) cluster(s) in \(g.decisions.joined(separator: ", "))\n"
        }
        if !staleDecisions.isEmpty { s += "  delete stale decisions: \(staleDecisions.joined(separator: ", "))\n" }
        if let t = schedule.requeueAt { s += "  reschedule at: \(t)\n" }
        for c in status.conditions { s += "  \(c.type)=\(c.status) \(c.reason): \(c.message)\n" }
        return s
    }
}
