import Foundation
import Health
import KealmModel
import KealmYAML
import Planning

/// The application controller's steps as pure functions of values. `ApplicationReconciler` calls
/// them in order and does the I/O between them.
public enum ApplicationSteps {
    /// Kealm's progress annotations on the Application.
    public static let currentWaveAnnotation = "kealm.io/current-wave"
    public static let waitingOnAnnotation = "kealm.io/waiting-on"
    public static let hubDriftAnnotation = "kealm.io/hub-drift-count"
    public static let driftRevertsAnnotation = "kealm.io/drift-reverts"
    /// On a ManifestWork: when its current step was written (survives a controller restart).
    public static let stepStartedAnnotation = "kealm.io/step-started-at"

    // MARK: destination

    /// The managed cluster (the ManifestWork namespace) of an Application: `destination.name`, else
    /// the cluster that `destination.server` names.
    public static func cluster(of app: Application, serverLookup: String?) throws(ReconcileError) -> String {
        if let name = app.destination.name, !name.isEmpty { return name }
        if let server = app.destination.server, !server.isEmpty {
            if let cluster = serverLookup { return cluster }
            throw ReconcileError(.invalid, "no managed cluster has server \(server)", application: app.key,
                hint: "set spec.destination.name to the ManagedCluster's name, or register the cluster's server URL")
        }
        throw ReconcileError(.invalid, "spec.destination names no cluster", application: app.key,
            hint: "set spec.destination.name (the ManagedCluster) or spec.destination.server")
    }

    // MARK: plan

    /// The plan of one sync and its prune set against the live works.
    public struct Planned: Sendable {
        public var plan: SyncPlan
        public var prune: PrunePlan
        /// What the live works hold (the last applied inventory), by key.
        public var inventory: [ResourceKey: InventoryEntry]
        public var context: WorkContext
        /// The live works as read (their manifest configs are carried with carried manifests).
        public var liveWorks: [YAMLNode]
    }

    /// Plans rendered manifests: waves, prune set vs the live works' manifests, and the work context.
    public static func plan(app: Application, manifests: [YAMLNode], liveWorks: [YAMLNode], cluster: String, revision: String,
        extraOptions: [String] = [], settings: ApplicationSettings) throws -> Planned
    {
        let options = try SyncOptions(list: app.syncPolicy.syncOptions + extraOptions, object: "Application \(app.key)")
        let plan = try SyncPlanner.plan(manifests, options: PlanOptions(destinationNamespace: app.destination.namespace, syncOptions: options))
        var inventory: [ResourceKey: InventoryEntry] = [:]
        for m in liveWorks.flatMap({ $0[path: ["spec", "workload", "manifests"]]?.items ?? [] }) {
            if let e = InventoryEntry(manifest: m) { inventory[e.key] = e }
        }
        let prune = PrunePlan.plan(inventory: Array(inventory.values), desired: plan)
        let context = WorkContext(application: app.name, applicationNamespace: app.namespace, cluster: cluster, revision: revision,
            fieldManager: settings.fieldManager, maxBytes: settings.maxWorkBytes)
        return Planned(plan: plan, prune: prune, inventory: inventory, context: context, liveWorks: liveWorks)
    }

    // MARK: works

    /// The works to hold on the hub for a step. Two additions to the packer's output:
    /// - resources desired in a later step that the live works already hold keep their live manifest
    ///   until their step is written (a new sync must not delete what a later wave will update);
    /// - without pruning, resources that left Git stay in the works (Argo CD leaves them in place).
    public static func works(_ p: Planned, progress: ManifestWorkPacker.Progress, prune: Bool) throws -> [YAMLNode] {
        let prunePlan = prune ? p.prune : PrunePlan(items: [])
        var works = try ManifestWorkPacker.works(plan: p.plan, prune: prunePlan, progress: progress, context: p.context)
        var held = Set(works.flatMap { ($0[path: ["spec", "workload", "manifests"]]?.items ?? []).compactMap(ResourceKey.init(object:)) })
        var carried: [InventoryEntry] = []
        let desired = p.plan.desiredKeys
        for (key, entry) in p.inventory.sorted(by: { $0.key < $1.key }) where !held.contains(key) && entry.manifest != nil {
            let laterStep = desired.contains(key)
            let keptUnpruned = !prune && !desired.contains(key) && !p.prune.orphaned.contains(key)
            if laterStep || keptUnpruned {
                carried.append(entry)
                held.insert(key)
            }
        }
        guard !carried.isEmpty else { return works }
        if works.isEmpty {
            // Nothing desired at this step: the Application's first live work is the envelope.
            guard let live = p.liveWorks.first else { return works }
            works = [envelope(of: live)]
        }
        var configsByKey: [String: YAMLNode] = [:]
        for c in p.liveWorks.flatMap({ $0[path: ["spec", "manifestConfigs"]]?.items ?? [] }) {
            configsByKey[configKey(c["resourceIdentifier"])] = c
        }
        var first = works[0]
        var manifests = first[path: ["spec", "workload", "manifests"]]?.items ?? []
        var configs = first[path: ["spec", "manifestConfigs"]]?.items ?? []
        for e in carried {
            manifests.append(e.manifest!)
            let id = "\(e.key.group)|\(e.key.namespace)|\(e.key.name)"
            if let c = configsByKey[id] { configs.append(c) }
        }
        first[path: ["spec", "workload", "manifests"]] = .sequence(manifests)
        first[path: ["spec", "manifestConfigs"]] = .sequence(configs)
        works[0] = first
        return works
    }

    static func configKey(_ id: YAMLNode?) -> String {
        "\(id?.string(at: "group") ?? "")|\(id?.string(at: "namespace") ?? "")|\(id?.string(at: "name") ?? "")"
    }

    /// A live work reduced to what the controller writes: identity, labels, annotations and spec.
    static func envelope(of work: YAMLNode) -> YAMLNode {
        var meta: [YAMLPair] = []
        for k in ["name", "namespace", "labels", "annotations"] { if let v = work[path: ["metadata", k]] { meta.append(YAMLPair(k, v)) } }
        return .mapping([
            YAMLPair("apiVersion", .string("work.open-cluster-management.io/v1")), YAMLPair("kind", .string("ManifestWork")),
            YAMLPair("metadata", .mapping(meta)), YAMLPair("spec", work["spec"] ?? .emptyMapping),
        ])
    }

    /// The part of a work the controller owns: its name and spec (status and server fields ignored).
    public static func fingerprint(_ works: [YAMLNode]) -> [String: String] {
        var out: [String: String] = [:]
        for w in works {
            guard let name = w.string(at: "metadata", "name") else { continue }
            out[name] = JSON.encode(w["spec"] ?? .null)
        }
        return out
    }

    /// The step and revision recorded on live works (nil when there are none).
    public static func recorded(_ works: [YAMLNode]) -> (revision: String, step: Int, steps: Int, startedAt: String?)? {
        guard let w = works.first(where: { $0.string(at: "metadata", "name").map { !$0.isEmpty } ?? false }) else { return nil }
        let a = w.annotations
        return (a[Tracking.revisionAnnotation] ?? "", Int(a[Tracking.stepAnnotation] ?? "") ?? 0, Int(a[Tracking.stepsAnnotation] ?? "") ?? 0,
            a[stepStartedAnnotation])
    }
}
