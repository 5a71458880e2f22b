/// The clusters a placement may choose from, and how they were found.
public struct Candidates: Sendable {
    /// Bindings in the placement's namespace whose set exists.
    public var validBindings: [ManagedClusterSetBinding]
    /// Bound sets ∩ `spec.clusterSets` (all bound sets when that is empty), sorted.
    public var eligibleSets: [String]
    /// Members of the eligible sets that are not terminating, sorted by name.
    public var clusters: [ManagedCluster]
    /// Members left out because they are being deleted.
    public var terminating: [String]

    /// Computes the candidates of a placement from the snapshot, as OCM does.
    public init(placement: PlacementSpec, snapshot: FleetSnapshot) {
        validBindings = (snapshot.bindingsByNamespace[placement.namespace] ?? []).filter { snapshot.clusterSets[$0.clusterSet] != nil }
        var names = Set(validBindings.map(\.clusterSet))
        if !placement.clusterSets.isEmpty { names.formIntersection(placement.clusterSets) }
        eligibleSets = names.sorted()
        let sets = eligibleSets.compactMap { snapshot.clusterSets[$0] }
        var chosen: [ManagedCluster] = []
        var terminating: [String] = []
        if !sets.isEmpty {
            for c in snapshot.sortedClusters {
                guard sets.contains(where: { $0.contains(c) }) else { continue }
                if c.isTerminating { terminating.append(c.name) } else { chosen.append(c) }
            }
        }
        clusters = chosen
        self.terminating = terminating
    }
}
