import Foundation
import KealmApp
import KealmModel
import KealmYAML
import KubeClient
import Planning
import Reconcile
import Testing
import TestSupport

/// The application controller and push agents end to end while things break: a member cluster
/// answering 503, a 409/429/5xx storm on the hub's Application and ManifestWork APIs, and the
/// Git remote (a real `git daemon`) behind a proxy that cuts and refuses connections.
@Suite(.serialized, .enabled(if: AgentTestbed.available, "needs `kealm hub serve` (the VirtualCluster module)"))
struct ApplicationFaultTests {
    typealias E2E = ApplicationControllerIntegrationTests

    func status(_ hub: KubeClient, _ name: String) async -> ApplicationStatus {
        ApplicationStatus(node: (try? await hub.get(Application.gvk, name: name, namespace: "argocd"))?["status"])
    }

    func refresh(_ hub: KubeClient, _ name: String) async throws {
        for attempt in 0..<20 {
            do {
                _ = try await hub.patch(Application.gvk, name: name, namespace: "argocd", type: .merge,
                    patch: try YAMLParser.parse("{metadata: {annotations: {argocd.argoproj.io/refresh: normal}}}"))
                return
            } catch {
                if attempt == 19 { throw error }
                try await Task.sleep(nanoseconds: 200_000_000)
            }
        }
    }

    @Test func healthyPartsConvergeBrokenOnesAreReportedAndAllConvergeWhenFaultsEnd() async throws {
        let (bed, faults) = try await AgentTestbed.faulty()
        defer { bed.stop() }
        try await E2E.installApplicationCRD(bed.hub)
        var agentSettings = AgentSettings()
        agentSettings.gate.delay = 0
        agentSettings.retryDelay = 0.3
        let (m1, pool1) = try await bed.pushAgent("c1", settings: agentSettings)
        let (_, pool2) = try await bed.pushAgent("c2", settings: agentSettings)
        defer {
            pool1.stop()
            pool2.stop()
        }
        let (repo, c1) = try ScratchRepo.demo()
        defer { repo.remove() }
        let daemon = try await GitDaemonProcess(root: repo.root, logDirectory: bed.dir)
        defer { daemon.stop() }
        let proxy = try FlakyProxy(targetPort: daemon.port)
        defer { proxy.stop() }
        let url = "git://127.0.0.1:\(proxy.port)/work"

        // c2 is down; the hub answers Application and ManifestWork requests with conflicts, 429 and 5xx now and then.
        try await faults.set("""
            - {name: c2-down, match: {clusters: [c2]}, action: respond, status: 503}
            - {name: app-conflicts, match: {clusters: [default], resources: [applications]}, action: conflict, probability: 0.3, count: 15}
            - {name: app-busy, match: {clusters: [default], resources: [applications]}, action: respond, status: 429, retryAfterSeconds: 1, probability: 0.1, count: 5}
            - {name: work-errors, match: {clusters: [default], resources: [manifestworks]}, action: respond, status: 500, probability: 0.2, count: 15}
            - {name: work-conflicts, match: {clusters: [default], resources: [manifestworks]}, action: conflict, probability: 0.2, count: 15}
            - {name: short-watches, match: {clusters: [default]}, action: dropWatch, afterEvents: 3, count: 20}
            """)
        let git = GitRenderEffects(stateDirectory: bed.dir + "/git", pollInterval: 3600)
        let controller = ApplicationController(client: bed.hub, git: git, options: ApplicationControllerOptions(
            workers: 4, resync: 60, settings: ApplicationSettings(gate: GatePolicy(timeout: 120, delay: 0), runningRequeue: 0.5),
            emitEvents: false))
        let run = Task { try await controller.run() }
        defer { run.cancel() }
        for (name, path, cluster) in [("web-c1", "web/dev", "c1"), ("web-c2", "web/prod", "c2")] {
            for attempt in 0..<20 {
                do {
                    _ = try await bed.hub.create(try E2E.application(name, repo: url, path: path, cluster: cluster))
                    break
                } catch {
                    if attempt == 19 { throw error }
                }
            }
        }

        // The healthy member converges through the hub storm.
        try await eventually("web-c1 Synced/Healthy through the storm", timeout: 120) {
            let s = await status(bed.hub, "web-c1")
            return s.sync == .synced && s.health == "Healthy" && s.syncRevision == c1
        }
        // The broken member's application says so (its work cannot be applied: the member is unreachable).
        try await eventually("web-c2 reports c2 unreachable", timeout: 60) {
            let s = await status(bed.hub, "web-c2")
            return s.health != "Healthy" && s.healthMessage.contains("cluster c2: the member cluster cannot be reached")
        }
        let storm = try await faults.fired()
        print("application storm: \(storm)")
        #expect((storm["c2-down"] ?? 0) > 0)

        // The member comes back: web-c2 converges.
        try await faults.clear()
        try await eventually("web-c2 Synced/Healthy once c2 answers", timeout: 120) {
            let s = await status(bed.hub, "web-c2")
            return s.sync == .synced && s.health == "Healthy" && s.syncRevision == c1
        }

        // The Git remote cuts every transfer: the error is reported, the last good revision stays deployed.
        let c3 = try repo.commit(["web/base/config.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web-config}\ndata: {level: debug}\n"])
        proxy.mode = .cutAfter(bytes: 200)
        try await refresh(bed.hub, "web-c1")
        try await eventually("web-c1 reports the Git error", timeout: 60) {
            await status(bed.hub, "web-c1").conditions.contains { $0.type == "ComparisonError" && $0.message.contains("127.0.0.1:\(proxy.port)/work") }
        }
        let during = await status(bed.hub, "web-c1")
        #expect(during.syncRevision == c1, "the last good revision is kept")
        #expect((try await m1.get(E2E.configMap, name: "dev-web-config", namespace: "demo")).string(at: "data", "level") == "info")
        proxy.mode = .refuse
        try await refresh(bed.hub, "web-c1")
        try await Task.sleep(nanoseconds: 500_000_000)
        let refused = await status(bed.hub, "web-c1")
        #expect(refused.syncRevision == c1 && refused.conditions.contains { $0.type == "ComparisonError" }, "the error stays reported")

        // The remote heals: the failing repository is tried again on every pass, no new refresh needed.
        proxy.mode = .pass
        try await eventually("web-c1 Synced at the new commit once Git answers", timeout: 60) {
            let s = await status(bed.hub, "web-c1")
            return s.sync == .synced && s.syncRevision == c3 && !s.conditions.contains { $0.type == "ComparisonError" }
        }
        try await eventually("the new config reached c1", timeout: 30) {
            (try? await m1.get(E2E.configMap, name: "dev-web-config", namespace: "demo"))?.string(at: "data", "level") == "debug"
        }
        print("proxy: \(proxy.stats)")
    }
}
