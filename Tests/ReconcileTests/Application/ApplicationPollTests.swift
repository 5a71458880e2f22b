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
        try await eventually("web-c1 Synced at the new commit by the poll alone, its sync over", timeout: poll + 8) {
            let s = await status(bed.hub, "web-c1")
            let o = try? await bed.hub.get(Application.gvk, name: "web-c1", namespace: "argocd")
            return s.sync == .synced && s.syncRevision == c2 && o?.string(at: "status", "operationState", "phase") == "Succeeded"
                && o?.string(at: "status", "operationState", "syncResult", "revision") == c2
        }
        let cm = try await m1.get(Self.configMap, name: "dev-web-config", namespace: "demo")
        #expect(cm.string(at: "data", "level") == "debug")
        let app = try await bed.hub.get(Application.gvk, name: "web-c1", namespace: "argocd")
        #expect(app.annotations["kealm.io/current-wave"] == nil, "the wave annotation is removed once the sync is over")
    }
}

extension ApplicationControllerIntegrationTests {
    /// The Application CRD loses its status subresource while the controller runs (Argo CD's own CRD
    /// installed over the one Kealm's hub had): the status write that is answered 404 asks discovery
    /// again and goes to the object; status keeps following Git.
    @Test func statusFollowsTheCRDLosingItsStatusSubresource() async throws {
        let bed = try await AgentTestbed()
        defer { bed.stop() }
        try await Self.installApplicationCRD(bed.hub, statusSubresource: true)
        var agentSettings = AgentSettings()
        agentSettings.gate.delay = 0
        let (_, pool1) = try await bed.pushAgent("c1", settings: agentSettings)
        defer { pool1.stop() }
        let (repo, c1) = try ScratchRepo.demo()
        defer { repo.remove() }
        let run = try await startWebC1(bed, repo: repo, firstCommit: c1, poll: 3600, resync: 3600)
        defer { run.cancel() }
        try await Self.installApplicationCRD(bed.hub, statusSubresource: false)
        try await eventually("applications/status no longer served") {
            let list = try? await bed.hub.discovery.resources(groupVersion: Application.gvk.apiVersion, refresh: true)
            return list?.first { $0.gvk.kind == "Application" }.map { !$0.subresources.contains("status") } ?? false
        }
        let c2 = try repo.commit(["web/base/config.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web-config}\ndata: {level: warn}\n"])
        try await refresh(bed.hub, "web-c1")
        try await eventually("web-c1 Synced at the new commit, status written on the object", timeout: 60) {
            let s = await status(bed.hub, "web-c1")
            return s.sync == .synced && s.syncRevision == c2
        }
        let app = try await bed.hub.get(Application.gvk, name: "web-c1", namespace: "argocd")
        #expect(app.annotations["argocd.argoproj.io/refresh"] == nil, "the refresh annotation is removed by the same patch")
    }
}
