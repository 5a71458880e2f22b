import KealmModel

/// kustomize's legacy output order: some kinds first, some last, the rest in between; ties
/// broken by `group_version_kind`, then by `gvk|namespace|name` (`~G`, `~V`, `~X` for empties).
enum LegacyOrder {
    static let defaultFirst = [
        "Namespace", "ResourceQuota", "StorageClass", "CustomResourceDefinition", "ServiceAccount",
        "PodSecurityPolicy", "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding", "ConfigMap", "Secret",
        "Endpoints", "Service", "LimitRange", "PriorityClass", "PersistentVolume", "PersistentVolumeClaim",
        "Deployment", "StatefulSet", "CronJob", "PodDisruptionBudget",
    ]
    static let defaultLast = ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"]

    static func sorted(_ list: [Resource], first: [String]?, last: [String]?) -> [Resource] {
        let first = first ?? defaultFirst
        let last = last ?? defaultLast
        var rank: [String: Int] = [:]
        for (i, k) in first.enumerated() { rank[k] = i - first.count }
        for (i, k) in last.enumerated() { rank[k] = i + 1 }
        let keyed = list.map { r -> (Int, String, String, Resource) in
            let g = gvkString(r.gvk)
            let ns = r.namespace.isEmpty ? "~X" : r.namespace
            let name = r.name.isEmpty ? "~N" : r.name
            return (rank[r.gvk.kind] ?? 0, g, g + "|" + ns + "|" + name, r)
        }
        return keyed.sorted { a, b in
            if a.0 != b.0 { return a.0 < b.0 }
            if a.1 != b.1 { return a.1 < b.1 }
            return a.2 < b.2
        }.map(\.3)
    }

    /// The rank of a kind in the default order: negative for the first kinds, positive for the
    /// last ones, 0 for the rest.
    static func kindRank(_ kind: String) -> Int {
        if let i = defaultFirst.firstIndex(of: kind) { return i - defaultFirst.count }
        if let i = defaultLast.firstIndex(of: kind) { return i + 1 }
        return 0
    }

    static func gvkString(_ g: GVK) -> String {
        (g.group.isEmpty ? "~G" : g.group) + "_" + (g.version.isEmpty ? "~V" : g.version) + "_" + (g.kind.isEmpty ? "~K" : g.kind)
    }
}
