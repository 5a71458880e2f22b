import Foundation
import KealmYAML
import Planning
import Reconcile

/// The five-wave operator install of the issue: Namespace/CRD/ClusterRole → ServiceAccount/Role/
/// ConfigMap → bindings → operator Deployment → custom resource.
enum AgentFixtures {
    static let fiveWaveManifests = """
        - {apiVersion: v1, kind: Namespace, metadata: {name: shop, annotations: {kealm.io/sync-wave: "0"}}}
        - apiVersion: apiextensions.k8s.io/v1
          kind: CustomResourceDefinition
          metadata: {name: widgets.example.com, annotations: {kealm.io/sync-wave: "0"}}
          spec:
            group: example.com
            scope: Namespaced
            names: {kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}
            versions: [{name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}}]
        - {apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRole, metadata: {name: widget-operator, annotations: {kealm.io/sync-wave: "0"}}, rules: [{apiGroups: [example.com], resources: [widgets], verbs: ["*"]}]}
        - {apiVersion: v1, kind: ServiceAccount, metadata: {name: operator, namespace: shop, annotations: {kealm.io/sync-wave: "1"}}}
        - {apiVersion: rbac.authorization.k8s.io/v1, kind: Role, metadata: {name: operator, namespace: shop, annotations: {kealm.io/sync-wave: "1"}}, rules: [{apiGroups: [""], resources: [configmaps], verbs: [get]}]}
        - {apiVersion: v1, kind: ConfigMap, metadata: {name: operator-config, namespace: shop, annotations: {kealm.io/sync-wave: "1"}}, data: {level: info}}
        - {apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRoleBinding, metadata: {name: widget-operator, annotations: {kealm.io/sync-wave: "2"}}, roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: widget-operator}, subjects: [{kind: ServiceAccount, name: operator, namespace: shop}]}
        - {apiVersion: rbac.authorization.k8s.io/v1, kind: RoleBinding, metadata: {name: operator, namespace: shop, annotations: {kealm.io/sync-wave: "2"}}, roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: operator}, subjects: [{kind: ServiceAccount, name: operator, namespace: shop}]}
        - apiVersion: apps/v1
          kind: Deployment
          metadata: {name: operator, namespace: shop, annotations: {kealm.io/sync-wave: "3"}}
          spec:
            replicas: 1
            selector: {matchLabels: {app: operator}}
            template:
              metadata: {labels: {app: operator}}
              spec: {serviceAccountName: operator, containers: [{name: operator, image: "example.com/operator:1.0"}]}
        - {apiVersion: example.com/v1, kind: Widget, metadata: {name: main, namespace: shop, annotations: {kealm.io/sync-wave: "4"}}, spec: {size: 3}}
        """

    /// A ManifestWork object with these manifests (a YAML list) and extra spec/metadata.
    static func work(_ manifests: String = fiveWaveManifests, name: String = "shop", generation: Int = 1, finalizer: Bool = true,
        spec: String = "", annotations: [String: String] = [:], deleting: Bool = false, status: YAMLNode? = nil) -> YAMLNode
    {
        var node = try! YAMLParser.parse("""
            apiVersion: work.open-cluster-management.io/v1
            kind: ManifestWork
            metadata: {name: \(name), namespace: cluster1, uid: u-1, generation: \(generation), resourceVersion: "7"}
            spec:
              workload: {}
            """)
        node[path: ["spec", "workload", "manifests"]] = try! YAMLParser.parse(manifests)
        if !spec.isEmpty {
            for p in try! YAMLParser.parse(spec).pairs ?? [] { node[path: ["spec", p.key.value]] = p.value }
        }
        if finalizer { node[path: ["metadata", "finalizers"]] = .sequence([.string(ManifestWork.cleanupFinalizer)]) }
        if deleting { node[path: ["metadata", "deletionTimestamp"]] = .string("2026-01-01T00:00:00Z") }
        if !annotations.isEmpty {
            node[path: ["metadata", "annotations"]] = .mapping(annotations.sorted { $0.key < $1.key }.map { YAMLPair($0.key, .string($0.value)) })
        }
        if let status { node["status"] = status }
        return node
    }

    static func parsed(_ node: YAMLNode) -> ManifestWork { try! ManifestWork(node) }
}

/// What a simulated member cluster does with a written object: its status after the write.
enum Simulated {
    /// The object as the server would hold it after a write, healthy where a controller would make it so.
    static func healthy(_ manifest: YAMLNode, generation: Int = 1) -> YAMLNode {
        var o = manifest
        o[path: ["metadata", "generation"]] = .int(generation)
        o[path: ["metadata", "managedFields"]] = .sequence([])
        switch o.string(at: "kind") {
        case "Deployment":
            let r = o[path: ["spec", "replicas"]]?.intValue ?? 1
            o["status"] = try! YAMLParser.parse(
                "{observedGeneration: \(generation), replicas: \(r), updatedReplicas: \(r), readyReplicas: \(r), availableReplicas: \(r), conditions: [{type: Available, status: \"True\"}]}")
        case "CustomResourceDefinition":
            o["status"] = try! YAMLParser.parse("{conditions: [{type: Established, status: \"True\"}, {type: NamesAccepted, status: \"True\"}]}")
        case "Namespace":
            o["status"] = try! YAMLParser.parse("{phase: Active}")
        default: break
        }
        return o
    }

    static func progressing(_ manifest: YAMLNode) -> YAMLNode {
        var o = healthy(manifest)
        o["status"] = try! YAMLParser.parse("{observedGeneration: 1, replicas: 1, updatedReplicas: 1, readyReplicas: 0, availableReplicas: 0}")
        return o
    }

    static func degraded(_ manifest: YAMLNode) -> YAMLNode {
        var o = healthy(manifest)
        o["status"] = try! YAMLParser.parse("""
            {observedGeneration: 1, replicas: 1, updatedReplicas: 1, availableReplicas: 0, conditions: [{type: Progressing, status: "False", reason: ProgressDeadlineExceeded, message: "ReplicaSet \\"operator-1\\" has timed out progressing."}]}
            """)
        return o
    }
}

extension AgentPass {
    /// `Kind name` of every apply action, in order.
    var applied: [String] {
        actions.compactMap { if case .apply(let r) = $0 { return "\(r.key.kind) \(r.key.name)" } else { return nil } }
    }
    var deleted: [String] {
        actions.compactMap { if case .delete(let r) = $0 { return "\(r.key.kind) \(r.key.name)" } else { return nil } }
    }
    var applyRequests: [ApplyRequest] {
        actions.compactMap { if case .apply(let r) = $0 { return r } else { return nil } }
    }
    /// A work condition of the status by type.
    func condition(_ type: String) -> YAMLNode? {
        status?["conditions"]?.items?.first { $0.string(at: "type") == type }
    }
}
