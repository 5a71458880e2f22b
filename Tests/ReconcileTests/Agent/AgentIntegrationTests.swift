import Foundation
import KealmApp
import KealmModel
import KealmYAML
import KubeClient
import Planning
import Reconcile
import Testing
import TestSupport

/// The agent against the virtual control plane over loopback: the hub's default logical cluster
/// holds the ManifestWorks, logical member clusters receive them; simulation stages make
/// Deployments available (after a delay) or fail them.
@Suite(.serialized, .enabled(if: AgentTestbed.available, "needs `kealm hub serve` (the VirtualCluster module)"))
struct AgentIntegrationTests {
    /// Deployments labelled `sim: fail` exceed their progress deadline; others become available after 400 ms.
    static let stages = """
        stages:
        - name: deployment-fails
          match: {apiVersion: apps/v1, kind: Deployment}
          when: [{path: metadata.labels.sim, equals: fail}]
          status:
            observedGeneration: "${metadata.generation}"
            replicas: 1
            updatedReplicas: 1
            availableReplicas: 0
            conditions:
            - {type: Progressing, status: "False", reason: ProgressDeadlineExceeded, message: 'ReplicaSet "operator-1" has timed out progressing.'}
        - name: deployment-available
          match: {apiVersion: apps/v1, kind: Deployment}
          delayMillis: 400
          status:
            observedGeneration: "${metadata.generation}"
            replicas: "${spec.replicas|1}"
            updatedReplicas: "${spec.replicas|1}"
            readyReplicas: "${spec.replicas|1}"
            availableReplicas: "${spec.replicas|1}"
            conditions:
            - {type: Available, status: "True", reason: MinimumReplicasAvailable}
        """

    static let force = """
        manifestConfigs:
          - resourceIdentifier: {group: "", resource: configmaps, namespace: shop, name: operator-config}
            updateStrategy: {type: ServerSideApply, serverSideApply: {fieldManager: kealm, force: true}}
        """

    static func settings(delay: Double = 0.2) -> AgentSettings {
        var s = AgentSettings()
        s.gate.delay = delay
        s.retryDelay = 0.3
        return s
    }

    static let cm = GVK(group: "", version: "v1", kind: "ConfigMap")

    @discardableResult
    func waitComplete(_ bed: AgentTestbed, _ work: String, _ cluster: String, timeout: Double = 30) async throws -> Double {
        try await eventually("\(cluster)/\(work) complete", timeout: timeout) {
            await bed.condition(WorkAgent.waveCondition, work: work, cluster: cluster)?.string(at: "status") == "True"
        }
    }

