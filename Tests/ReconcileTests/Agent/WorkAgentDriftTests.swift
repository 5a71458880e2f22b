import Foundation
import KealmYAML
import Planning
import Reconcile
import Testing

/// Self-heal, pruning, deletion, finalizer and update strategies of the pure pass.
@Suite struct WorkAgentDriftTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    let manifests = """
        - {apiVersion: v1, kind: ConfigMap, metadata: {name: a, namespace: demo}, data: {level: info}}
        - {apiVersion: v1, kind: ConfigMap, metadata: {name: b, namespace: demo}, data: {x: "1"}}
        """
    let a = ResourceKey(group: "", kind: "ConfigMap", namespace: "demo", name: "a")
    let b = ResourceKey(group: "", kind: "ConfigMap", namespace: "demo", name: "b")

    /// A work whose manifests are all applied and live.
    func settled(_ work: ManifestWork) -> (WorkAgentState, [ResourceKey: YAMLNode]) {
        var live: [ResourceKey: YAMLNode] = [:]
        let p = WorkAgent.pass(AgentInput(work: work, live: [:], now: t0), state: WorkAgentState(), settings: AgentSettings())
        var s = p.state
        for r in p.applyRequests {
            live[r.key] = Simulated.healthy(r.manifest)
            _ = WorkAgent.record(.applied, for: r, into: &s, now: t0, settings: AgentSettings())
        }
        return (s, live)
    }

    @Test func editedManagedFieldIsRevertedAndCounted() {
        let work = AgentFixtures.parsed(AgentFixtures.work(manifests))
        var (s, live) = settled(work)
        live[a]?[path: ["data", "level"]] = .string("debug")
        let p = WorkAgent.pass(AgentInput(work: work, live: live, now: t0.addingTimeInterval(10)), state: s, settings: AgentSettings())
        #expect(p.applied == ["ConfigMap a"])
        let r = p.applyRequests[0]
        #expect(r.revert?.contains("data.level: debug → info") == true, "\(r.revert ?? "")")
        s = p.state
        let event = WorkAgent.record(.applied, for: r, into: &s, now: t0.addingTimeInterval(10), settings: AgentSettings())
        #expect(event?.reason == "DriftReverted")
        #expect(event?.message.contains("ConfigMap demo/a") == true)
        #expect(s.driftReverts == 1)
        live[a] = Simulated.healthy(r.manifest)
        let after = WorkAgent.pass(AgentInput(work: work, live: live, now: t0.addingTimeInterval(10)), state: s, settings: AgentSettings())
        #expect(after.actions.isEmpty)
        #expect(after.annotations[WorkAgent.driftRevertsAnnotation] == "1")
    }

    @Test func fieldsNotInTheManifestAreNotDrift() {
        let work = AgentFixtures.parsed(AgentFixtures.work(manifests))
        var (s, live) = settled(work)
        live[a]?[path: ["metadata", "labels"]] = .mapping([YAMLPair("added-by", .string("someone"))])
        live[a]?[path: ["data", "extra"]] = .string("x")
        let p = WorkAgent.pass(AgentInput(work: work, live: live, now: t0), state: s, settings: AgentSettings())
        #expect(p.actions.isEmpty)
        s = p.state
        #expect(s.driftReverts == 0)
    }

    @Test func deletedObjectIsRecreated() {
        let work = AgentFixtures.parsed(AgentFixtures.work(manifests))
        var (s, live) = settled(work)
        live[b] = nil
        let p = WorkAgent.pass(AgentInput(work: work, live: live, now: t0), state: s, settings: AgentSettings())
        #expect(p.applied == ["ConfigMap b"])
        #expect(p.applyRequests[0].revert == "recreated (it was deleted)")
        s = p.state
        _ = s
    }

    /// Backoff between reverts of one object: at once, then 2 s, 6 s, 18 s …, capped at 5 min.
    @Test(arguments: [(0, 0.0), (1, 2.0), (2, 6.0), (3, 18.0), (4, 54.0), (5, 162.0), (6, 300.0), (9, 300.0)])
    func selfHealBackoff(reverts: Int, delay: Double) {
        #expect(SelfHealBackoff().delay(afterReverts: reverts) == delay)
    }

    @Test func repeatedDriftWaitsForTheBackoff() {
        let work = AgentFixtures.parsed(AgentFixtures.work(manifests))
        var (s, live) = settled(work)
        live[a]?[path: ["data", "level"]] = .string("debug")
        var p = WorkAgent.pass(AgentInput(work: work, live: live, now: t0), state: s, settings: AgentSettings())
        s = p.state
        _ = WorkAgent.record(.applied, for: p.applyRequests[0], into: &s, now: t0, settings: AgentSettings())
        // Someone changes it again at once: the second revert waits 2 s.
        p = WorkAgent.pass(AgentInput(work: work, live: live, now: t0.addingTimeInterval(0.5)), state: s, settings: AgentSettings())
        #expect(p.applied.isEmpty)
        #expect(p.requeueAt == t0.addingTimeInterval(2))
        p = WorkAgent.pass(AgentInput(work: work, live: live, now: t0.addingTimeInterval(2)), state: s, settings: AgentSettings())
        #expect(p.applied == ["ConfigMap a"])
        // Quiet for the reset period: at once again.
        var h = RevertHistory()
        h.record(at: t0, policy: SelfHealBackoff())
        h.record(at: t0.addingTimeInterval(2), policy: SelfHealBackoff())
        #expect(SelfHealBackoff().nextAllowed(h, now: t0.addingTimeInterval(3)) == t0.addingTimeInterval(8))
        #expect(SelfHealBackoff().nextAllowed(h, now: t0.addingTimeInterval(400)) == t0.addingTimeInterval(400))
    }

    @Test func changedManifestIsAnOrdinaryApplyNotARevert() {
        let work = AgentFixtures.parsed(AgentFixtures.work(manifests))
        let (s, live) = settled(work)
        let changed = AgentFixtures.parsed(AgentFixtures.work(manifests.replacingOccurrences(of: "level: info", with: "level: warn"), generation: 2))
        let p = WorkAgent.pass(AgentInput(work: changed, live: live, now: t0), state: s, settings: AgentSettings())
        #expect(p.applied == ["ConfigMap a"])
        #expect(p.applyRequests[0].revert == nil)
    }

    @Test func removedManifestIsPruned() {
        let work = AgentFixtures.parsed(AgentFixtures.work(manifests))
        var (s, live) = settled(work)
        let smaller = AgentFixtures.parsed(AgentFixtures.work(String(manifests.split(separator: "\n")[0]), generation: 2))
        var p = WorkAgent.pass(AgentInput(work: smaller, live: live, now: t0), state: s, settings: AgentSettings())
        #expect(p.deleted == ["ConfigMap b"])
        s = p.state
        live[b] = nil
        p = WorkAgent.pass(AgentInput(work: smaller, live: live, now: t0), state: s, settings: AgentSettings())
        #expect(p.actions.isEmpty)
        #expect(p.state.inventory[b] == nil)
    }

    @Test(arguments: [
        ("{propagationPolicy: Orphan}", [String]()),
        ("{propagationPolicy: Foreground}", ["ConfigMap b"]),
        ("{propagationPolicy: SelectivelyOrphan, selectivelyOrphans: {orphaningRules: [{group: '', resource: configmaps, namespace: demo, name: b}]}}", []),
        ("{propagationPolicy: SelectivelyOrphan, selectivelyOrphans: {orphaningRules: [{group: '', resource: configmaps, namespace: demo, name: a}]}}", ["ConfigMap b"]),
    ])
    func deleteOptionDecidesWhatPruningDeletes(option: String, deleted: [String]) {
        let work = AgentFixtures.parsed(AgentFixtures.work(manifests, spec: "deleteOption: \(option)"))
        let (s, live) = settled(work)
        let smaller = AgentFixtures.parsed(AgentFixtures.work(String(manifests.split(separator: "\n")[0]), generation: 2, spec: "deleteOption: \(option)"))
        let p = WorkAgent.pass(AgentInput(work: smaller, live: live, now: t0), state: s, settings: AgentSettings())
        #expect(p.deleted == deleted)
    }

    @Test func deletingTheWorkCleansUpThenRemovesTheFinalizer() {
        let work = AgentFixtures.parsed(AgentFixtures.work(manifests))
        var (s, live) = settled(work)
        let deleting = AgentFixtures.parsed(AgentFixtures.work(manifests, deleting: true))
        var p = WorkAgent.pass(AgentInput(work: deleting, live: live, now: t0), state: s, settings: AgentSettings())
        #expect(Set(p.deleted) == ["ConfigMap a", "ConfigMap b"])
        #expect(!p.actions.contains(.removeFinalizer))
        s = p.state
        live = [:]
        p = WorkAgent.pass(AgentInput(work: deleting, live: live, now: t0), state: s, settings: AgentSettings())
        #expect(p.actions == [.removeFinalizer])
    }

    @Test func inventoryIsReadBackFromStatusAfterARestart() {
        let work = AgentFixtures.parsed(AgentFixtures.work(manifests))
        let (s, live) = settled(work)
        let first = WorkAgent.pass(AgentInput(work: work, live: live, now: t0), state: s, settings: AgentSettings())
        // A new agent (empty memory) sees the work with b removed and the old status.
        let smaller = AgentFixtures.parsed(AgentFixtures.work(String(manifests.split(separator: "\n")[0]), generation: 2, status: first.status))
        let p = WorkAgent.pass(AgentInput(work: smaller, live: live, now: t0), state: WorkAgentState(), settings: AgentSettings())
        #expect(p.deleted == ["ConfigMap b"])
    }

    @Test func missingFinalizerIsAddedFirst() {
        let work = AgentFixtures.parsed(AgentFixtures.work(manifests, finalizer: false))
        let p = WorkAgent.pass(AgentInput(work: work, live: [:], now: t0), state: WorkAgentState(), settings: AgentSettings())
        #expect(p.actions.first == .addFinalizer)
    }

    @Test(arguments: [
        ("{type: CreateOnly}", false, false),
        ("{type: ReadOnly}", false, false),
        ("{type: Update}", true, false),
        ("{type: ServerSideApply, serverSideApply: {force: true, fieldManager: other}}", true, true),
    ])
    func updateStrategies(strategy: String, reverts: Bool, force: Bool) {
        let spec = "manifestConfigs: [{resourceIdentifier: {resource: configmaps, namespace: demo, name: a}, updateStrategy: \(strategy)}]"
        let work = AgentFixtures.parsed(AgentFixtures.work(manifests, spec: spec))
        var live: [ResourceKey: YAMLNode] = [a: Simulated.healthy(work.manifests[0])]
        let p0 = WorkAgent.pass(AgentInput(work: work, live: live, now: t0), state: WorkAgentState(), settings: AgentSettings())
        var s = p0.state
        for r in p0.applyRequests {
            if r.key == a { #expect(r.force == force) }
            live[r.key] = Simulated.healthy(r.manifest)
            _ = WorkAgent.record(.applied, for: r, into: &s, now: t0, settings: AgentSettings())
        }
        live[a]?[path: ["data", "level"]] = .string("debug")
        let p = WorkAgent.pass(AgentInput(work: work, live: live, now: t0), state: s, settings: AgentSettings())
        #expect(p.applied.contains("ConfigMap a") == reverts)
    }

    @Test func conflictIsReportedOnTheManifest() {
        let work = AgentFixtures.parsed(AgentFixtures.work(manifests))
        let p = WorkAgent.pass(AgentInput(work: work, live: [:], now: t0), state: WorkAgentState(), settings: AgentSettings())
        var s = p.state
        _ = WorkAgent.record(.failed("conflict with another field manager: kubectl-edit owns .data.level"), for: p.applyRequests[0],
            into: &s, now: t0, settings: AgentSettings())
        _ = WorkAgent.record(.applied, for: p.applyRequests[1], into: &s, now: t0, settings: AgentSettings())
        let live: [ResourceKey: YAMLNode] = [b: Simulated.healthy(work.manifests[1])]
        let q = WorkAgent.pass(AgentInput(work: work, live: live, now: t0.addingTimeInterval(0.5)), state: s, settings: AgentSettings())
        #expect(q.applied.isEmpty)
        #expect(q.requeueAt == t0.addingTimeInterval(1))
        #expect(q.condition("Applied")?.string(at: "status") == "False")
        #expect(q.condition("Applied")?.string(at: "message")?.contains("kubectl-edit") == true)
    }
}
