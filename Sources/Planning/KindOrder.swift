/// Argo CD's apply order of kinds inside one wave (taken from Helm's install order): kinds in
/// this list go first, in list order; every other kind (custom resources) after them.
public enum KindOrder {
    /// The ordered kinds.
    public static let kinds: [String] = [
        "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy", "PodDisruptionBudget",
        "ServiceAccount", "Secret", "SecretList", "ConfigMap", "StorageClass", "PersistentVolume",
        "PersistentVolumeClaim", "CustomResourceDefinition", "ClusterRole", "ClusterRoleList", "ClusterRoleBinding",
        "ClusterRoleBindingList", "Role", "RoleList", "RoleBinding", "RoleBindingList", "Service", "DaemonSet", "Pod",
        "ReplicationController", "ReplicaSet", "Deployment", "HorizontalPodAutoscaler", "StatefulSet", "Job",
        "CronJob", "IngressClass", "Ingress", "APIService",
    ]

    static let index: [String: Int] = Dictionary(uniqueKeysWithValues: kinds.enumerated().map { ($1, $0) })

    /// The rank of a kind: its position in `kinds`, or `kinds.count` for any other kind.
    public static func rank(_ kind: String) -> Int { index[kind] ?? kinds.count }
}
