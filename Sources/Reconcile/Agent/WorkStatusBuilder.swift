import Foundation
import Health
import KealmModel
import KealmYAML
import Planning

/// Builds a ManifestWork status in OCM's format (Planning's `ManifestWorkStatus` contract) plus
/// Kealm's wave condition, keeping `lastTransitionTime` of conditions whose status did not change
/// (so an unchanged status is byte-identical and not written again).
enum WorkStatusBuilder {
    static func build(_ work: ManifestWork, layout: WorkLayout, state: WorkAgentState, facts: Facts, now: Date) -> YAMLNode {
        let live = facts.input.live
        var manifests: [ManifestWorkStatus.Manifest] = []
        var entries: [YAMLNode] = []
        for item in layout.ordered {
            let step = layout.stepIndex(of: item.key)
            let released = step.map { $0 <= state.released } ?? false
            let exists = live[item.key] != nil
            let appliedNow = state.applied[item.key] == item.fingerprint && state.failures[item.key] == nil
            let applied = released && (appliedNow || facts.inSync(item.key) || (item.strategy.kind != .serverSideApply
                && item.strategy.kind != .update && exists))
            var note: String? = state.failures[item.key].map { "apply failed: \($0)" }
            if note == nil && !released {
                note = step.map { "waiting for \(layout.labels[$0]) (step \($0 + 1) of \(layout.steps.count))" }
                    ?? "not applied: a hook the agent does not run (Skip or SyncFail)"
            }
            let health: HealthAssessment? = exists ? facts.health[item.key] : (released ? HealthAssessment(.missing, "resource does not exist") : nil)
            let m = ManifestWorkStatus.Manifest(key: item.key, ordinal: item.ordinal, version: item.resource.version,
                resource: item.resource.resource, applied: applied, available: exists, health: health, applyError: note)
            manifests.append(m)
            var entry = ManifestWorkStatus.entry(m, generation: work.generation, at: now)
            if !released && state.failures[item.key] == nil, var conditions = entry["conditions"]?.items, !conditions.isEmpty {
                conditions[0]["reason"] = .string("WaitingForWave")
                entry["conditions"] = .sequence(conditions)
            }
            if let values = StatusFeedback.values(rules: item.feedback, live: live[item.key]) {
                entry["statusFeedbacks"] = .mapping([YAMLPair("values", .sequence(values))])
            }
            entries.append(entry)
        }
        var run = SyncRun.start(WorkLayout.emptyPlan, at: now)
        run.phase = state.phase == .complete ? .succeeded : (state.phase == .failed || state.phase == .timedOut ? .failed : .running)
        run.message = state.message
        var conditions = ManifestWorkStatus.conditions(manifests, run: run, generation: work.generation, at: now)
        conditions.append(waveCondition(state, layout: layout, generation: work.generation, now: now))
        let status = YAMLNode.mapping([
            YAMLPair("conditions", .sequence(conditions)),
            YAMLPair("resourceStatus", .mapping([YAMLPair("manifests", .sequence(entries))])),
        ])
        return carryTimes(old: work.status, new: status)
    }

    /// `kealm.io/WaveProgress`: True once every step is ready; the reason is the wave phase and the
    /// message says which wave runs and what it waits on.
    static func waveCondition(_ state: WorkAgentState, layout: WorkLayout, generation: Int, now: Date) -> YAMLNode {
        let wave = layout.waves.isEmpty ? 0 : layout.waves[min(state.released, layout.waves.count - 1)]
        return .mapping([
            YAMLPair("type", .string(WorkAgent.waveCondition)),
            YAMLPair("status", .string(state.phase == .complete ? "True" : "False")),
            YAMLPair("reason", .string(state.phase.rawValue)),
            YAMLPair("message", .string(layout.waves.isEmpty ? state.message : "wave \(wave): \(state.message)")),
            YAMLPair("observedGeneration", .int(generation)),
            YAMLPair("lastTransitionTime", .string(ManifestWorkStatusTime.stamp(now))),
        ])
    }

    /// A status for a work whose manifests cannot be planned.
    static func invalid(_ work: ManifestWork, message: String, now: Date) -> YAMLNode {
        let c = YAMLNode.mapping([
            YAMLPair("type", .string("Applied")), YAMLPair("status", .string("False")),
            YAMLPair("reason", .string("InvalidManifestWork")), YAMLPair("message", .string(message)),
            YAMLPair("observedGeneration", .int(work.generation)),
            YAMLPair("lastTransitionTime", .string(ManifestWorkStatusTime.stamp(now))),
        ])
        return carryTimes(old: work.status, new: .mapping([YAMLPair("conditions", .sequence([c]))]))
    }

    /// Copies `lastTransitionTime` from the old status for conditions whose status is unchanged.
    static func carryTimes(old: YAMLNode?, new: YAMLNode) -> YAMLNode {
        guard let old else { return new }
        var out = new
        out["conditions"] = carry(old["conditions"], new["conditions"])
        let oldEntries = old[path: ["resourceStatus", "manifests"]]?.items ?? []
        func id(_ e: YAMLNode) -> String { JSON.encode(e["resourceMeta"] ?? .null) }
        var byID: [String: YAMLNode] = [:]
        for e in oldEntries { byID[id(e)] = e }
        if let entries = new[path: ["resourceStatus", "manifests"]]?.items {
            out[path: ["resourceStatus", "manifests"]] = .sequence(entries.map { e in
                var e = e
                e["conditions"] = carry(byID[id(e)]?["conditions"], e["conditions"])
                return e
            })
        }
        return out
    }

    static func carry(_ old: YAMLNode?, _ new: YAMLNode?) -> YAMLNode? {
        guard let new, let items = new.items else { return new }
        let previous = old?.items ?? []
        return .sequence(items.map { c in
            guard let t = c.string(at: "type"), let p = previous.first(where: { $0.string(at: "type") == t }),
                p.string(at: "status") == c.string(at: "status"), let time = p["lastTransitionTime"]
            else { return c }
            var c = c
            c["lastTransitionTime"] = time
            return c
        })
    }
}

/// RFC 3339 stamps for conditions.
enum ManifestWorkStatusTime {
    static func stamp(_ date: Date) -> String {
        // Formatted by hand: a Foundation date formatter per call cost the agents a third of their CPU.
        Timestamp(seconds: Int64(date.timeIntervalSince1970.rounded(.down))).rfc3339
    }
}
