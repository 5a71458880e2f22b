import Foundation
import KealmApp
import KealmModel
import KealmYAML
import KubeClient
import Reconcile
import Testing
import TestSupport

/// Push agents against a hub in fault mode: a member cluster answering 503/429/409, a storm on
/// the hub's ManifestWork API, a hub restart in the middle of a sync. The healthy members
/// converge, the broken one says why on its work, and every member converges once the fault ends.
@Suite(.serialized, .enabled(if: AgentTestbed.available, "needs `kealm hub serve` (the VirtualCluster module)"))
struct AgentFaultTests {
    static func complete(_ bed: AgentTestbed, _ work: String, _ cluster: String) async -> Bool {
        await bed.condition(WorkAgent.waveCondition, work: work, cluster: cluster)?.string(at: "status") == "True"
    }

    @Test func brokenMemberIsReportedTheOthersConvergeAndItHealsWhenTheFaultEnds() async throws {
        let (bed, faults) = try await AgentTestbed.faulty(stages: AgentIntegrationTests.stages)
        defer { bed.stop() }
        try await faults.set("[{name: c2-down, match: {clusters: [c2]}, action: respond, status: 503}]")
        let (_, pool1) = try await bed.pushAgent("c1", settings: AgentIntegrationTests.settings())
        let (_, pool2) = try await bed.pushAgent("c2", settings: AgentIntegrationTests.settings())
        defer {
            pool1.stop()
            pool2.stop()
        }
        for c in ["c1", "c2"] { try await bed.publish("shop", cluster: c, manifests: AgentFixtures.fiveWaveManifests) }
        try await eventually("c1 complete while c2 is down", timeout: 60) { await Self.complete(bed, "shop", "c1") }
        try await eventually("c2 reported unreachable", timeout: 30) {
            let c = await bed.condition("Available", work: "shop", cluster: "c2")
            return c?.string(at: "reason") == "ClusterUnreachable" && (c?.string(at: "message") ?? "").contains("503")
        }
        #expect(try await faults.fired()["c2-down"]! > 0)
        try await faults.clear()
        try await eventually("c2 complete once it answers", timeout: 60) { await Self.complete(bed, "shop", "c2") }
        #expect(await Self.complete(bed, "shop", "c1"))
    }

    @Test func memberStormOf429And409And5xxConverges() async throws {
        let (bed, faults) = try await AgentTestbed.faulty(stages: AgentIntegrationTests.stages)
        defer { bed.stop() }
        try await faults.set("""
            - {name: busy, match: {clusters: [c2]}, action: respond, status: 429, retryAfterSeconds: 1, probability: 0.3, count: 15}
            - {name: conflicts, match: {clusters: [c2]}, action: conflict, probability: 0.5, count: 20}
            - {name: errors, match: {clusters: [c2]}, action: respond, status: 500, probability: 0.3, count: 20}
            - {name: resets, match: {clusters: [c2], verbs: [get, list]}, action: reset, probability: 0.2, count: 10}
            - {name: slow, match: {clusters: [c2]}, action: delay, milliseconds: 100, probability: 0.3}
            """)
        let (_, pool1) = try await bed.pushAgent("c1", settings: AgentIntegrationTests.settings())
        let (member2, pool2) = try await bed.pushAgent("c2", settings: AgentIntegrationTests.settings())
        defer {
            pool1.stop()
            pool2.stop()
        }
        for c in ["c1", "c2"] { try await bed.publish("shop", cluster: c, manifests: AgentFixtures.fiveWaveManifests) }
        try await eventually("c1 complete", timeout: 60) { await Self.complete(bed, "shop", "c1") }
        try await eventually("c2 complete through the storm", timeout: 120) { await Self.complete(bed, "shop", "c2") }
        let fired = try await faults.fired()
        #expect(fired.values.reduce(0, +) > 10, "\(fired)")
        // Every object of the work is on c2 exactly as published.
        try await faults.clear()
        let cm = try await member2.get(GVK(group: "", version: "v1", kind: "ConfigMap"), name: "operator-config", namespace: "shop")
        #expect(cm.string(at: "data", "level") == "info")
        print("member storm: \(fired)")
    }

    @Test func hubStormOnManifestWorksConverges() async throws {
        let (bed, faults) = try await AgentTestbed.faulty(stages: AgentIntegrationTests.stages)
        defer { bed.stop() }
        // The agents' watches are cut short from their first one (the test's writes are not watches).
        try await faults.set("""
            - {name: short-watches, match: {clusters: [default], resources: [manifestworks]}, action: dropWatch, afterEvents: 2, count: 30}
            """)
        let (_, pool1) = try await bed.pushAgent("c1", settings: AgentIntegrationTests.settings())
        let (_, pool2) = try await bed.pushAgent("c2", settings: AgentIntegrationTests.settings())
        defer {
            pool1.stop()
            pool2.stop()
        }
        for c in ["c1", "c2"] { try await bed.publish("shop", cluster: c, manifests: AgentFixtures.fiveWaveManifests) }
        // The storm starts once the works are published (the test's own writes go through the same API).
        try await faults.add("""
            - {name: status-conflicts, match: {clusters: [default], resources: [manifestworks]}, action: conflict, probability: 0.5, count: 20}
            - {name: hub-busy, match: {clusters: [default], resources: [manifestworks]}, action: respond, status: 429, retryAfterSeconds: 1, probability: 0.2, count: 10}
            - {name: hub-errors, match: {clusters: [default], resources: [manifestworks, events]}, action: respond, status: 503, probability: 0.3, count: 20}
            """)
        for c in ["c1", "c2"] {
            try await eventually("\(c) complete through the hub storm", timeout: 120) { await Self.complete(bed, "shop", c) }
        }
        let fired = try await faults.fired()
        #expect(fired.values.reduce(0, +) > 10, "\(fired)")
        #expect((fired["short-watches"] ?? 0) > 0, "\(fired)")
        print("hub storm: \(fired)")
    }

    @Test func hubRestartDuringASyncConverges() async throws {
        let (bed, _) = try await AgentTestbed.faulty(stages: AgentIntegrationTests.stages)
        defer { bed.stop() }
        let (_, pool1) = try await bed.pushAgent("c1", settings: AgentIntegrationTests.settings(delay: 0.5))
        let (_, pool2) = try await bed.pushAgent("c2", settings: AgentIntegrationTests.settings(delay: 0.5))
        defer {
            pool1.stop()
            pool2.stop()
        }
        for c in ["c1", "c2"] { try await bed.publish("shop", cluster: c, manifests: AgentFixtures.fiveWaveManifests) }
        // Restart once the first waves are applied and before the last one is.
        try await eventually("c1 past wave 0", timeout: 60) {
            let wave = Int((try? await bed.work("shop", cluster: "c1"))?.annotations[WorkAgent.currentWaveAnnotation] ?? "") ?? 0
            return wave >= 1
        }
        try await bed.restartHub()
        for c in ["c1", "c2"] {
            try await eventually("\(c) complete after the restart", timeout: 120) { await Self.complete(bed, "shop", c) }
        }
    }
}
