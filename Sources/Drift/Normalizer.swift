import KealmYAML

/// Removes what the server owns and nobody should compare: `status`, `metadata.managedFields`,
/// `resourceVersion`, `uid`, `generation`, `creationTimestamp`, `selfLink`, deletion fields, and
/// the `kubectl.kubernetes.io/last-applied-configuration` annotation (an empty annotations map
/// left behind is removed too).
public enum Normalizer {
    public static let serverMetadata = ["managedFields", "resourceVersion", "uid", "generation", "creationTimestamp", "selfLink",
        "deletionTimestamp", "deletionGracePeriodSeconds"]
    public static let lastApplied = "kubectl.kubernetes.io/last-applied-configuration"

    public static func normalize(_ object: YAMLNode) -> YAMLNode {
        var o = object
        o["status"] = nil
        for f in serverMetadata { o[path: ["metadata", f]] = nil }
        if o[path: ["metadata", "annotations", lastApplied]] != nil {
            o[path: ["metadata", "annotations", lastApplied]] = nil
            if o[path: ["metadata", "annotations"]]?.pairs?.isEmpty == true { o[path: ["metadata", "annotations"]] = nil }
        }
        return o
    }
}
