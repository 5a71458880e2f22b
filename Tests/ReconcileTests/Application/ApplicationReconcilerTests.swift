import Foundation
import Health
import KealmYAML
import Planning
import Reconcile
import Testing

@Suite("Application reconciler over fake effects")
struct ApplicationReconcilerTests {
    @Test("waves are written one at a time, each after the previous is healthy at the current generation")
    func wavesOneAtATime() async throws {
        let w = World(manifests: [configMap("first", wave: 0), configMap("second", wave: 1)])
        var out = await w.pass()
        #expect(out.error == nil)
        #expect(w.hub.manifestNames() == ["first"])
        #expect(w.status.sync == .outOfSync)
        #expect(w.status.operationState?.phase == .running)
        #expect(w.annotations["kealm.io/current-wave"] == "0")
        await w.pass()
        #expect(w.hub.manifestNames() == ["first"], "no status from the agent yet: wave 0 waits")
        #expect(w.annotations["kealm.io/waiting-on"]?.contains("not applied yet") == true)
        w.hub.agentReports(.progressing)
        await w.pass()
        #expect(w.hub.manifestNames() == ["first"], "Progressing keeps the gate closed")
        w.hub.agentReports()
        await w.pass()
        #expect(w.hub.manifestNames() == ["first", "second"])
        // The status of the previous generation must not open the gate.
        out = await w.pass()
        #expect(w.state?.run?.phase == .running)
        w.hub.agentReports()
        out = await w.pass()
        #expect(w.state?.run?.phase == .succeeded)
        let s = w.status
        #expect(s.sync == .synced)
        #expect(s.health == "Healthy")
        #expect(s.syncRevision == "c0ffee1")
        #expect(s.operationState?.phase == .succeeded)
        #expect(s.operationState?.revision == "c0ffee1")
        #expect(s.resources.map(\.name) == ["first", "second"])
        #expect(s.resources.allSatisfy { $0.status == .synced && $0.health == "Healthy" })
        #expect(w.annotations["kealm.io/current-wave"] == nil)
        _ = out
    }

    @Test("a settled application writes nothing on the next passes")
    func steadyState() async throws {
        let w = World(manifests: [configMap("only")])
        await w.pass()
        w.hub.agentReports()
        await w.pass()
        #expect(w.status.sync == .synced)
        let (applies, writes) = (w.hub.applies, w.hub.statusWrites)
        let out = await w.pass()
        #expect(out.worksWritten == 0)
        #expect(w.hub.applies == applies)
        #expect(w.hub.statusWrites == writes)
        #expect(!out.rendered, "same commit: the render cache answers")
    }

    @Test("a new commit: OutOfSync at the new revision, then Synced; removed manifests are pruned")
    func newCommitAndPrune() async throws {
        let w = World(manifests: [configMap("keep"), configMap("gone")])
        await w.pass()
        w.hub.agentReports()
        await w.pass()
        #expect(w.hub.manifestNames() == ["gone", "keep"])
        w.commit("beef002", [configMap("keep", data: "b")])
        await w.pass()
        #expect(w.state?.revision == "beef002")
        #expect(w.hub.manifestNames() == ["keep"])
        w.hub.agentReports()
        await w.pass()
        #expect(w.status.sync == .synced)
        #expect(w.status.syncRevision == "beef002")
    }

    @Test("without prune, resources that left Git stay and the app is OutOfSync with requiresPruning")
    func noPrune() async throws {
        let w = World(app: appObject(automated: "{prune: false}"), manifests: [configMap("keep"), configMap("gone")])
        await w.pass()
        w.hub.agentReports()
        await w.pass()
        w.commit("beef002", [configMap("keep")])
        await w.pass()
        w.hub.agentReports()
        await w.pass()
        #expect(w.hub.manifestNames().sorted() == ["gone", "keep"])
        #expect(w.status.sync == .outOfSync)
        #expect(w.status.resources.first { $0.name == "gone" }?.requiresPruning == true)
    }

    @Test("a later-wave object already deployed stays in the work while an upgrade runs earlier waves")
    func laterWaveKept() async throws {
        let w = World(manifests: [configMap("a", wave: 0), configMap("b", wave: 5)])
        for _ in 0..<3 { await w.pass(); w.hub.agentReports() }
        await w.pass()
        #expect(w.status.sync == .synced)
        w.commit("beef002", [configMap("a", wave: 0, data: "new"), configMap("b", wave: 5, data: "new")])
        await w.pass()
        #expect(w.hub.manifestNames().sorted() == ["a", "b"], "b is not deleted while wave 0 runs")
    }

