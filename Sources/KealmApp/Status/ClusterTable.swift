import KealmYAML

/// The table of `kealm clusters`.
public enum ClusterTable {
    /// NAME, AVAILABLE, LABELS, SELECTED BY (placements whose decisions name the cluster).
    public static func render(clusters: [YAMLNode], decisions: [YAMLNode]) -> String {
        var selectedBy: [String: Set<String>] = [:]
        for d in decisions {
            let placement = d.labels["cluster.open-cluster-management.io/placement"] ?? d.string(at: "metadata", "name") ?? "?"
            let key = "\(d.string(at: "metadata", "namespace") ?? "")/\(placement)"
            for item in d[path: ["status", "decisions"]]?.items ?? [] {
                if let c = item.string(at: "clusterName") { selectedBy[c, default: []].insert(key) }
            }
        }
        var rows: [[String]] = [["NAME", "AVAILABLE", "LABELS", "SELECTED BY"]]
        for c in clusters.sorted(by: { ($0.string(at: "metadata", "name") ?? "") < ($1.string(at: "metadata", "name") ?? "") }) {
            let name = c.string(at: "metadata", "name") ?? "?"
            let available = (c[path: ["status", "conditions"]]?.items ?? [])
                .first { $0.string(at: "type") == "ManagedClusterConditionAvailable" }?.string(at: "status") ?? "Unknown"
            let labels = c.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
            let by = (selectedBy[name] ?? []).sorted().joined(separator: ",")
            rows.append([name, available, labels.isEmpty ? "-" : labels, by.isEmpty ? "-" : by])
        }
        var widths = [Int](repeating: 0, count: 4)
        for r in rows { for (i, v) in r.enumerated() { widths[i] = max(widths[i], v.count) } }
        return rows.map { r in
            r.enumerated().map { i, v in i == r.count - 1 ? v : v + String(repeating: " ", count: widths[i] - v.count + 2) }.joined()
        }.joined(separator: "\n") + "\n"
    }
}
