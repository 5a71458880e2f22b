import KealmModel
import KealmYAML

/// The identity of a resource across API versions: group, kind, namespace and name.
///
/// Two manifests with the same key are the same object on the cluster even when one says
/// `apps/v1` and the other `apps/v1beta2`, so prune sets and inventories compare keys, not GVKs.
public struct ResourceKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var group: String
    public var kind: String
    public var namespace: String
    public var name: String

    public init(group: String, kind: String, namespace: String = "", name: String) {
        self.group = group
        self.kind = kind
        self.namespace = namespace
        self.name = name
    }

    public init(_ ref: ObjectRef) {
        self.init(group: ref.gvk.group, kind: ref.gvk.kind, namespace: ref.namespace, name: ref.name)
    }

    /// Reads the key of a manifest; `generateName` stands in for a missing name. Nil without kind or name.
    public init?(object: YAMLNode) {
        guard let kind = object.string(at: "kind"),
            let name = object.string(at: "metadata", "name") ?? object.string(at: "metadata", "generateName")
        else { return nil }
        self.init(group: GVK(apiVersion: object.string(at: "apiVersion") ?? "", kind: kind).group, kind: kind,
            namespace: object.string(at: "metadata", "namespace") ?? "", name: name)
    }

    public var groupKind: GroupKind { GroupKind(group: group, kind: kind) }

    /// `Kind namespace/name` (`Kind name` when cluster-scoped), as people read it in messages.
    public var description: String { namespace.isEmpty ? "\(kind) \(name)" : "\(kind) \(namespace)/\(name)" }

    /// Argo CD's tracking form `group/kind:namespace/name`.
    public var trackingForm: String { "\(group)/\(kind):\(namespace)/\(name)" }

    public static func < (a: ResourceKey, b: ResourceKey) -> Bool {
        (a.group, a.kind, a.namespace, a.name) < (b.group, b.kind, b.namespace, b.name)
    }
}