    @Test("selfHeal rewrites an edited ManifestWork and counts it")
    func selfHeal() async throws {
        let w = World(manifests: [configMap("only")])
        await w.pass()
        w.hub.agentReports()
        await w.pass()
        w.hub.lock.withLock { w.hub.works["c1/app1"]![path: ["spec", "workload", "manifests"]] = .sequence([configMap("intruder")]) }
        await w.pass()
        #expect(w.hub.manifestNames() == ["only"])
        #expect(w.annotations["kealm.io/hub-drift-count"] == "1")
        w.hub.lock.withLock { w.hub.works["c1/app1"] = nil }
        await w.pass()
        #expect(w.hub.manifestNames() == ["only"], "a deleted work is written again")
        #expect(w.annotations["kealm.io/hub-drift-count"] == "2")
    }

    @Test("an edit that removes a carried later-wave manifest during an upgrade is counted and undone")
    func hubEditRemovingCarriedManifest() async throws {
        let w = World(manifests: [configMap("a", wave: 0), configMap("b", wave: 5)])
        for _ in 0..<3 { await w.pass(); w.hub.agentReports() }
        await w.pass()
        #expect(w.status.sync == .synced)
        w.commit("beef002", [configMap("a", wave: 0, data: "new"), configMap("b", wave: 5)])
        await w.pass()
        #expect(w.state?.isRunning == true)
        #expect(w.hub.manifestNames() == ["a", "b"], "b is carried while wave 0 runs")
        // Someone removes b (a later wave's object) from the work on the hub.
        w.hub.lock.withLock {
            let kept = (w.hub.works["c1/app1"]![path: ["spec", "workload", "manifests"]]?.items ?? []).filter { $0.string(at: "metadata", "name") == "a" }
            w.hub.works["c1/app1"]![path: ["spec", "workload", "manifests"]] = .sequence(kept)
        }
        await w.pass()
        #expect(w.annotations["kealm.io/hub-drift-count"] == "1")
        #expect(w.hub.manifestNames() == ["a", "b"], "b is written back at once, not when its wave comes")
    }

    @Test("an edit that removes manifests of a finished sync is counted and undone")
    func hubEditRemovingManifests() async throws {
        let w = World(manifests: [configMap("a", wave: 0), configMap("b", wave: 1), configMap("c", wave: 1)])
        for _ in 0..<4 { await w.pass(); w.hub.agentReports() }
        await w.pass()
        #expect(w.state?.run?.phase == .succeeded)
        w.hub.lock.withLock {
            let items = w.hub.works["c1/app1"]![path: ["spec", "workload", "manifests"]]?.items ?? []
            w.hub.works["c1/app1"]![path: ["spec", "workload", "manifests"]] = .sequence(Array(items.prefix(1)))
        }
        await w.pass()
        #expect(w.annotations["kealm.io/hub-drift-count"] == "1")
        #expect(w.hub.manifestNames() == ["a", "b", "c"])
        #expect(w.state?.run?.phase == .succeeded, "healed by a rewrite, not by a new sync from wave 0")
    }

    @Test("without selfHeal an edited ManifestWork is reported, not rewritten")
    func noSelfHeal() async throws {
        let w = World(app: appObject(automated: "{prune: true}"), manifests: [configMap("only")])
        await w.pass()
        w.hub.agentReports()
        await w.pass()
        w.hub.lock.withLock { w.hub.works["c1/app1"]![path: ["spec", "workload", "manifests"]] = .sequence([configMap("only", data: "edited")]) }
        await w.pass()
        #expect(w.hub.manifestNames() == ["only"])
        #expect(w.status.sync == .outOfSync)
        #expect(w.annotations["kealm.io/hub-drift-count"] == "1")
    }

    @Test("allowEmpty: false refuses an automated sync that would prune everything, and says why")
    func allowEmpty() async throws {
        let w = World(manifests: [configMap("only")])
        await w.pass()
        w.hub.agentReports()
        await w.pass()
        w.commit("e0e0e0e", [])
        await w.pass()
        #expect(w.hub.manifestNames() == ["only"])
        #expect(w.status.conditions.contains { $0.type == "SyncError" && $0.message.contains("allowEmpty") })
    }

