import KealmModel
import KealmYAML
import Placement

/// When a Placement cannot see any candidate because of how cluster sets are configured
/// (no binding in its namespace, no bound set it names, every bound set empty, or a
/// misconfiguration), its previous decisions are kept instead of being emptied. An error in
/// configuration must not read as "no clusters": that would delete every cluster Secret and then
/// every Application generated from them. The ApplicationSets that take clusters from such a
/// placement fail with a `GenerationError` instead, so their Applications stay and their status says why.
public enum PlacementHold {
    /// `PlacementSatisfied=False` reasons that hold the previous decisions.
    public static let holdingReasons: Set<String> = ["NoManagedClusterSetBindings", "NoIntersection", "AllManagedClusterSetsEmpty"]

    /// Why a placement is held, or nil when its decisions may be written.
    public static func reason(_ outcome: PlacementOutcome) -> String? {
        for c in outcome.status.conditions {
            if c.type == "PlacementMisconfigured" && c.status == "True" { return "\(c.reason): \(c.message)" }
            if c.type == "PlacementSatisfied" && c.status == "False" && holdingReasons.contains(c.reason) {
                return "\(c.reason): \(c.message)"
            }
        }
        return nil
    }

    /// True when an ApplicationSet takes its clusters from cluster Secrets or placement decisions
    /// (a `clusters` or `clusterDecisionResource` generator at any depth).
    public static func dependsOnClusters(_ appSet: ApplicationSetSpec) -> Bool {
        appSet.generators.contains(where: mentionsClusterGenerator)
    }

    /// True when a generators tree holds a `clusters` or `clusterDecisionResource` generator.
    public static func mentionsClusterGenerator(_ node: YAMLNode) -> Bool {
        switch node {
        case .mapping(let pairs):
            return pairs.contains { $0.key.value == "clusters" || $0.key.value == "clusterDecisionResource" || mentionsClusterGenerator($0.value) }
        case .sequence(let items): return items.contains(where: mentionsClusterGenerator)
        case .scalar: return false
        }
    }

    /// The error an ApplicationSet that depends on clusters reports while placements are held
    /// (`messages`: one `placement ns/name is held (reason: message)` per held placement).
    public static func heldError(_ appSet: ApplicationSetSpec, messages: [String]) -> GenerationError {
        GenerationError(.unavailable, reason: "ClusterSelectionHeld",
            "the cluster list is not trustworthy: \(messages.joined(separator: "; ")); existing Applications are kept",
            object: appSet.displayName, field: "spec.generators")
    }
}
