import KealmModel

/// A decision group: its index, its name ("" for the clusters no named group took) and clusters.
public struct DecisionGroup: Sendable, Hashable {
    public var index: Int
    public var name: String
    /// Cluster names, sorted.
    public var clusters: [String]
}

/// Splits selected clusters into decision groups as OCM does: each named group takes the selected
/// clusters its selector matches (a cluster goes to the first group that matches it), the rest form
/// the unnamed group; every group is cut into pieces of `clustersPerDecisionGroup` (a count or a
/// percentage of all selected clusters, rounded up; unset or out of range: all) in name order.
public enum DecisionGrouping {
    public static func groups(_ strategy: GroupStrategy, selected: [ManagedCluster]) -> Result<[DecisionGroup], SchedulingError> {
        let total = selected.count
        var length = total
        if let text = strategy.clustersPerDecisionGroup {
            if text.hasSuffix("%") {
                guard let f = Double(text.dropLast()) else {
                    return .failure(SchedulingError("\(text) invalid type: string is not a percentage"))
                }
                length = Int((f / 100 * Double(total)).rounded(.up))
            } else if let n = Int(text) {
                length = n
            } else {
                return .failure(SchedulingError("\(text) invalid type: string is not a percentage"))
            }
        }
        if length <= 0 || length > total { length = total }

        var remaining = Set(selected.map(\.name))
        var groups: [(String, [String])] = []
        for g in strategy.decisionGroups {
            let compiled: CompiledPredicate
            do {
                compiled = try CompiledPredicate(ClusterPredicate(labelSelector: g.selector.labelSelector, claimSelector: g.selector.claimSelector))
            } catch {
                return .failure(SchedulingError(error.message))
            }
            var matched: [String] = []
            for c in selected where remaining.contains(c.name) && compiled.matches(c) {
                matched.append(c.name)
                remaining.remove(c.name)
            }
            groups += divide(g.name, matched, length)
        }
        groups += divide("", Array(remaining), length)
        if groups.isEmpty { groups = [("", [])] }
        return .success(groups.enumerated().map { DecisionGroup(index: $0.offset, name: $0.element.0, clusters: $0.element.1) })
    }

    static func divide(_ name: String, _ clusters: [String], _ length: Int) -> [(String, [String])] {
        let sorted = clusters.sorted()
        var out: [(String, [String])] = []
        var i = 0
        while i < sorted.count {
            let end = min(sorted.count, i + max(length, 1))
            out.append((name, Array(sorted[i..<end])))
            i = end
        }
        return out
    }
}

/// A scheduling failure that is not a plugin's (a bad `clustersPerDecisionGroup`).
public struct SchedulingError: Error, Sendable, Hashable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
