import KealmModel
import KealmYAML

extension FleetSnapshot {
    /// Builds a snapshot from raw hub objects of any kinds (those placement does not read are
    /// ignored). Objects that do not parse are left out and returned in `errors`, so one bad
    /// ManagedCluster cannot stop every Placement.
    public static func from(objects: [YAMLNode], now: Timestamp) -> (snapshot: FleetSnapshot, errors: [ModelError]) {
        var errors: [ModelError] = []
        var clusters: [ManagedCluster] = []
        var sets: [ManagedClusterSet] = []
        var bindings: [ManagedClusterSetBinding] = []
        var decisions: [PlacementDecision] = []
        var scores: [AddOnPlacementScore] = []
        for o in objects {
            do {
                switch o.string(at: "kind") {
                case "ManagedCluster": clusters.append(try ManagedCluster(node: o))
                case "ManagedClusterSet": sets.append(try ManagedClusterSet(node: o))
                case "ManagedClusterSetBinding": bindings.append(try ManagedClusterSetBinding(node: o))
                case "PlacementDecision": decisions.append(try PlacementDecision(node: o))
                case "AddOnPlacementScore": scores.append(try AddOnPlacementScore(node: o))
                default: break
                }
            } catch {
                errors.append(error)
            }
        }
        return (FleetSnapshot(clusters: clusters, clusterSets: sets, bindings: bindings, decisions: decisions, scores: scores, now: now),
            errors)
    }
}
