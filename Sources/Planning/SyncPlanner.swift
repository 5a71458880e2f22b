import KealmModel
import KealmYAML

/// Application-level inputs of planning.
public struct PlanOptions: Sendable {
    /// `spec.destination.namespace`: given to namespaced manifests that have none.
    public var destinationNamespace: String?
    /// `spec.syncPolicy.syncOptions`: defaults for every manifest.
    public var syncOptions: SyncOptions
    /// Which kinds are cluster-scoped (CRDs among the manifests are learnt automatically).
    public var scope: ResourceScope
    /// Use the wave and phase Kealm recorded on each manifest (`kealm.io/sync-wave`,
    /// `kealm.io/sync-phase`) when present: how the agent re-plans the manifests of a ManifestWork
    /// so that it gates exactly the steps the hub planned.
    public var useRecordedWaves: Bool

    public init(destinationNamespace: String? = nil, syncOptions: SyncOptions = SyncOptions(), scope: ResourceScope = ResourceScope(),
        useRecordedWaves: Bool = false)
    {
        self.destinationNamespace = destinationNamespace
        self.syncOptions = syncOptions
        self.scope = scope
        self.useRecordedWaves = useRecordedWaves
    }
}

/// Turns rendered manifests into an ordered `SyncPlan`.
///
/// Order: phase (PreSync, Sync, PostSync, SyncFail), then wave (`argocd.argoproj.io/sync-wave`,
/// negative allowed), then `KindOrder`, then name (then namespace, group and input position, so
/// the order is total). After sorting, a Namespace that sorts after an object in it is moved to
/// just before that object and takes its phase and wave; a CRD likewise before the first of its
/// custom resources. Consecutive tasks of one phase and wave form a step.
public enum SyncPlanner {
    /// Argo CD's wave annotation.
    public static let waveAnnotation = "argocd.argoproj.io/sync-wave"

    /// Plans rendered manifests; errors name the manifest and the annotation that is wrong.
    public static func plan(_ manifests: [YAMLNode], options: PlanOptions = PlanOptions()) throws(PlanningError) -> SyncPlan {
        var scope = options.scope
        scope.learn(from: manifests)
        var tasks: [SyncTask] = []
        var skipped: [ResourceKey] = []
        var seen: [String: Int] = [:]
        for (i, original) in manifests.enumerated() {
            var object = original
            guard var key = ResourceKey(object: object) else {
                throw PlanningError(.missingIdentity, "manifest #\(i + 1) has no kind or metadata.name", object: "manifest #\(i + 1)",
                    hint: "every manifest needs apiVersion, kind and metadata.name")
            }
            if key.namespace.isEmpty, let ns = options.destinationNamespace, !ns.isEmpty, !scope.isClusterScoped(key.groupKind) {
                key.namespace = ns
                object[path: ["metadata", "namespace"]] = .string(ns)
            }
            let annotations = object.annotations
            let name = key.description
            let hook = try HookSpec(annotations: annotations, object: name)
            if hook.skip && !hook.isHook { skipped.append(key); continue }
            var wave = try declaredWave(annotations, hook: hook, object: name)
            var phases = hook.isHook ? hook.phases : [.sync]
            if options.useRecordedWaves, let recorded = annotations[Tracking.waveAnnotation].flatMap({ Int($0) }) {
                wave = recorded
                if let p = annotations[Tracking.phaseAnnotation].flatMap(SyncPhase.init(rawValue:)) { phases = [p] }
            }
            let opts = try SyncOptions(parsing: annotations[SyncOptions.annotation] ?? "", defaults: options.syncOptions, object: name)
            for phase in phases {
                let id = "\(phase.rawValue):\(key.trackingForm)"
                if let first = seen[id] {
                    throw PlanningError(.duplicateResource, "appears twice (manifests #\(first + 1) and #\(i + 1))", object: name,
                        hint: "remove one copy or give them different names")
                }
                seen[id] = i
                tasks.append(SyncTask(key: key, object: object, phase: phase, wave: wave, declaredWave: wave, hook: hook,
                    options: opts, movedAheadFor: nil, synthesized: false, inputIndex: i))
            }
        }
        if options.syncOptions.createNamespace, let ns = options.destinationNamespace, !ns.isEmpty,
            !tasks.contains(where: { $0.key.kind == "Namespace" && $0.key.group.isEmpty && $0.key.name == ns }),
            let first = tasks.min(by: precedes)
        {
            var opts = SyncOptions()
            opts.prune = .no
            opts.delete = .no
            let object = YAMLNode.mapping([
                YAMLPair("apiVersion", .string("v1")), YAMLPair("kind", .string("Namespace")),
                YAMLPair("metadata", .mapping([YAMLPair("name", .string(ns))])),
            ])
            tasks.append(SyncTask(key: ResourceKey(group: "", kind: "Namespace", name: ns), object: object, phase: first.phase,
                wave: first.wave, declaredWave: first.wave, hook: try HookSpec(annotations: [:], object: ns), options: opts,
                movedAheadFor: nil, synthesized: true, inputIndex: -1))
        }
        tasks.sort(by: precedes)
        moveAhead(&tasks, dependency: { $0.key.kind == "Namespace" && $0.key.group.isEmpty ? $0.key.name : nil },
            dependent: { $0.key.namespace.isEmpty ? nil : $0.key.namespace })
        moveAhead(&tasks, dependency: crdTarget, dependent: { "\($0.key.group)/\($0.key.kind)" })
        return group(tasks, skipped: skipped)
    }

