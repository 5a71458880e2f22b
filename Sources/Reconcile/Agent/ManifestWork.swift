import Foundation
import KealmModel
import KealmYAML
import Planning

/// A typed view of an OCM `ManifestWork` (`work.open-cluster-management.io/v1`, upstream schema)
/// as the agent reads it: the manifests, how to delete them, how to update them, what to report.
public struct ManifestWork: Sendable, Hashable {
    public static let gvk = GVK(group: "work.open-cluster-management.io", version: "v1", kind: "ManifestWork")
    /// The finalizer the agent keeps on every work it handles, removed once cleanup is done.
    public static let cleanupFinalizer = "cluster.open-cluster-management.io/manifest-work-cleanup"

    public var name: String
    public var namespace: String
    public var uid: String
    public var generation: Int
    public var resourceVersion: String
    /// True once `metadata.deletionTimestamp` is set.
    public var isDeleting: Bool
    public var finalizers: [String]
    public var annotations: [String: String]
    /// `spec.workload.manifests`, in order (the ordinal of a manifest is its index here).
    public var manifests: [YAMLNode]
    public var deleteOption: DeleteOption
    public var manifestConfigs: [ManifestConfig]
    /// The status as it was read (to keep `lastTransitionTime` and read back the inventory).
    public var status: YAMLNode?

    /// Reads a ManifestWork object; fails with `AgentError.invalidWork` naming the field.
    public init(_ object: YAMLNode) throws(AgentError) {
        guard let name = object.string(at: "metadata", "name") else {
            throw AgentError(.invalidWork, "a ManifestWork has no metadata.name", hint: "set metadata.name")
        }
        self.name = name
        namespace = object.string(at: "metadata", "namespace") ?? ""
        uid = object.string(at: "metadata", "uid") ?? ""
        generation = object[path: ["metadata", "generation"]]?.intValue ?? 0
        resourceVersion = object.string(at: "metadata", "resourceVersion") ?? ""
        isDeleting = !(object.string(at: "metadata", "deletionTimestamp") ?? "").isEmpty
        finalizers = (object[path: ["metadata", "finalizers"]]?.items ?? []).compactMap(\.string)
        annotations = object.annotations
        let manifests = object[path: ["spec", "workload", "manifests"]]
        if let manifests, manifests.items == nil, !manifests.isNull {
            throw AgentError(.invalidWork, "spec.workload.manifests is not a list", work: "\(namespace)/\(name)",
                hint: "write spec.workload.manifests as a list of objects")
        }
        self.manifests = manifests?.items ?? []
        for (i, m) in self.manifests.enumerated() where ObjectRef(object: m) == nil {
            throw AgentError(.invalidWork, "manifest #\(i) has no apiVersion, kind or metadata.name", work: "\(namespace)/\(name)",
                hint: "every manifest needs apiVersion, kind and metadata.name")
        }
        let id = "\(namespace)/\(name)"
        deleteOption = try DeleteOption(object[path: ["spec", "deleteOption"]], work: id)
        var configs: [ManifestConfig] = []
        for (i, n) in (object[path: ["spec", "manifestConfigs"]]?.items ?? []).enumerated() {
            configs.append(try ManifestConfig(n, index: i, work: id))
        }
        manifestConfigs = configs
        status = object["status"]
    }

    /// `namespace/name`, as messages name the work.
    public var id: String { "\(namespace)/\(name)" }

    /// The manifest config that applies to a manifest (first match), if any.
    public func config(for manifest: YAMLNode, resource: String) -> ManifestConfig? {
        guard let ref = ObjectRef(object: manifest) else { return nil }
        return manifestConfigs.first { $0.identifier.matches(group: ref.gvk.group, resource: resource, namespace: ref.namespace, name: ref.name) }
    }
}

/// Which object a `manifestConfigs[]` entry or an orphaning rule is about (OCM's `resourceIdentifier`).
public struct ResourceIdentifier: Sendable, Hashable {
    public var group: String
    public var resource: String
    public var namespace: String
    public var name: String

    public init(group: String = "", resource: String, namespace: String = "", name: String) {
        self.group = group
        self.resource = resource
        self.namespace = namespace
        self.name = name
    }

    init(_ node: YAMLNode?, field: String, work: String) throws(AgentError) {
        guard let node, let resource = node.string(at: "resource"), let name = node.string(at: "name") else {
            throw AgentError(.invalidWork, "\(field) needs resource and name", work: work,
                hint: "write {group, resource, namespace, name}, e.g. {group: apps, resource: deployments, namespace: demo, name: web}")
        }
        self.init(group: node.string(at: "group") ?? "", resource: resource, namespace: node.string(at: "namespace") ?? "", name: name)
    }

    /// True for the object with this group, plural resource, namespace and name (`*` matches any name or namespace).
    public func matches(group: String, resource: String, namespace: String, name: String) -> Bool {
        self.group == group && self.resource == resource && (self.namespace == namespace || self.namespace == "*")
            && (self.name == name || self.name == "*")
    }
}

/// `spec.deleteOption`: what happens to applied objects when they leave the work or the work is deleted.
public struct DeleteOption: Sendable, Hashable {
    public enum Policy: String, Sendable, Hashable {
        /// Delete them (foreground propagation), the default.
        case foreground = "Foreground"
        /// Leave every object on the cluster.
        case orphan = "Orphan"
        /// Delete all but those named by `orphaningRules`.
        case selectivelyOrphan = "SelectivelyOrphan"
    }

    public var policy: Policy
    public var orphaningRules: [ResourceIdentifier]

    public init(policy: Policy = .foreground, orphaningRules: [ResourceIdentifier] = []) {
        self.policy = policy
        self.orphaningRules = orphaningRules
    }

    init(_ node: YAMLNode?, work: String) throws(AgentError) {
        guard let node, !node.isNull else {
            self.init()
            return
        }
        let text = node.string(at: "propagationPolicy") ?? "Foreground"
        guard let policy = Policy(rawValue: text) else {
            throw AgentError(.invalidWork, "spec.deleteOption.propagationPolicy '\(text)' is not Foreground, Orphan or SelectivelyOrphan",
                work: work, hint: "use one of Foreground, Orphan, SelectivelyOrphan")
        }
        let rules = try (node[path: ["selectivelyOrphans", "orphaningRules"]]?.items ?? []).enumerated().map {
            (i, n) throws(AgentError) in
            try ResourceIdentifier(n, field: "spec.deleteOption.selectivelyOrphans.orphaningRules[\(i)]", work: work)
        }
        self.init(policy: policy, orphaningRules: rules)
    }

    /// True when the object must be left on the cluster rather than deleted.
    public func orphans(group: String, resource: String, namespace: String, name: String) -> Bool {
        switch policy {
        case .foreground: return false
        case .orphan: return true
        case .selectivelyOrphan:
            return orphaningRules.contains { $0.matches(group: group, resource: resource, namespace: namespace, name: name) }
        }
    }
}
