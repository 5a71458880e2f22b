import KealmModel

/// The identity of a resource inside a build: group, version, kind, namespace and name.
public struct ResID: Hashable, Sendable, CustomStringConvertible {
    public var gvk: GVK
    public var name: String
    public var namespace: String

    public init(gvk: GVK, name: String, namespace: String) {
        self.gvk = gvk
        self.name = name
        self.namespace = namespace
    }

    /// Namespace with kustomize's convention that no namespace means `default`.
    var effectiveNamespace: String { namespace.isEmpty ? "default" : namespace }

    /// Same kind, name and namespace (empty and `default` are the same namespace).
    func sameObject(_ o: ResID) -> Bool {
        gvk == o.gvk && name == o.name && effectiveNamespace == o.effectiveNamespace
    }

    /// The key used to find a resource regardless of version.
    var lookupKey: String { "\(gvk.group)|\(gvk.kind)|\(name)" }

    public var description: String {
        var s = gvk.group.isEmpty ? "\(gvk.kind).\(gvk.version)" : "\(gvk.kind).\(gvk.version).\(gvk.group)"
        s += "/\(name)"
        s += namespace.isEmpty ? ".[noNs]" : ".\(namespace)"
        return s
    }
}
