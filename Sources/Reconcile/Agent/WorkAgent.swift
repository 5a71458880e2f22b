import Drift
import Foundation
import Health
import KealmModel
import KealmYAML
import Planning

/// What one pass over a ManifestWork sees.
public struct AgentInput: Sendable {
    public var work: ManifestWork
    /// The live objects of the work's manifests and of the inventory, by key; absent = does not exist.
    public var live: [ResourceKey: YAMLNode]
    public var now: Date
    /// Plural resource names from discovery (guessed from the kind when absent).
    public var resourceNames: [GroupKind: String]

    public init(work: ManifestWork, live: [ResourceKey: YAMLNode], now: Date, resourceNames: [GroupKind: String] = [:]) {
        self.work = work
        self.live = live
        self.now = now
        self.resourceNames = resourceNames
    }
}

/// The result of one pass: what to do, the new state, the status to write.
public struct AgentPass: Sendable {
    public var actions: [AgentAction] = []
    public var state: WorkAgentState
    /// The ManifestWork status to write (nil while the work is being deleted).
    public var status: YAMLNode?
    /// Annotations the agent keeps on the work (`kealm.io/current-wave`, `kealm.io/drift-reverts`).
    public var annotations: [String: String] = [:]
    /// When to run again at the latest (a wave delay, a timeout, a backoff, a retry).
    public var requeueAt: Date?
    /// The gate opened the next wave: run another pass at once.
    public var again = false

    mutating func requeue(_ at: Date) { requeueAt = requeueAt.map { min($0, at) } ?? at }
}

/// An event the adapter records on the hub (in the cluster namespace, about the work).
public struct AgentEvent: Sendable, Hashable {
    public var reason: String
    public var message: String
    public var type: String

    public init(reason: String, message: String, type: String = "Normal") {
        self.reason = reason
        self.message = message
        self.type = type
    }
}

/// The work agent's reconcile step as pure functions over values.
///
/// `pass` reads a ManifestWork, the live objects and the agent's memory of the work, and returns
/// the writes to make (apply the manifests of the released waves, revert drift, delete what left
/// the work), the new memory, and the status in OCM's format. The adapter runs the writes,
/// reports each outcome with `record`, and calls `pass` again until it asks for nothing more.
///
/// Waves: the manifests are ordered as Planning orders a sync; a step is released only when
/// every object of the previous one is Healthy (or Suspended, when the gate policy allows), and
/// the inter-wave delay has passed; a Degraded object holds the waves back (fail fast) and says
/// so; a step that takes longer than the wave timeout is reported as timed out. Both are
/// level-triggered: when the object recovers, the waves go on.
public enum WorkAgent {
    public static let currentWaveAnnotation = "kealm.io/current-wave"
    public static let driftRevertsAnnotation = "kealm.io/drift-reverts"
    public static let waveCondition = "kealm.io/WaveProgress"

    /// One pass. `withStatus: false` skips building the status (for passes whose writes are
    /// followed by another pass at once).
    public static func pass(_ input: AgentInput, state: WorkAgentState, settings: AgentSettings, withStatus: Bool = true) -> AgentPass {
        let work = input.work
        var s = state
        seed(&s, from: work)
        var out = AgentPass(state: s)
        if work.isDeleting {
            cleanup(input, &out)
            return out
        }
        if !work.finalizers.contains(ManifestWork.cleanupFinalizer) { out.actions.append(.addFinalizer) }
        let layout: WorkLayout
        do { layout = try WorkLayout.make(work, resourceNames: input.resourceNames) } catch {
            out.status = WorkStatusBuilder.invalid(work, message: error.description, now: input.now)
            return out
        }
        prune(input, desired: Set(layout.items.keys), &out)
        guard !layout.steps.isEmpty else {
            out.state.phase = .complete
            out.state.message = "no manifests"
            if withStatus {
                out.status = WorkStatusBuilder.build(work, layout: layout, state: out.state,
                    facts: Facts(input: input, layout: layout, settings: settings), now: input.now)
            }
            return out
        }
        let policy = settings.gate(for: work)
        let facts = Facts(input: input, layout: layout, settings: settings, memo: out.state.driftMemo)
        out.state.driftMemo = facts.memo
        var st = out.state
        if st.generation != work.generation {
            st.generation = work.generation
            st.released = 0
            st.fastForward = true
            st.readySince = nil
            st.phase = .running
        }
        st.released = min(st.released, layout.steps.count - 1)
        if st.fastForward {
            while st.released < layout.steps.count - 1 && layout.steps[st.released].allSatisfy({ facts.ready($0, policy) }) {
                st.released += 1
            }
            st.fastForward = false
            st.stepStartedAt = input.now
        }
        out.state = st
        writes(facts, &out)
        gate(facts, policy: policy, &out)
        out.annotations = [
            currentWaveAnnotation: String(layout.waves[out.state.released]),
            driftRevertsAnnotation: String(out.state.driftReverts),
        ]
        if withStatus { out.status = WorkStatusBuilder.build(work, layout: layout, state: out.state, facts: facts, now: input.now) }
        return out
    }

