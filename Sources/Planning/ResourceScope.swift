import KealmModel
import KealmYAML

/// Which kinds are cluster-scoped, to know where a destination namespace applies.
///
/// Built-in cluster-scoped kinds are listed; a CustomResourceDefinition in the same plan adds
/// its kind with `spec.scope`. `extra` lets a caller that has discovery say more.
public struct ResourceScope: Sendable {
    /// Cluster-scoped kinds of Kubernetes, KubeVirt's and OCM's APIs that Kealm knows without discovery.
    public static let builtinClusterScoped: Set<GroupKind> = [
        .init(group: "", kind: "Namespace"), .init(group: "", kind: "Node"), .init(group: "", kind: "PersistentVolume"),
        .init(group: "", kind: "ComponentStatus"),
        .init(group: "apiextensions.k8s.io", kind: "CustomResourceDefinition"),
        .init(group: "apiregistration.k8s.io", kind: "APIService"),
        .init(group: "rbac.authorization.k8s.io", kind: "ClusterRole"),
        .init(group: "rbac.authorization.k8s.io", kind: "ClusterRoleBinding"),
        .init(group: "storage.k8s.io", kind: "StorageClass"), .init(group: "storage.k8s.io", kind: "CSIDriver"),
        .init(group: "storage.k8s.io", kind: "CSINode"), .init(group: "storage.k8s.io", kind: "VolumeAttachment"),
        .init(group: "scheduling.k8s.io", kind: "PriorityClass"), .init(group: "networking.k8s.io", kind: "IngressClass"),
        .init(group: "node.k8s.io", kind: "RuntimeClass"),
        .init(group: "admissionregistration.k8s.io", kind: "ValidatingWebhookConfiguration"),
        .init(group: "admissionregistration.k8s.io", kind: "MutatingWebhookConfiguration"),
        .init(group: "admissionregistration.k8s.io", kind: "ValidatingAdmissionPolicy"),
        .init(group: "admissionregistration.k8s.io", kind: "ValidatingAdmissionPolicyBinding"),
        .init(group: "certificates.k8s.io", kind: "CertificateSigningRequest"),
        .init(group: "flowcontrol.apiserver.k8s.io", kind: "FlowSchema"),
        .init(group: "flowcontrol.apiserver.k8s.io", kind: "PriorityLevelConfiguration"),
        .init(group: "cluster.open-cluster-management.io", kind: "ManagedCluster"),
        .init(group: "cluster.open-cluster-management.io", kind: "ManagedClusterSet"),
    ]

    var clusterScoped: Set<GroupKind>
    var namespaced: Set<GroupKind> = []

    /// The built-in list plus `extra` cluster-scoped kinds.
    public init(extraClusterScoped: Set<GroupKind> = []) {
        clusterScoped = Self.builtinClusterScoped.union(extraClusterScoped)
    }

    /// Learns the scope of the kinds defined by CRDs among the manifests.
    public mutating func learn(from manifests: [YAMLNode]) {
        for m in manifests where m.string(at: "kind") == "CustomResourceDefinition" {
            guard let group = m.string(at: "spec", "group"), let kind = m.string(at: "spec", "names", "kind") else { continue }
            let gk = GroupKind(group: group, kind: kind)
            if m.string(at: "spec", "scope") == "Cluster" { clusterScoped.insert(gk) } else { namespaced.insert(gk) }
        }
    }

    /// True when a kind is known to be cluster-scoped.
    public func isClusterScoped(_ gk: GroupKind) -> Bool { clusterScoped.contains(gk) && !namespaced.contains(gk) }
}