    /// Re-plans the manifests of an Application's ManifestWorks (agent side): recorded waves and
    /// phases win, so the steps are the ones the hub planned.
    public static func plan(works: [YAMLNode]) throws(PlanningError) -> SyncPlan {
        try plan(works.flatMap { $0[path: ["spec", "workload", "manifests"]]?.items ?? [] }, options: PlanOptions(useRecordedWaves: true))
    }

    static func declaredWave(_ annotations: [String: String], hook: HookSpec, object: String) throws(PlanningError) -> Int {
        let (field, raw): (String, String?) =
            annotations[waveAnnotation] != nil || !hook.isHook
            ? (waveAnnotation, annotations[waveAnnotation]) : (HookSpec.helmWeightAnnotation, annotations[HookSpec.helmWeightAnnotation])
        guard let raw else { return 0 }
        let text = raw.trimmingCharacters(in: " ")
        guard let wave = Int(text.hasPrefix("+") ? String(text.dropFirst()) : text) else {
            throw PlanningError(.invalidWave, "sync wave '\(raw)' is not an integer", object: object, field: field,
                hint: "write a whole number such as \"-1\", \"0\" or \"5\"")
        }
        return wave
    }

    /// The total order before dependency moves.
    static func precedes(_ a: SyncTask, _ b: SyncTask) -> Bool {
        if a.phase != b.phase { return a.phase < b.phase }
        if a.wave != b.wave { return a.wave < b.wave }
        let (ka, kb) = (KindOrder.rank(a.key.kind), KindOrder.rank(b.key.kind))
        if ka != kb { return ka < kb }
        if a.key.name != b.key.name { return a.key.name < b.key.name }
        if a.key.namespace != b.key.namespace { return a.key.namespace < b.key.namespace }
        if a.key.group != b.key.group { return a.key.group < b.key.group }
        if a.key.kind != b.key.kind { return a.key.kind < b.key.kind }
        return a.inputIndex < b.inputIndex
    }

    /// `group/kind` of the custom resources a CRD defines, nil for anything else.
    static func crdTarget(_ t: SyncTask) -> String? {
        guard t.key.kind == "CustomResourceDefinition", t.key.group == "apiextensions.k8s.io",
            let group = t.object.string(at: "spec", "group"), let kind = t.object.string(at: "spec", "names", "kind")
        else { return nil }
        return "\(group)/\(kind)"
    }

    /// Moves each dependency before the first task that needs it, into that task's phase and wave.
    static func moveAhead(_ tasks: inout [SyncTask], dependency: (SyncTask) -> String?, dependent: (SyncTask) -> String?) {
        var firstUser: [String: Int] = [:]
        var i = 0
        while i < tasks.count {
            if let dep = dependency(tasks[i]) {
                if let j = firstUser[dep], j < i {
                    var moved = tasks.remove(at: i)
                    moved.phase = tasks[j].phase
                    moved.wave = tasks[j].wave
                    moved.movedAheadFor = tasks[j].key
                    tasks.insert(moved, at: j)
                    for (k, v) in firstUser where v >= j { firstUser[k] = v + 1 }
                }
            } else if let user = dependent(tasks[i]), firstUser[user] == nil {
                firstUser[user] = i
            }
            i += 1
        }
    }

    static func group(_ tasks: [SyncTask], skipped: [ResourceKey]) -> SyncPlan {
        var steps: [SyncStep] = []
        var failSteps: [SyncStep] = []
        for t in tasks {
            if t.phase == .syncFail {
                if let last = failSteps.last, last.wave == t.wave { failSteps[failSteps.count - 1].tasks.append(t) } else {
                    failSteps.append(SyncStep(index: failSteps.count, phase: .syncFail, wave: t.wave, tasks: [t]))
                }
            } else if let last = steps.last, last.phase == t.phase, last.wave == t.wave {
                steps[steps.count - 1].tasks.append(t)
            } else {
                steps.append(SyncStep(index: steps.count, phase: t.phase, wave: t.wave, tasks: [t]))
            }
        }
        return SyncPlan(steps: steps, syncFailSteps: failSteps, skipped: skipped)
    }
}