    /// Reads the inventory back from the work's status the first time a work is seen.
    static func seed(_ s: inout WorkAgentState, from work: ManifestWork) {
        guard !s.seeded else { return }
        s.seeded = true
        for m in work.status?[path: ["resourceStatus", "manifests"]]?.items ?? [] {
            guard let meta = m["resourceMeta"], let kind = meta.string(at: "kind"), let name = meta.string(at: "name"),
                let version = meta.string(at: "version"), let resource = meta.string(at: "resource")
            else { continue }
            let applied = m["conditions"]?.items?.contains { $0.string(at: "type") == "Applied" && $0.string(at: "status") == "True" } ?? false
            guard applied else { continue }
            let key = ResourceKey(group: meta.string(at: "group") ?? "", kind: kind, namespace: meta.string(at: "namespace") ?? "", name: name)
            if s.inventory[key] == nil { s.inventory[key] = AppliedResource(key: key, version: version, resource: resource) }
        }
    }

    /// Deletes what the agent applied that is no longer desired (all of it when the work is
    /// being deleted), unless the delete option orphans it.
    static func prune(_ input: AgentInput, desired: Set<ResourceKey>, _ out: inout AgentPass) {
        for (key, res) in out.state.inventory.sorted(by: { $0.key < $1.key }) where !desired.contains(key) {
            if input.work.deleteOption.orphans(group: key.group, resource: res.resource, namespace: key.namespace, name: key.name) {
                out.state.inventory[key] = nil
            } else if let at = out.state.retryAt[key], at > input.now {
                out.requeue(at)
            } else if let live = input.live[key] {
                if (live.string(at: "metadata", "deletionTimestamp") ?? "").isEmpty { out.actions.append(.delete(res)) }
                out.requeue(input.now.addingTimeInterval(1))
            } else {
                out.state.inventory[key] = nil
                out.state.applied[key] = nil
                out.state.reverts[key] = nil
            }
        }
    }

    /// The work is being deleted: delete everything applied, then drop the finalizer.
    static func cleanup(_ input: AgentInput, _ out: inout AgentPass) {
        guard input.work.finalizers.contains(ManifestWork.cleanupFinalizer) else { return }
        prune(input, desired: [], &out)
        if out.state.inventory.isEmpty { out.actions.append(.removeFinalizer) }
    }

