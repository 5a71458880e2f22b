import KealmYAML

/// Identifies one Kubernetes object: kind, namespace (empty for cluster-scoped) and name.
public struct ObjectRef: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var gvk: GVK
    public var namespace: String
    public var name: String

    public init(gvk: GVK, namespace: String = "", name: String) {
        self.gvk = gvk
        self.namespace = namespace
        self.name = name
    }

    /// Reads `apiVersion`, `kind`, `metadata.namespace` and `metadata.name` from an object.
    /// Returns nil when apiVersion, kind or name is missing.
    public init?(object: YAMLNode) {
        guard let apiVersion = object.string(at: "apiVersion"), let kind = object.string(at: "kind"),
            let name = object.string(at: "metadata", "name")
        else { return nil }
        self.gvk = GVK(apiVersion: apiVersion, kind: kind)
        self.namespace = object.string(at: "metadata", "namespace") ?? ""
        self.name = name
    }

    /// `Kind namespace/name`, or `Kind name` when cluster-scoped.
    public var description: String {
        namespace.isEmpty ? "\(gvk.kind) \(name)" : "\(gvk.kind) \(namespace)/\(name)"
    }

    public static func < (a: ObjectRef, b: ObjectRef) -> Bool {
        (a.gvk, a.namespace, a.name) < (b.gvk, b.namespace, b.name)
    }
}
