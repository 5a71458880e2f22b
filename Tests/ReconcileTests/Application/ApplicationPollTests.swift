import Foundation
import KealmApp
import KealmYAML
import KubeClient
import Planning
import Reconcile
import Testing

extension ApplicationControllerIntegrationTests {
    /// #8: a new commit makes the Application OutOfSync then Synced at the new revision within the
    /// poll interval plus a few seconds, with no refresh, no webhook and no resync (an hour) — the
    /// poll loop alone. The CRD is Argo CD's (no status subresource): status and Kealm's annotations
    /// are written by one patch on the object, and both are there.
    @Test func aCommitIsSyncedWithinThePollIntervalWithoutRefresh() async throws {
        let bed = try await AgentTestbed()
        defer { bed.stop() }
        try await Self.installApplicationCRD(bed.hub, statusSubresource: false)
        var agentSettings = AgentSettings()
        agentSettings.gate.delay = 0
        let (m1, pool1) = try await bed.pushAgent("c1", settings: agentSettings)
        defer { pool1.stop() }
        let (repo, c1) = try ScratchRepo.demo()
        defer { repo.remove() }
        let poll: TimeInterval = 2
        let run = try await startWebC1(bed, repo: repo, firstCommit: c1, poll: poll, resync: 3600)
        defer { run.cancel() }
        let c2 = try repo.commit(["web/base/config.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web-config}\ndata: {level: debug}\n"])
        // The budget: one poll interval, plus the sync's two waves and the agent (scaled on slow machines).
        try await eventually("web-c1 Synced at the new commit by the poll alone", timeout: poll + 8) {
            let s = await status(bed.hub, "web-c1")
            return s.sync == .synced && s.syncRevision == c2
        }
        let cm = try await m1.get(Self.configMap, name: "dev-web-config", namespace: "demo")
        #expect(cm.string(at: "data", "level") == "debug")
        let app = try await bed.hub.get(Application.gvk, name: "web-c1", namespace: "argocd")
        #expect(app.string(at: "status", "operationState", "phase") == "Succeeded")
        #expect(app.annotations["kealm.io/current-wave"] == nil, "the wave annotation is removed once the sync is over")
    }
}
