import Foundation
import Health
import KealmModel
import KealmYAML
import Planning

/// Compares the desired state with the live ManifestWorks and reads their status: the inputs of
/// `status.sync`, `status.health` and `status.resources`.
public struct ApplicationAssessment: Sendable {
    public var sync: SyncStatusCode
    public var health: HealthAssessment
    public var resources: [ResourceStatus]
    /// Resources whose live manifest differs from Git or is missing.
    public var outOfSync: Int
    /// The agent's drift reverts on the member cluster (the work's `kealm.io/drift-reverts`).
    public var clusterDriftReverts: Int
    /// Container images of the desired manifests (`status.summary.images`).
    public var images: [String]

    /// Compares per resource: Synced when a live work holds exactly the desired manifest (with Kealm's
    /// annotations), OutOfSync otherwise; live resources that left Git are OutOfSync with
    /// `requiresPruning`. Health per resource comes from the works' status (Missing when the agent has
    /// not reported it); the Application's health is the worst of them (Healthy when there are none).
    public static func assess(_ p: ApplicationSteps.Planned, liveWorks: [YAMLNode]) -> ApplicationAssessment {
        var live: [ResourceKey: YAMLNode] = [:]
        for m in liveWorks.flatMap({ $0[path: ["spec", "workload", "manifests"]]?.items ?? [] }) {
            if let k = ResourceKey(object: m) { live[k] = m }
        }
        let observations = ManifestWorkStatus.observations(works: liveWorks)
        var resources: [ResourceStatus] = []
        var healths: [HealthAssessment] = []
        var outOfSync = 0
        var images: Set<String> = []
        for t in p.plan.tasks where !t.hook.isHook {
            let desired = Tracking.annotate(t, app: p.context.application, appNamespace: p.context.applicationNamespace)
            let same = live[t.key].map { JSON.encode($0) == JSON.encode(desired) } ?? false
            if !same { outOfSync += 1 }
            let o = observations[t.key]
            let health: HealthAssessment =
                o?.applied == true ? (o?.health ?? HealthAssessment(.progressing, "health not assessed yet")) : HealthAssessment(.missing)
            healths.append(health)
            resources.append(ResourceStatus(group: t.key.group, version: version(of: t.object), kind: t.key.kind, namespace: t.key.namespace,
                name: t.key.name, status: same ? .synced : .outOfSync, health: health.status.rawValue, healthMessage: health.message))
            images.formUnion(containerImages(t.object))
        }
        let desired = p.plan.desiredKeys
        for (key, m) in live.sorted(by: { $0.key < $1.key }) where !desired.contains(key) && InventoryEntry(manifest: m) != nil {
            outOfSync += 1
            resources.append(ResourceStatus(group: key.group, version: version(of: m), kind: key.kind, namespace: key.namespace, name: key.name,
                status: .outOfSync, requiresPruning: true))
        }
        let drift = liveWorks.compactMap { Int($0.annotations[ApplicationSteps.driftRevertsAnnotation] ?? "") }.reduce(0, +)
        var health = healths.isEmpty ? HealthAssessment(.healthy) : HealthAssessment.worst(of: healths)
        if health.status != .healthy, let why = liveWorks.lazy.compactMap(unreachableMessage).first { health.message = why }
        return ApplicationAssessment(sync: outOfSync == 0 ? .synced : .outOfSync,
            health: health, resources: resources,
            outOfSync: outOfSync, clusterDriftReverts: drift, images: images.sorted())
    }

    /// The agent's message when a work says its member cluster cannot be reached (condition
    /// `Available` with reason `ClusterUnreachable`): the Application's health says why it is stuck.
    static func unreachableMessage(_ work: YAMLNode) -> String? {
        let c = work[path: ["status", "conditions"]]?.items?.first {
            $0.string(at: "type") == "Available" && $0.string(at: "reason") == "ClusterUnreachable"
        }
        guard let c else { return nil }
        return "cluster \(work.string(at: "metadata", "namespace") ?? ""): \(c.string(at: "message") ?? "unreachable")"
    }

    static func version(of object: YAMLNode) -> String {
        let api = object.string(at: "apiVersion") ?? ""
        return api.split(separator: "/").last.map(String.init) ?? api
    }

    static func containerImages(_ object: YAMLNode) -> [String] {
        let specs = [object[path: ["spec", "template", "spec"]], object["spec"], object[path: ["spec", "jobTemplate", "spec", "template", "spec"]]]
        return specs.compactMap { $0 }.flatMap { s in
            ((s["containers"]?.items ?? []) + (s["initContainers"]?.items ?? [])).compactMap { $0.string(at: "image") }
        }
    }
}
