import KealmModel

/// The `Predicate` filter: a cluster passes when it matches any predicate of the placement
/// (each the AND of its label, claim and CEL selectors). No predicates: every cluster passes.
public struct PredicateFilter: FilterPlugin {
    public var name: String { "Predicate" }
    public init() {}

    public func filter(_ clusters: [ManagedCluster], _ context: PlacementContext) -> FilterResult {
        let predicates = context.placement.predicates
        if predicates.isEmpty || clusters.isEmpty { return FilterResult(kept: clusters) }
        var compiled: [CompiledPredicate] = []
        for (i, p) in predicates.enumerated() {
            do {
                compiled.append(try CompiledPredicate(p))
            } catch {
                return FilterResult(kept: [], problem: .misconfigured("spec.predicates[\(i)]: \(error.message)"))
            }
        }
        var kept: [ManagedCluster] = []
        var dropped: [(cluster: String, reason: String)] = []
        for c in clusters {
            if compiled.contains(where: { $0.matches(c, scores: context.snapshot.scores[c.name] ?? [:]) }) {
                kept.append(c)
            } else {
                dropped.append((c.name, "matches none of the \(predicates.count) predicate(s)"))
            }
        }
        return FilterResult(kept: kept, dropped: dropped)
    }
}

/// A predicate ready to evaluate: selectors plus compiled CEL programs.
struct CompiledPredicate: Sendable {
    let predicate: ClusterPredicate
    let programs: [CELProgram]

    init(_ p: ClusterPredicate) throws(CELError) {
        predicate = p
        programs = try p.celExpressions.map { (e) throws(CELError) in try CELProgram(e) }
    }

    func matches(_ c: ManagedCluster, scores: [String: AddOnPlacementScore] = [:]) -> Bool {
        predicate.labelSelector.matches(c.labels) && predicate.claimSelector.matches(c.claims)
            && programs.allSatisfy { $0.isTrue(for: c, scores: scores) }
    }
}