    @Test func fiveWavesApplyInOrderEachAfterThePreviousIsHealthy() async throws {
        let bed = try await AgentTestbed(stages: Self.stages)
        defer { bed.stop() }
        let (member, pool) = try await bed.pushAgent("member1", settings: Self.settings())
        defer { pool.stop() }
        try await bed.publish("shop", cluster: "member1", manifests: AgentFixtures.fiveWaveManifests)
        try await waitComplete(bed, "shop", "member1")
        // Each wave was created after every object of the previous wave reached its last state
        // (for the Deployment: the simulated controller marking it available).
        let work = AgentFixtures.parsed(try await bed.work("shop", cluster: "member1"))
        var waves: [Int: [Int]] = [:]
        for m in work.manifests {
            let ref = ObjectRef(object: m)!
            let live = try await member.get(ref.gvk, name: ref.name, namespace: ref.namespace.isEmpty ? nil : ref.namespace)
            let wave = Int(m.annotations[Tracking.waveAnnotation]!)!
            waves[wave, default: []].append(Int(live.string(at: "metadata", "resourceVersion")!)!)
        }
        for w in 1...4 { #expect(waves[w]!.min()! > waves[w - 1]!.max()!, "wave \(w) started before wave \(w - 1) was done") }
        let status = try await bed.work("shop", cluster: "member1")["status"]!
        let entries = status[path: ["resourceStatus", "manifests"]]?.items ?? []
        #expect(entries.count == 10)
        #expect(entries.allSatisfy { e in
            e["conditions"]?.items?.contains { $0.string(at: "type") == ManifestWorkStatus.healthCondition && $0.string(at: "status") == "True" } == true
        })
        #expect(try await bed.work("shop", cluster: "member1").annotations[WorkAgent.currentWaveAnnotation] == "4")
    }

    @Test func degradedResourceStopsTheWaves() async throws {
        let bed = try await AgentTestbed(stages: Self.stages)
        defer { bed.stop() }
        let (member, pool) = try await bed.pushAgent("member1", settings: Self.settings())
        defer { pool.stop() }
        let failing = AgentFixtures.fiveWaveManifests.replacingOccurrences(of: "metadata: {labels: {app: operator}}",
            with: "metadata: {labels: {app: operator}}").replacingOccurrences(of:
            "metadata: {name: operator, namespace: shop, annotations: {kealm.io/sync-wave: \"3\"}}",
            with: "metadata: {name: operator, namespace: shop, labels: {sim: fail}, annotations: {kealm.io/sync-wave: \"3\"}}")
        try await bed.publish("shop", cluster: "member1", manifests: failing)
        try await eventually("waves stopped") {
            await bed.condition(WorkAgent.waveCondition, work: "shop", cluster: "member1")?.string(at: "reason") == "Degraded"
        }
        let message = await bed.condition(WorkAgent.waveCondition, work: "shop", cluster: "member1")?.string(at: "message") ?? ""
        #expect(message.contains("Deployment shop/operator Degraded"), "\(message)")
        #expect(message.contains("progress deadline"), "\(message)")
        #expect(await bed.condition("Degraded", work: "shop", cluster: "member1")?.string(at: "status") == "True")
        try await Task.sleep(nanoseconds: 500_000_000)
        let widgets = GVK(group: "example.com", version: "v1", kind: "Widget")
        #expect(try await member.list(widgets, namespace: "shop").items.isEmpty)
    }

    @Test func editIsRevertedAndReportedDeleteIsRecreatedRemovalIsPruned() async throws {
        let bed = try await AgentTestbed(stages: Self.stages)
        defer { bed.stop() }
        let (member, pool) = try await bed.pushAgent("member1", settings: Self.settings())
        defer { pool.stop() }
        try await bed.publish("shop", cluster: "member1", manifests: AgentFixtures.fiveWaveManifests, spec: Self.force)
        try await waitComplete(bed, "shop", "member1")

        // An edit of an applied field, as kubectl edit makes it (its own field manager).
        _ = try await member.patch(Self.cm, name: "operator-config", namespace: "shop", type: .merge,
            patch: try YAMLParser.parse("{data: {level: debug}}"), fieldManager: "kubectl-edit")
        let reverted = try await eventually("edit reverted", timeout: 10) {
            try await member.get(Self.cm, name: "operator-config", namespace: "shop").string(at: "data", "level") == "info"
        }
        #expect(reverted < 1.5, "reverted after \(reverted) s")
        try await eventually("revert reported") {
            try await bed.work("shop", cluster: "member1").annotations[WorkAgent.driftRevertsAnnotation] == "1"
        }
        let events = try await bed.hub.list(GVK(group: "", version: "v1", kind: "Event"), namespace: "member1").items
        #expect(events.contains { $0.string(at: "reason") == "DriftReverted" && ($0.string(at: "message") ?? "").contains("data.level: debug → info") })

        // A deleted object comes back.
        try await member.delete(GVK(group: "", version: "v1", kind: "ServiceAccount"), name: "operator", namespace: "shop")
        try await eventually("deleted object recreated", timeout: 10) {
            (try? await member.get(GVK(group: "", version: "v1", kind: "ServiceAccount"), name: "operator", namespace: "shop")) != nil
        }

        // A manifest removed from the work is deleted from the member cluster.
        let smaller = AgentFixtures.fiveWaveManifests.split(separator: "\n").filter { !$0.contains("operator-config") }.joined(separator: "\n")
        try await bed.publish("shop", cluster: "member1", manifests: smaller, spec: "")
        try await eventually("removed manifest pruned", timeout: 10) {
            (try? await member.get(Self.cm, name: "operator-config", namespace: "shop")) == nil
        }

        // Deleting the work removes what it applied, then the finalizer.
        try await bed.hub.delete(ManifestWork.gvk, name: "shop", namespace: "member1")
        try await eventually("work cleaned up", timeout: 15) {
            (try? await bed.work("shop", cluster: "member1")) == nil
        }
        let ns = try? await member.get(GVK(group: "", version: "v1", kind: "Namespace"), name: "shop")
        #expect(ns == nil || ns?.string(at: "metadata", "deletionTimestamp") != nil)
    }

    @Test func conflictWithoutForceAndAnInvalidWorkAreReported() async throws {
        let bed = try await AgentTestbed(stages: Self.stages)
        defer { bed.stop() }
        let (member, pool) = try await bed.pushAgent("member1", settings: Self.settings())
        defer { pool.stop() }
        let manifests = "- {apiVersion: v1, kind: ConfigMap, metadata: {name: c, namespace: default}, data: {level: info}}"
        try await bed.publish("cm", cluster: "member1", manifests: manifests)
        try await waitComplete(bed, "cm", "member1")
        _ = try await member.patch(Self.cm, name: "c", namespace: "default", type: .merge,
            patch: try YAMLParser.parse("{data: {level: debug}}"), fieldManager: "kubectl-edit")
        try await eventually("conflict reported") {
            let m = await bed.condition("Applied", work: "cm", cluster: "member1")?.string(at: "message") ?? ""
            return m.contains("conflict")
        }
        #expect(try await member.get(Self.cm, name: "c", namespace: "default").string(at: "data", "level") == "debug")

        // A work that breaks the schema says why on itself.
        try await bed.publish("bad", cluster: "member1", manifests: manifests, spec: "deleteOption: {propagationPolicy: Sometimes}")
        try await eventually("invalid work reported") {
            let c = await bed.condition("Applied", work: "bad", cluster: "member1")
            return c?.string(at: "reason") == "InvalidManifestWork" && (c?.string(at: "message") ?? "").contains("propagationPolicy 'Sometimes'")
        }
    }

    @Test func pushAndPullGiveTheSameResultAndADeadMemberDelaysNoOther() async throws {
        let bed = try await AgentTestbed(stages: Self.stages)
        defer { bed.stop() }
        let pushConfig = try await bed.member("push1")
        let pullConfig = try await bed.member("pull1")
        _ = try await bed.member("dead1")
        // push1 in-process, dead1 in-process with a kubeconfig that points at a closed port.
        let deadConfig = bed.dir + "/dead1.kubeconfig"
        let text = try String(contentsOfFile: deadConfig, encoding: .utf8)
        let dead = text.replacingOccurrences(of: #"127\.0\.0\.1:[0-9]+"#, with: "127.0.0.1:1", options: .regularExpression)
        #expect(dead != text)
        try dead.write(toFile: deadConfig, atomically: true, encoding: .utf8)
        let pool = PushAgentPool(hub: bed.hub, settings: Self.settings())
        defer { pool.stop() }
        try pool.add(cluster: "dead1", kubeconfig: deadConfig)
        try pool.add(cluster: "push1", kubeconfig: pushConfig)
        // pull1 as `kealm agent` next to its cluster.
        let agent = try SpawnedProcess([AgentTestbed.kealm, "agent", "--hub-kubeconfig", bed.adminKubeconfig, "--cluster-name", "pull1",
            "--kubeconfig", pullConfig, "--wave-delay", "0.2s"], logPath: bed.dir + "/agent.log")
        defer { agent.stop() }
        _ = try await agent.waitForLog("started")
        let start = Date()
        for c in ["dead1", "push1", "pull1"] { try await bed.publish("shop", cluster: c, manifests: AgentFixtures.fiveWaveManifests) }
        try await waitComplete(bed, "shop", "push1")
        try await waitComplete(bed, "shop", "pull1")
        let elapsed = Date().timeIntervalSince(start)
        #expect(elapsed < 15, "both live members done after \(elapsed) s")
        func snapshot(_ kubeconfig: String) async throws -> [String] {
            let c = try KubeClient(kubeconfig: kubeconfig)
            var out: [String] = []
            for m in AgentFixtures.parsed(AgentFixtures.work()).manifests {
                let ref = ObjectRef(object: m)!
                let o = try await c.get(ref.gvk, name: ref.name, namespace: ref.namespace.isEmpty ? nil : ref.namespace)
                out.append("\(ref) \(JSON.encode(o["data"] ?? .null)) \(JSON.encode(o["spec"] ?? .null))")
            }
            return out
        }
        #expect(try await snapshot(pushConfig) == snapshot(pullConfig))
        func conditions(_ c: String) async throws -> [String] {
            (try await bed.work("shop", cluster: c)["status"]?["conditions"]?.items ?? []).map {
                "\($0.string(at: "type") ?? "") \($0.string(at: "status") ?? "") \($0.string(at: "reason") ?? "")"
            }
        }
        #expect(try await conditions("push1") == conditions("pull1"))
        try await eventually("dead member reported") {
            await bed.condition("Available", work: "shop", cluster: "dead1")?.string(at: "reason") == "ClusterUnreachable"
        }
    }
}
