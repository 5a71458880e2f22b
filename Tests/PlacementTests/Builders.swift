import KealmModel
import KealmYAML
@testable import Placement

/// Test builders: a fleet of clusters in one set bound to `ns`, and placements over it.
enum Fleet {
    static let now = Timestamp(rfc3339: "2026-01-01T00:00:00Z")!

    static func cluster(_ name: String, labels: [String: String] = [:], set: String? = "all", taints: [Taint] = [],
        claims: [String: String] = [:], cpu: Double? = nil, terminating: Bool = false) -> ManagedCluster
    {
        var l = labels
        if let set { l[ManagedClusterSet.membershipLabel] = set }
        var alloc: [String: Double] = [:]
        if let cpu { alloc["cpu"] = cpu }
        return ManagedCluster(name: name, labels: l, claims: claims, taints: taints, allocatable: alloc, capacity: alloc,
            deletionTimestamp: terminating ? "2026-01-01T00:00:00Z" : nil)
    }

    static func snapshot(_ clusters: [ManagedCluster], sets: [String] = ["all"], bindings: [String] = ["all"], ns: String = "ns",
        decisions: [PlacementDecision] = [], scores: [AddOnPlacementScore] = [], now: Timestamp = Fleet.now) -> FleetSnapshot
    {
        FleetSnapshot(clusters: clusters, clusterSets: sets.map { ManagedClusterSet(name: $0) },
            bindings: bindings.map { ManagedClusterSetBinding(namespace: ns, clusterSet: $0) }, decisions: decisions, scores: scores,
            now: now)
    }

    static func names(_ n: Int, prefix: String = "c") -> [String] {
        (0..<n).map { i in
            let s = String(i)
            return prefix + String(repeating: "0", count: max(0, 3 - s.count)) + s
        }
    }

    static func placement(_ yaml: String) throws -> PlacementSpec {
        try PlacementSpec(node: YAMLParser.parse(yaml))
    }
}
