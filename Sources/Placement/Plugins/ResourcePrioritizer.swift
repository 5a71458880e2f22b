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
        let values = clusters.compactMap(value)
        guard let lo = values.min(), let hi = values.max() else { return ScoreResult(scores: [:]) }
        var scores: [String: Int] = [:]
        for c in clusters {
            guard let v = value(c) else { continue }
            if hi - lo != 0 {
                scores[c.name] = Int(((v - lo) / (hi - lo) - 0.5) * 2.0 * 100.0)
            } else {
                scores[c.name] = maxClusterScore
            }
        }
        return ScoreResult(scores: scores)
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
        var scores: [String: Int] = [:]
        var expired: [String] = []
        for c in clusters {
            scores[c.name] = 0
            guard let s = context.snapshot.scores[c.name]?[resourceName] else { continue }
            if let until = s.validUntil, context.snapshot.now > until {
                expired.append("\(c.name)/\(resourceName)")
                continue
            }
            if let v = s.scores[scoreName] { scores[c.name] = v }
        }
        return ScoreResult(scores: scores, warning: expired.isEmpty ? nil : "AddOnPlacementScores \(expired.joined(separator: " ")) expired")
    }
}
