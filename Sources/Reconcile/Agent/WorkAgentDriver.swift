import Foundation
import KealmModel
import KealmYAML
import Planning

/// What one reconcile of a work did.
public struct ReconcileResult: Sendable {
    public var state: WorkAgentState
    /// When to reconcile again at the latest (nil: only when something changes).
    public var requeueAt: Date?
    /// The work is gone from the agent's point of view (finalizer removed): forget its state.
    public var finished: Bool
    /// Writes made on the member cluster.
    public var writes: Int
    /// Events recorded.
    public var events: [AgentEvent]
}

/// Runs `WorkAgent.pass` against the effects until it asks for nothing more: executes the
/// writes, reports each outcome, then writes the status, the annotations and the events.
///
/// When the member cluster cannot be read, the work's status says why (condition `Available`
/// Unknown with reason `ClusterUnreachable` and the error) and the reconcile is retried.
public enum WorkAgentDriver {
    public static func reconcile(_ work: ManifestWork, state: WorkAgentState, effects: AgentEffects, settings: AgentSettings)
        async -> ReconcileResult
    {
        var state = state
        var work = work
        var result = ReconcileResult(state: state, requeueAt: nil, finished: false, writes: 0, events: [])
        var live: [ResourceKey: YAMLNode]
        do {
            live = try await effects.member.read(resources(of: work, state: state, names: effects.member.resourceNames()))
        } catch {
            let now = effects.clock.now
            try? await effects.hub.writeStatus(work, unreachable(work, error: "\(error)", now: now))
            result.requeueAt = now.addingTimeInterval(max(settings.retryDelay, 5))
            return result
        }
        var pass = AgentPass(state: state)
        let names = effects.member.resourceNames()
        for _ in 0..<64 {
            let now = effects.clock.now
            pass = WorkAgent.pass(AgentInput(work: work, live: live, now: now, resourceNames: names), state: state, settings: settings,
                withStatus: false)
            state = pass.state
            for action in pass.actions {
                switch action {
                case .addFinalizer:
                    if (try? await effects.hub.setFinalizer(work, present: true)) != nil {
                        work.finalizers.append(ManifestWork.cleanupFinalizer)
                    }
                case .removeFinalizer:
                    do {
                        try await effects.hub.setFinalizer(work, present: false)
                        result.state = state
                        result.finished = true
                        return result
                    } catch {
                        result.requeueAt = now.addingTimeInterval(settings.retryDelay)
                    }
                case .apply(let request):
                    let outcome: ApplyOutcome
                    do {
                        live[request.key] = try await effects.member.write(request)
                        outcome = .applied
                        result.writes += 1
                    } catch {
                        outcome = .failed("\(error)")
                    }
                    if let event = WorkAgent.record(outcome, for: request, into: &state, now: effects.clock.now, settings: settings) {
                        result.events.append(event)
                        try? await effects.hub.record(event, about: work)
                    }
                case .delete(let resource):
                    do {
                        live[resource.key] = try await effects.member.delete(resource)
                        result.writes += 1
                    } catch {
                        state.failures[resource.key] = "delete failed: \(error)"
                        state.retryAt[resource.key] = effects.clock.now.addingTimeInterval(settings.retryDelay)
                    }
                }
            }
            if !pass.again && pass.actions.allSatisfy({ $0 == .addFinalizer }) { break }
        }
        // The last pass asked for nothing: its state is final; build the status once.
        pass = WorkAgent.pass(AgentInput(work: work, live: live, now: effects.clock.now, resourceNames: names), state: state,
            settings: settings)
        state = pass.state
        result.state = state
        result.requeueAt = pass.again || !pass.actions.isEmpty ? effects.clock.now : pass.requeueAt
        if let status = pass.status, JSON.encode(status) != JSON.encode(work.status ?? .null) {
            do { try await effects.hub.writeStatus(work, status) } catch { result.requeueAt = effects.clock.now.addingTimeInterval(1) }
        }
        let changed = pass.annotations.filter { work.annotations[$0.key] != $0.value }
        if !changed.isEmpty { try? await effects.hub.setAnnotations(work, changed) }
        return result
    }

    /// Every object the work names or the agent applied for it, for reading the live state.
    public static func resources(of work: ManifestWork, state: WorkAgentState, names: [GroupKind: String]) -> [AppliedResource] {
        var out = Array(state.inventory.values)
        var seen = Set(out.map(\.key))
        let namer = ResourceNamer(known: names)
        for m in work.manifests {
            guard let ref = ObjectRef(object: m), let key = ResourceKey(object: m), seen.insert(key).inserted else { continue }
            out.append(AppliedResource(key: key, version: ref.gvk.version, resource: namer.resource(for: ref.gvk.groupKind)))
        }
        for m in work.status?[path: ["resourceStatus", "manifests"]]?.items ?? [] {
            guard let meta = m["resourceMeta"], let kind = meta.string(at: "kind"), let name = meta.string(at: "name"),
                let version = meta.string(at: "version"), let resource = meta.string(at: "resource")
            else { continue }
            let key = ResourceKey(group: meta.string(at: "group") ?? "", kind: kind, namespace: meta.string(at: "namespace") ?? "", name: name)
            if seen.insert(key).inserted { out.append(AppliedResource(key: key, version: version, resource: resource)) }
        }
        return out.sorted { $0.key < $1.key }
    }

    /// The status when the member cluster cannot be read: the previous manifests' status is kept.
    static func unreachable(_ work: ManifestWork, error: String, now: Date) -> YAMLNode {
        var status = work.status ?? .mapping([])
        var conditions = (status["conditions"]?.items ?? []).filter {
            $0.string(at: "type") != "Available" && $0.string(at: "type") != WorkAgent.waveCondition
        }
        for (type, reason) in [("Available", "ClusterUnreachable"), (WorkAgent.waveCondition, "ClusterUnreachable")] {
            conditions.append(.mapping([
                YAMLPair("type", .string(type)), YAMLPair("status", .string(type == "Available" ? "Unknown" : "False")),
                YAMLPair("reason", .string(reason)),
                YAMLPair("message", .string("the member cluster cannot be reached: \(error)")),
                YAMLPair("observedGeneration", .int(work.generation)),
                YAMLPair("lastTransitionTime", .string(ManifestWorkStatusTime.stamp(now))),
            ]))
        }
        status["conditions"] = .sequence(conditions)
        return WorkStatusBuilder.carryTimes(old: work.status, new: status)
    }
}
