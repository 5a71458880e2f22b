import KealmModel
import KealmYAML
import Planning

/// One manifest of a work, resolved: identity, resource name, update strategy, feedback rules.
struct WorkItem: Sendable, Hashable {
    var ordinal: Int
    var key: ResourceKey
    var manifest: YAMLNode
    var resource: AppliedResource
    var strategy: UpdateStrategy
    var feedback: [FeedbackRule]
    /// A fingerprint of the manifest: a changed manifest is a new apply, not a drift revert.
    var fingerprint: Int
}

/// The manifests of a work in apply order: steps by phase and wave (`kealm.io/sync-wave` written
/// by the controller, else `argocd.argoproj.io/sync-wave`), then Argo CD's kind order and name,
/// with Namespaces and CRDs moved ahead of what needs them (Planning's `SyncPlanner`).
struct WorkLayout: Sendable {
    var items: [ResourceKey: WorkItem]
    var ordered: [WorkItem]
    /// Keys per step, in apply order.
    var steps: [[ResourceKey]]
    var labels: [String]
    var waves: [Int]
    /// The planner's steps, for the wave gate.
    var syncSteps: [SyncStep]

    /// A plan with no steps (for status built without waves).
    static let emptyPlan: SyncPlan = (try? SyncPlanner.plan([]))!

    static func make(_ work: ManifestWork, resourceNames: [GroupKind: String]) throws(PlanningError) -> WorkLayout {
        let namer = ResourceNamer(known: resourceNames)
        var items: [ResourceKey: WorkItem] = [:]
        var ordered: [WorkItem] = []
        var planning: [YAMLNode] = []
        for (i, m) in work.manifests.enumerated() {
            guard let ref = ObjectRef(object: m), let key = ResourceKey(object: m) else { continue }
            let resource = namer.resource(for: ref.gvk.groupKind)
            let config = work.config(for: m, resource: resource)
            let item = WorkItem(ordinal: i, key: key, manifest: m,
                resource: AppliedResource(key: key, version: ref.gvk.version, resource: resource),
                strategy: config?.updateStrategy ?? UpdateStrategy(), feedback: config?.feedbackRules ?? [],
                fingerprint: JSON.encode(m).hashValue)
            if items[key] == nil { items[key] = item }
            ordered.append(item)
            var copy = m
            let a = m.annotations
            if let wave = a[Tracking.waveAnnotation] {
                copy[path: ["metadata", "annotations", SyncPlanner.waveAnnotation]] = .string(wave)
            }
            planning.append(copy)
        }
        let plan = try SyncPlanner.plan(planning)
        var seen: Set<ResourceKey> = []
        var steps: [[ResourceKey]] = []
        var syncSteps: [SyncStep] = []
        for step in plan.steps {
            var s = step
            s.tasks = step.tasks.filter { seen.insert($0.key).inserted }
            let keys = s.tasks.map(\.key)
            if keys.isEmpty { continue }
            s.index = syncSteps.count
            steps.append(keys)
            syncSteps.append(s)
        }
        return WorkLayout(items: items, ordered: ordered, steps: steps, labels: syncSteps.map(\.label), waves: syncSteps.map(\.wave),
            syncSteps: syncSteps)
    }

    /// The index of the step an object is applied in.
    func stepIndex(of key: ResourceKey) -> Int? { steps.firstIndex { $0.contains(key) } }
}
