import KealmYAML

/// One manifest to apply in one phase: the unit the planner orders and the gate waits on.
public struct SyncTask: Sendable, Hashable {
    /// The object's identity.
    public var key: ResourceKey
    /// The manifest as it will be applied (destination namespace filled in when it had none).
    public var object: YAMLNode
    /// The phase it runs in (`Sync` for an ordinary resource).
    public var phase: SyncPhase
    /// The wave it runs in: the declared wave, or the wave of the dependent it was moved ahead for.
    public var wave: Int
    /// The wave written in `argocd.argoproj.io/sync-wave` (or `helm.sh/hook-weight` for Helm hooks); 0 when absent.
    public var declaredWave: Int
    /// The hook annotations; `hook.isHook` is false for ordinary resources.
    public var hook: HookSpec
    /// Sync options (the manifest's annotation over the Application's defaults).
    public var options: SyncOptions
    /// Set when the task was moved to an earlier wave because this object must exist before it
    /// (a Namespace before the objects in it, a CRD before its custom resources).
    public var movedAheadFor: ResourceKey?
    /// True for a Namespace the planner added because of `CreateNamespace=true`.
    public var synthesized: Bool
    /// Position in the input, the last tie-break.
    public var inputIndex: Int

    /// A stable identity for the task: phase and key (a hook in two phases is two tasks).
    public var id: String { "\(phase.rawValue):\(key.trackingForm)" }

    /// How the step reads in messages: `wave 4`, or `PreSync wave 0` outside the Sync phase.
    public var stepLabel: String { phase == .sync ? "wave \(wave)" : "\(phase.rawValue) wave \(wave)" }
}

/// Tasks that run together: one phase and one wave. The next step starts only when this one is done.
public struct SyncStep: Sendable, Hashable {
    /// Position in `SyncPlan.steps` (0-based).
    public var index: Int
    /// The step's phase and wave.
    public var phase: SyncPhase
    public var wave: Int
    /// Tasks in apply order.
    public var tasks: [SyncTask]

    /// `wave 4`, or `PreSync wave 0` outside the Sync phase.
    public var label: String { phase == .sync ? "wave \(wave)" : "\(phase.rawValue) wave \(wave)" }
}

/// The ordered sync plan of one Application for one cluster.
public struct SyncPlan: Sendable, Hashable {
    /// PreSync, Sync and PostSync steps in order.
    public var steps: [SyncStep]
    /// SyncFail hooks, run only after a failed sync.
    public var syncFailSteps: [SyncStep]
    /// Manifests marked `argocd.argoproj.io/hook: Skip`.
    public var skipped: [ResourceKey]

    /// Every task of `steps`, in order.
    public var tasks: [SyncTask] { steps.flatMap(\.tasks) }

    /// The keys of the desired (non-hook) resources: what an inventory is compared with.
    public var desiredKeys: Set<ResourceKey> { Set(tasks.filter { !$0.hook.isHook }.map(\.key)) }

    /// The index of the step a task runs in.
    public func stepIndex(of key: ResourceKey, phase: SyncPhase = .sync) -> Int? {
        steps.first { s in s.tasks.contains { $0.key == key && $0.phase == phase } }?.index
    }
}
