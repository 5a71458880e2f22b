/// The `ResourceAllocatableCPU` and `ResourceAllocatableMemory` prioritizers: the cluster with
/// the most allocatable resource scores 100, the least -100, linearly in between; all equal: 100.
/// Clusters that report no allocatable or no capacity for the resource get no score (0).
public struct ResourcePrioritizer: PrioritizerPlugin {
    /// `cpu` or `memory`.
    public let resource: String
    public let name: String

    /// A prioritizer for a built-in name; nil when the name is not a resource prioritizer.
    public init?(builtIn: String) {
        switch builtIn {
        case "ResourceAllocatableCPU": resource = "cpu"
        case "ResourceAllocatableMemory": resource = "memory"
        default: return nil
        }
        name = builtIn
    }

    public func score(_ clusters: [ManagedCluster], _ context: PlacementContext) -> ScoreResult {
        func value(_ c: ManagedCluster) -> Double? {
            guard let a = c.allocatable[resource], c.capacity[resource] != nil else { return nil }
            return a
        }
        let values = clusters.map(value)
        let present = values.compactMap { $0 }
        guard let lo = present.min(), let hi = present.max() else { return ScoreResult(scores: Array(repeating: nil, count: clusters.count)) }
        return ScoreResult(scores: values.map { v in
            guard let v else { return nil }
            return hi - lo != 0 ? Int(((v - lo) / (hi - lo) - 0.5) * 2.0 * 100.0) : maxClusterScore
        })
    }
}

/// The add-on prioritizer: reads `status.scores[scoreName]` of the AddOnPlacementScore named
/// `resourceName` in each cluster's namespace. Missing or expired scores count as 0; expired
/// ones are reported as a warning.
public struct AddOnPrioritizer: PrioritizerPlugin {
    public let resourceName: String
    public let scoreName: String
    public var name: String { "AddOn/\(resourceName)/\(scoreName)" }

    public init(resourceName: String, scoreName: String) {
        self.resourceName = resourceName
        self.scoreName = scoreName
    }

    public func score(_ clusters: [ManagedCluster], _ context: PlacementContext) -> ScoreResult {
        var expired: [String] = []
        let snap = context.snapshot
        let scores: [Int?] = clusters.map { c in
            guard let s = snap.scores[c.name]?[resourceName] else { return 0 }
            if let until = s.validUntil, snap.now > until {
                expired.append("\(c.name)/\(resourceName)")
                return 0
            }
            return s.scores[scoreName] ?? 0
        }
        return ScoreResult(scores: scores, warning: expired.isEmpty ? nil : "AddOnPlacementScores \(expired.joined(separator: " ")) expired")
    }
}
