import KealmYAML
import Planning

/// A manifest built from a short description, for table tests.
func manifest(_ kind: String, _ name: String, ns: String? = nil, api: String? = nil, annotations: [String: String] = [:],
    extra: String = "") -> YAMLNode
{
    let apiVersion = api ?? defaultAPI[kind] ?? "v1"
    var text = "apiVersion: \(apiVersion)\nkind: \(kind)\nmetadata:\n  name: \(name)\n"
    if let ns { text += "  namespace: \(ns)\n" }
    if !annotations.isEmpty {
        text += "  annotations:\n"
        for (k, v) in annotations.sorted(by: { $0.key < $1.key }) { text += "    \(k): \"\(v)\"\n" }
    }
    text += extra
    return try! YAMLParser.parse(text)
}

func crd(group: String, kind: String, annotations: [String: String] = [:]) -> YAMLNode {
    manifest("CustomResourceDefinition", "\(kind.lowercased())s.\(group)", annotations: annotations,
        extra: "spec:\n  group: \(group)\n  scope: Namespaced\n  names: {kind: \(kind), plural: \(kind.lowercased())s}\n")
}

let defaultAPI = [
    "Deployment": "apps/v1", "StatefulSet": "apps/v1", "Job": "batch/v1", "CustomResourceDefinition": "apiextensions.k8s.io/v1",
    "ClusterRole": "rbac.authorization.k8s.io/v1", "Role": "rbac.authorization.k8s.io/v1", "RoleBinding": "rbac.authorization.k8s.io/v1",
    "ClusterRoleBinding": "rbac.authorization.k8s.io/v1", "KubeVirt": "kubevirt.io/v1", "VirtualMachine": "kubevirt.io/v1",
]

extension SyncPlan {
    /// `Kind name` of every task in order, with `|` between steps.
    var outline: String {
        steps.map { s in s.tasks.map { "\($0.key.kind) \($0.key.name)" }.joined(separator: ", ") }.joined(separator: " | ")
    }
}
