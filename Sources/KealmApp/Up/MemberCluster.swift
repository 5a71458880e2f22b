/// A member cluster of the embedded fleet: a logical cluster of the virtual control plane,
/// registered on the hub as a ManagedCluster with these labels.
public struct MemberCluster: Sendable, Hashable {
    public var name: String
    public var labels: [String: String]
    public init(name: String, labels: [String: String]) {
        self.name = name
        self.labels = labels
    }

    /// Parses `cluster1=dev,cluster2=prod` (name=env).
    public static func parseList(_ text: String, clusterSet: String) -> [MemberCluster] {
        text.split(separator: ",").compactMap { item in
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard let name = parts.first, !name.isEmpty else { return nil }
            var labels = ["cluster.open-cluster-management.io/clusterset": clusterSet]
            if parts.count == 2 { labels["env"] = parts[1] }
            return MemberCluster(name: name, labels: labels)
        }
    }
}
