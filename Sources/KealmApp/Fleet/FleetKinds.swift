import KealmModel

/// The hub kinds the fleet controller reads and writes.
public enum FleetKinds {
    public static let managedCluster = GVK(group: "cluster.open-cluster-management.io", version: "v1", kind: "ManagedCluster")
    public static let managedClusterSet = GVK(group: "cluster.open-cluster-management.io", version: "v1beta2", kind: "ManagedClusterSet")
    public static let managedClusterSetBinding = GVK(group: "cluster.open-cluster-management.io", version: "v1beta2",
        kind: "ManagedClusterSetBinding")
    public static let placement = GVK(group: "cluster.open-cluster-management.io", version: "v1beta1", kind: "Placement")
    public static let placementDecision = GVK(group: "cluster.open-cluster-management.io", version: "v1beta1", kind: "PlacementDecision")
    public static let addOnPlacementScore = GVK(group: "cluster.open-cluster-management.io", version: "v1alpha1", kind: "AddOnPlacementScore")
    public static let gitOpsCluster = GVK(group: "apps.open-cluster-management.io", version: "v1beta1", kind: "GitOpsCluster")
    public static let applicationSet = GVK(group: "argoproj.io", version: "v1alpha1", kind: "ApplicationSet")
    public static let application = GVK(group: "argoproj.io", version: "v1alpha1", kind: "Application")
    public static let manifestWork = GVK(group: "work.open-cluster-management.io", version: "v1", kind: "ManifestWork")
    public static let secret = GVK(group: "", version: "v1", kind: "Secret")
    public static let configMap = GVK(group: "", version: "v1", kind: "ConfigMap")
}
