import KealmModel

/// The hub kinds the CLI and the composition root use.
public enum GVKs {
    public static let application = GVK(group: "argoproj.io", version: "v1alpha1", kind: "Application")
    public static let applicationSet = GVK(group: "argoproj.io", version: "v1alpha1", kind: "ApplicationSet")
    public static let managedCluster = GVK(group: "cluster.open-cluster-management.io", version: "v1", kind: "ManagedCluster")
    public static let placement = GVK(group: "cluster.open-cluster-management.io", version: "v1beta1", kind: "Placement")
    public static let placementDecision = GVK(group: "cluster.open-cluster-management.io", version: "v1beta1", kind: "PlacementDecision")
    public static let manifestWork = GVK(group: "work.open-cluster-management.io", version: "v1", kind: "ManifestWork")
}