    /// Applies for every object of the released steps that is new, changed, drifted or deleted.
    static func writes(_ f: Facts, _ out: inout AgentPass) {
        let now = f.input.now
        for stepKeys in f.layout.steps.prefix(out.state.released + 1) {
            for key in stepKeys {
                guard let item = f.layout.items[key] else { continue }
                if let at = out.state.retryAt[key], at > now {
                    out.requeue(at)
                    continue
                }
                let live = f.input.live[key]
                var revert: String? = nil
                let known = out.state.applied[key] == item.fingerprint
                switch item.strategy.kind {
                case .readOnly: continue
                case .createOnly:
                    guard live == nil else { continue }
                    if known { revert = "recreated (it was deleted)" }
                case .serverSideApply, .update:
                    if !known {
                        revert = nil  // new or changed manifest (or a fresh agent): an ordinary apply
                    } else if live == nil {
                        revert = "recreated (it was deleted)"
                    } else if let d = f.drift(key), d.isDrifted {
                        revert = "reverted drift: " + d.differences.prefix(3).map(\.description).joined(separator: "; ")
                            + (d.differences.count > 3 ? "; and \(d.differences.count - 3) more" : "")
                    } else {
                        continue
                    }
                }
                if revert != nil {
                    let next = f.settings.selfHeal.nextAllowed(out.state.reverts[key] ?? RevertHistory(), now: now)
                    if next > now {
                        out.requeue(next)
                        continue
                    }
                }
                out.actions.append(.apply(ApplyRequest(key: key, manifest: item.manifest, resource: item.resource, strategy: item.strategy.kind,
                    fieldManager: item.strategy.fieldManager ?? f.settings.fieldManager, force: item.strategy.force, revert: revert,
                    fingerprint: item.fingerprint)))
            }
        }
    }

    /// Runs the wave gate on the released step and moves the waves on.
    static func gate(_ f: Facts, policy: GatePolicy, _ out: inout AgentPass) {
        var st = out.state
        let now = f.input.now
        let last = f.layout.steps.count - 1
        let step = f.layout.syncSteps[st.released]
        var observations: [ResourceKey: ManifestObservation] = [:]
        for key in f.layout.steps[st.released] { observations[key] = f.observation(key, state: st) }
        let decided = WaveGate.decide(step: step, observations: observations, startedAt: st.stepStartedAt ?? now,
            readySince: st.readySince, now: now, policy: policy)
        let position = "step \(st.released + 1) of \(last + 1)"
        var decision = decided
        if st.released == last, case .settle = decision { decision = .advance }
        switch decision {
        case .advance where st.released == last:
            st.phase = .complete
            st.readySince = nil
            st.message = "all \(last + 1) steps applied and ready"
        case .advance:
            st.released += 1
            st.stepStartedAt = now
            st.readySince = nil
            st.phase = .running
            st.message = "\(f.layout.labels[st.released]) (step \(st.released + 1) of \(last + 1)): started"
            out.again = true
        case .settle(let until):
            st.readySince = st.readySince ?? now
            st.phase = .settling
            st.message = "\(step.label) (\(position)): ready, \(f.layout.labels[st.released + 1]) starts in \(Int(until.timeIntervalSince(now).rounded(.up))) s"
            out.requeue(until)
        case .wait(let summary, _):
            st.readySince = nil
            st.phase = .running
            st.message = "\(position): waiting on \(summary)"
            if let t = policy.timeout { out.requeue((st.stepStartedAt ?? now).addingTimeInterval(t)) }
        case .fail(let summary, _):
            st.readySince = nil
            st.phase = .failed
            st.message = "waves stopped at \(position): \(summary)"
        case .timeout(let summary, _):
            st.readySince = nil
            st.phase = .timedOut
            st.message = "waves stopped at \(position): \(summary)"
        }
        out.state = st
    }

    /// Reports the outcome of a write; returns the event to record for a drift revert.
    public static func record(_ outcome: ApplyOutcome, for request: ApplyRequest, into state: inout WorkAgentState, now: Date,
        settings: AgentSettings) -> AgentEvent?
    {
        let key = request.key
        switch outcome {
        case .applied:
            state.applied[key] = request.fingerprint
            state.failures[key] = nil
            state.retryAt[key] = nil
            state.inventory[key] = request.resource
            guard let revert = request.revert else { return nil }
            state.reverts[key, default: RevertHistory()].record(at: now, policy: settings.selfHeal)
            state.driftReverts += 1
            return AgentEvent(reason: "DriftReverted", message: "\(key): \(revert)")
        case .failed(let message):
            state.failures[key] = message
            state.retryAt[key] = now.addingTimeInterval(settings.retryDelay)
            return request.revert == nil ? nil : AgentEvent(reason: "DriftRevertFailed", message: "\(key): \(message)", type: "Warning")
        }
    }
}
