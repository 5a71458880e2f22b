import KealmYAML

/// Loud, actionable warnings for Placements that select no cluster.
public enum PlacementWarnings {
    /// One line per Placement whose `PlacementSatisfied` condition is False or whose
    /// `PlacementMisconfigured` is True, naming the reason and the fix.
    public static func warnings(_ placements: [YAMLNode]) -> [String] {
        placements.compactMap { p in
            let name = "\(p.string(at: "metadata", "namespace") ?? "")/\(p.string(at: "metadata", "name") ?? "?")"
            let conditions = p[path: ["status", "conditions"]]?.items ?? []
            let bad = conditions.first { c in
                (c.string(at: "type") == "PlacementSatisfied" && c.string(at: "status") == "False")
                    || (c.string(at: "type") == "PlacementMisconfigured" && c.string(at: "status") == "True")
            }
            guard let bad else { return nil }
            let reason = bad.string(at: "reason") ?? "Unknown"
            let message = bad.string(at: "message") ?? ""
            return "placement \(name) selects no cluster: \(reason): \(message) — fix: \(fix(for: reason, placement: p))"
        }
    }

    /// What to do about a placement condition reason.
    public static func fix(for reason: String, placement: YAMLNode) -> String {
        let ns = placement.string(at: "metadata", "namespace") ?? "<namespace>"
        switch reason {
        case "NoManagedClusterSetBindings":
            return "bind a ManagedClusterSet to namespace \(ns) with a ManagedClusterSetBinding"
        case "NoIntersection":
            return "make spec.clusterSets name a set that is bound to namespace \(ns)"
        case "AllManagedClusterSetsEmpty":
            return "add clusters to the bound set (label cluster.open-cluster-management.io/clusterset=<set> on the ManagedCluster)"
        case "NoManagedClusterMatched":
            return "no cluster matches the predicates: check the labels of `kealm clusters` against spec.predicates"
        default:
            return "see `kealm explain placement \(placement.string(at: "metadata", "name") ?? "")`"
        }
    }
}
