import Foundation
import Health
import Planning
import Testing

@Suite struct WaveGateTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func step() throws -> SyncStep {
        let plan = try SyncPlanner.plan([
            manifest("Deployment", "virt-operator", ns: "kubevirt", annotations: ["argocd.argoproj.io/sync-wave": "4"]),
            manifest("VirtualMachine", "vm", ns: "kubevirt", annotations: ["argocd.argoproj.io/sync-wave": "4"]),
        ])
        return plan.steps[0]
    }

    func key(_ kind: String, _ name: String, group: String = "") -> ResourceKey {
        ResourceKey(group: group, kind: kind, namespace: "kubevirt", name: name)
    }

    @Test func waitsAndSaysOnWhat() throws {
        let obs: [ResourceKey: ManifestObservation] = [
            key("Deployment", "virt-operator", group: "apps"): .init(applied: true, health: HealthAssessment(.progressing, "0/1 available")),
            key("VirtualMachine", "vm", group: "kubevirt.io"): .init(applied: true, health: HealthAssessment(.suspended, "Stopped")),
        ]
        let d = WaveGate.decide(step: try step(), observations: obs, startedAt: t0, readySince: nil, now: t0 + 5)
        guard case .wait(let summary, let blockers) = d else { Issue.record("expected wait, got \(d)"); return }
        #expect(summary == "wave 4: Deployment kubevirt/virt-operator Progressing: 0/1 available")
        #expect(blockers.count == 1)
    }

    @Test func suspendedCountsAsDoneUnlessThePolicySaysNo() throws {
        let obs: [ResourceKey: ManifestObservation] = [
            key("Deployment", "virt-operator", group: "apps"): .init(applied: true, health: HealthAssessment(.healthy)),
            key("VirtualMachine", "vm", group: "kubevirt.io"): .init(applied: true, health: HealthAssessment(.suspended, "Stopped")),
        ]
        let noDelay = GatePolicy(delay: 0)
        #expect(WaveGate.decide(step: try step(), observations: obs, startedAt: t0, readySince: nil, now: t0, policy: noDelay) == .advance)
        var strict = noDelay
        strict.suspendedIsReady = false
        #expect(WaveGate.decide(step: try step(), observations: obs, startedAt: t0, readySince: nil, now: t0, policy: strict)
            == .wait(summary: "wave 4: VirtualMachine kubevirt/vm Suspended: Stopped", blockers: [Blocker(key: key("VirtualMachine", "vm", group: "kubevirt.io"), status: "Suspended", message: "Stopped")]))
    }

    @Test func delayBetweenWaves() throws {
        let healthy = ManifestObservation(applied: true, health: HealthAssessment(.healthy))
        let obs = [key("Deployment", "virt-operator", group: "apps"): healthy, key("VirtualMachine", "vm", group: "kubevirt.io"): healthy]
        #expect(WaveGate.decide(step: try step(), observations: obs, startedAt: t0, readySince: nil, now: t0 + 1) == .settle(until: t0 + 3))
        #expect(WaveGate.decide(step: try step(), observations: obs, startedAt: t0, readySince: t0 + 1, now: t0 + 2) == .settle(until: t0 + 3))
        #expect(WaveGate.decide(step: try step(), observations: obs, startedAt: t0, readySince: t0 + 1, now: t0 + 3) == .advance)
    }

    @Test func degradedFailsFastEvenBeforeOthersAreApplied() throws {
        let obs = [key("Deployment", "virt-operator", group: "apps"): ManifestObservation(applied: true, health: HealthAssessment(.degraded, "exceeded its progress deadline"))]
        let d = WaveGate.decide(step: try step(), observations: obs, startedAt: t0, readySince: nil, now: t0)
        guard case .fail(let summary, _) = d else { Issue.record("expected fail, got \(d)"); return }
        #expect(summary == "wave 4: Deployment kubevirt/virt-operator Degraded: exceeded its progress deadline")
    }

    @Test func timeoutAndStaleStatus() throws {
        let stale = ManifestObservation(applied: true, health: HealthAssessment(.healthy), current: false)
        let obs = [key("Deployment", "virt-operator", group: "apps"): stale, key("VirtualMachine", "vm", group: "kubevirt.io"): stale]
        let policy = GatePolicy(timeout: 60, delay: 0)
        guard case .wait(let summary, _) = WaveGate.decide(step: try step(), observations: obs, startedAt: t0, readySince: nil, now: t0 + 59, policy: policy) else {
            Issue.record("stale status must not open the gate"); return
        }
        #expect(summary.contains("status is from an older revision"))
        guard case .timeout(let s, let blockers) = WaveGate.decide(step: try step(), observations: [:], startedAt: t0, readySince: nil, now: t0 + 60, policy: policy) else {
            Issue.record("expected timeout"); return
        }
        #expect(blockers.count == 2)
        #expect(s == "wave 4: Deployment kubevirt/virt-operator NotApplied: not applied yet; VirtualMachine kubevirt/vm NotApplied: not applied yet (timed out after 60 s)")
    }
}
