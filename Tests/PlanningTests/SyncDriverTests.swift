import Foundation
import Health
import KealmYAML
import Planning
import Testing

@Suite struct SyncDriverTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    let policy = GatePolicy(timeout: 30, delay: 2)

    func plan(syncFail: Bool = false) throws -> SyncPlan {
        var m = [
            manifest("Namespace", "kubevirt", annotations: ["argocd.argoproj.io/sync-wave": "0"]),
            manifest("Deployment", "virt-operator", ns: "kubevirt", annotations: ["argocd.argoproj.io/sync-wave": "1"]),
            manifest("KubeVirt", "kubevirt", ns: "kubevirt", annotations: ["argocd.argoproj.io/sync-wave": "2"]),
        ]
        if syncFail { m.append(manifest("Job", "notify", ns: "kubevirt", annotations: ["argocd.argoproj.io/hook": "SyncFail"])) }
        return try SyncPlanner.plan(m)
    }

    func healthy(_ keys: [ResourceKey]) -> [ResourceKey: ManifestObservation] {
        Dictionary(uniqueKeysWithValues: keys.map { ($0, ManifestObservation(applied: true, health: HealthAssessment(.healthy))) })
    }

    @Test func walksEveryStepWithDelaysAndSucceeds() throws {
        let plan = try plan()
        var run = SyncRun.start(plan, at: t0)
        #expect(run.progress.step == 0 && run.phase == .running)
        var now = t0
        var seen: [String] = []
        var written: [Int] = []
        while !run.isFinished && now < t0 + 60 {
            let keys = plan.steps.prefix(run.writtenStep + 1).flatMap(\.tasks).map(\.key)
            run = SyncDriver.tick(plan: plan, run: run, observations: healthy(keys), now: now, policy: policy)
            seen.append(run.message)
            written.append(run.progress.step)
            now += 1
        }
        #expect(run.phase == .succeeded)
        #expect(run.progress.step == 3)
        #expect(written == [0, 0, 1, 1, 1, 2, 2, 2, 3])
        #expect(seen.first == "wave 0: healthy, next step at 2 s")
        #expect(seen.last == "successfully synced (all 3 steps healthy)")
    }

    @Test func degradedRunsSyncFailHooksThenFails() throws {
        let plan = try plan(syncFail: true)
        var run = SyncRun.start(plan, at: t0)
        run = SyncDriver.tick(plan: plan, run: run, observations: healthy([plan.steps[0].tasks[0].key]), now: t0, policy: GatePolicy(delay: 0))
        #expect(run.step == 1)
        let op = plan.steps[1].tasks[0].key
        run = SyncDriver.tick(plan: plan, run: run, observations: [op: ManifestObservation(applied: true, health: HealthAssessment(.degraded, "exceeded its progress deadline"))],
            now: t0 + 1, policy: policy)
        #expect(run.phase == .runningSyncFail)
        #expect(run.progress.syncFailed && run.progress.step == 1)
        #expect(run.message == "sync failed: wave 1: Deployment kubevirt/virt-operator Degraded: exceeded its progress deadline; running SyncFail hooks")
        let hook = plan.syncFailSteps[0].tasks[0].key
        run = SyncDriver.tick(plan: plan, run: run, observations: healthy([hook]), now: t0 + 2, policy: GatePolicy(delay: 0))
        #expect(run.phase == .failed)
        #expect(run.message == "sync failed: wave 1: Deployment kubevirt/virt-operator Degraded: exceeded its progress deadline")
        #expect(run.progress.syncFailed)
    }

    @Test func timeoutWithoutHooksFails() throws {
        let plan = try plan()
        var run = SyncRun.start(plan, at: t0)
        run = SyncDriver.tick(plan: plan, run: run, observations: [:], now: t0 + 10, policy: policy)
        #expect(run.phase == .running && run.message == "wave 0: Namespace kubevirt NotApplied: not applied yet")
        run = SyncDriver.tick(plan: plan, run: run, observations: [:], now: t0 + 30, policy: policy)
        #expect(run.phase == .failed && run.message.hasSuffix("(timed out after 30 s)"))
    }

    @Test func emptyPlanSucceedsAtOnce() {
        let run = SyncRun.start(try! SyncPlanner.plan([]), at: t0)
        #expect(run.isFinished && run.phase == .succeeded)
    }
}

@Suite struct ManifestWorkStatusTests {
    @Test func agentWritesWhatTheControllerReads() throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let deploy = ResourceKey(group: "apps", kind: "Deployment", namespace: "kubevirt", name: "virt-operator")
        let ns = ResourceKey(group: "", kind: "Namespace", name: "kubevirt")
        let manifests = [
            ManifestWorkStatus.Manifest(key: ns, ordinal: 0, version: "v1", resource: "namespaces", applied: true, available: true, health: HealthAssessment(.healthy)),
            ManifestWorkStatus.Manifest(key: deploy, ordinal: 1, version: "v1", resource: "deployments", applied: true, available: true,
                health: HealthAssessment(.progressing, "0/1 available")),
        ]
        var work = try YAMLParser.parse("apiVersion: work.open-cluster-management.io/v1\nkind: ManifestWork\nmetadata: {name: app, namespace: c1, generation: 4}")
        work[path: ["status", "resourceStatus", "manifests"]] = .sequence(manifests.map { ManifestWorkStatus.entry($0, generation: 4, at: now) })
        var run = SyncRun.start(try SyncPlanner.plan([manifest("Namespace", "kubevirt")]), at: now)
        run.message = "wave 4: Deployment kubevirt/virt-operator Progressing: 0/1 available"
        work[path: ["status", "conditions"]] = .sequence(ManifestWorkStatus.conditions(manifests, run: run, generation: 4, at: now))
        let obs = ManifestWorkStatus.observations(work)
        #expect(obs[ns] == ManifestObservation(applied: true, health: HealthAssessment(.healthy, "")))
        #expect(obs[deploy] == ManifestObservation(applied: true, health: HealthAssessment(.progressing, "0/1 available")))
        let progressing = work[path: ["status", "conditions"]]!.items!.first { $0.string(at: "type") == "Progressing" }!
        #expect(progressing.string(at: "status") == "True" && progressing.string(at: "message") == run.message)
        #expect(progressing.string(at: "lastTransitionTime") == "2027-01-15T08:00:00Z")
        // The work was changed since the agent reported: its status is stale.
        work[path: ["metadata", "generation"]] = .int(5)
        #expect(ManifestWorkStatus.observations(work)[deploy]?.current == false)
    }
}