    @Test("manual sync: nothing happens until an operation asks; the operation is cleared")
    func manualSync() async throws {
        let w = World(app: appObject(automated: nil), manifests: [configMap("only")])
        await w.pass()
        #expect(w.hub.works.isEmpty)
        #expect(w.status.sync == .outOfSync)
        #expect(w.status.health == "Missing")
        w.hub.lock.withLock { w.hub.app = merge(w.hub.app, yaml("operation: {sync: {prune: true}, initiatedBy: {username: alice}}")) }
        await w.pass()
        #expect(w.hub.manifestNames() == ["only"])
        #expect(w.hub.app["operation"] == nil)
        #expect(w.status.operationState?.initiatedBy == "alice")
    }

    @Test("refresh annotation: fetch, hard bypasses the render cache, the annotation is removed")
    func refresh() async throws {
        let w = World(manifests: [configMap("only")])
        await w.pass()
        w.hub.lock.withLock { w.hub.app = merge(w.hub.app, yaml("metadata: {annotations: {argocd.argoproj.io/refresh: hard}}")) }
        let out = await w.pass()
        #expect(out.rendered)
        #expect(w.git.fetches == 1)
        #expect(w.annotations["argocd.argoproj.io/refresh"] == nil)
    }

    @Test("deletion with the resources finalizer deletes the works, then removes the finalizer; without it, orphans")
    func deletion() async throws {
        let w = World(app: appObject(finalizers: "[resources-finalizer.argocd.argoproj.io]"), manifests: [configMap("only")])
        await w.pass()
        w.hub.lock.withLock { w.hub.app = merge(w.hub.app, yaml("metadata: {deletionTimestamp: '2027-01-01T00:00:00Z'}")) }
        await w.pass()
        #expect(w.hub.works.isEmpty)
        #expect(w.hub.app.string(at: "metadata", "finalizers") == nil && (w.hub.app[path: ["metadata", "finalizers"]]?.items?.count ?? 1) == 1)
        await w.pass()
        #expect(w.hub.app[path: ["metadata", "finalizers"]]?.items?.isEmpty == true)

        let p = World(app: merge(appObject(finalizers: "[resources-finalizer.argocd.argoproj.io]"),
            yaml("metadata: {annotations: {kealm.io/preserve-resources-on-deletion: 'true'}}")), manifests: [configMap("only")])
        await p.pass()
        p.hub.lock.withLock { p.hub.app = merge(p.hub.app, yaml("metadata: {deletionTimestamp: '2027-01-01T00:00:00Z'}")) }
        await p.pass()
        #expect(p.hub.manifestNames() == ["only"], "preserved: the works are orphaned")
        #expect(p.hub.app[path: ["metadata", "finalizers"]]?.items?.isEmpty == true)
    }

    @Test("a Degraded wave fails the sync; retry with backoff runs it again")
    func retry() async throws {
        let w = World(app: appObject(automated: "{prune: true}"), manifests: [configMap("bad")])
        w.hub.lock.withLock { w.hub.app = merge(w.hub.app, yaml("spec: {syncPolicy: {retry: {limit: 2, backoff: {duration: 10s, factor: 2}}}}")) }
        await w.pass()
        w.hub.agentReports(.degraded)
        let out = await w.pass()
        #expect(w.state?.run?.phase == .failed)
        #expect(out.requeueAfter == 10)
        #expect(w.status.operationState?.phase == .failed)
        await w.pass()
        #expect(w.state?.run?.phase == .failed, "not before the backoff")
        w.clock.advance(10)
        await w.pass()
        #expect(w.state?.run?.phase == .running)
        #expect(w.state?.retryCount == 1)
    }

    @Test("an unknown destination is a ComparisonError with sync Unknown")
    func badDestination() async throws {
        let w = World(app: yaml("""
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata: {name: app1, namespace: argocd}
            spec:
              source: {repoURL: "file:///repo", path: apps/dev}
              destination: {server: "https://nowhere.example"}
            """), manifests: [])
        await w.pass()
        #expect(w.status.sync == .unknown)
        #expect(w.status.conditions.first?.type == "ComparisonError")
        #expect(w.status.conditions.first?.message.contains("nowhere.example") == true)
    }
}
