import Foundation
import KealmModel
import KealmYAML
import KubeClient
import Reconcile

/// The hub over KubeClient: the work's finalizer and annotations by merge patch, its status by
/// merge patch on the status subresource, and core/v1 Events in the cluster namespace.
public struct KubeAgentHub: AgentHub {
    public let client: KubeClient
    /// The component named in events (`kealm-agent`).
    public var component: String

    public init(client: KubeClient, component: String = "kealm-agent") {
        self.client = client
        self.component = component
    }

    public func setFinalizer(_ work: ManifestWork, present: Bool) async throws {
        var finalizers = work.finalizers.filter { $0 != ManifestWork.cleanupFinalizer }
        if present { finalizers.append(ManifestWork.cleanupFinalizer) }
        // The resourceVersion makes this a compare-and-swap: a concurrent change fails with 409 and
        // the next reconcile (triggered by that change) tries again with fresh finalizers.
        let patch = YAMLNode.mapping([YAMLPair("metadata", .mapping([
            YAMLPair("finalizers", .sequence(finalizers.map { .string($0) })),
            YAMLPair("resourceVersion", .string(work.resourceVersion)),
        ]))])
        _ = try await client.patch(ManifestWork.gvk, name: work.name, namespace: work.namespace, type: .merge, patch: patch)
    }

    public func setAnnotations(_ work: ManifestWork, _ annotations: [String: String]) async throws {
        let patch = YAMLNode.mapping([YAMLPair("metadata", .mapping([
            YAMLPair("annotations", .mapping(annotations.sorted { $0.key < $1.key }.map { YAMLPair($0.key, .string($0.value)) }))
        ]))])
        _ = try await client.patch(ManifestWork.gvk, name: work.name, namespace: work.namespace, type: .merge, patch: patch)
    }

    public func writeStatus(_ work: ManifestWork, _ status: YAMLNode) async throws {
        _ = try await client.patch(ManifestWork.gvk, name: work.name, namespace: work.namespace, type: .merge,
            patch: .mapping([YAMLPair("status", status)]), subresource: "status")
    }

    public func record(_ event: AgentEvent, about work: ManifestWork) async throws {
        let now = Timestamp(seconds: Int64(Date().timeIntervalSince1970)).rfc3339
        let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 16)
        let object = YAMLNode.mapping([
            YAMLPair("apiVersion", .string("v1")), YAMLPair("kind", .string("Event")),
            YAMLPair("metadata", .mapping([YAMLPair("name", .string("\(work.name).\(suffix)")), YAMLPair("namespace", .string(work.namespace))])),
            YAMLPair("involvedObject", .mapping([
                YAMLPair("apiVersion", .string(ManifestWork.gvk.apiVersion)), YAMLPair("kind", .string("ManifestWork")),
                YAMLPair("name", .string(work.name)), YAMLPair("namespace", .string(work.namespace)), YAMLPair("uid", .string(work.uid)),
            ])),
            YAMLPair("reason", .string(event.reason)), YAMLPair("message", .string(event.message)), YAMLPair("type", .string(event.type)),
            YAMLPair("source", .mapping([YAMLPair("component", .string(component))])),
            YAMLPair("reportingComponent", .string(component)),
            YAMLPair("firstTimestamp", .string(now)), YAMLPair("lastTimestamp", .string(now)), YAMLPair("count", .int(1)),
        ])
        _ = try await client.create(object)
    }
}
