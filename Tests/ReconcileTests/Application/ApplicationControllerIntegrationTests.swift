import Foundation
import KealmApp
import KealmModel
import KealmYAML
import KubeClient
import Planning
import Reconcile
import Testing

/// The application controller against `kealm hub serve` (hub + two logical member clusters), the
/// work agent in push mode for both members, and a real Git repository with dev/prod overlays.
@Suite("Application controller end to end", .enabled(if: AgentTestbed.available), .serialized)
struct ApplicationControllerIntegrationTests {
    static let deploy = GVK(group: "apps", version: "v1", kind: "Deployment")
    static let configMap = GVK(group: "", version: "v1", kind: "ConfigMap")

    /// `statusSubresource: false` is Argo CD's own CRD (the controller then writes status and
    /// annotations in one patch on the object).
    static func installApplicationCRD(_ hub: KubeClient, statusSubresource: Bool = true) async throws {
        _ = try await hub.apply(try YAMLParser.parse("""
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: applications.argoproj.io}
            spec:
              group: argoproj.io
              scope: Namespaced
              names: {kind: Application, plural: applications, singular: application, listKind: ApplicationList}
              versions:
                - name: v1alpha1
                  served: true
                  storage: true
                  subresources: {\(statusSubresource ? "status: {}" : "")}
                  schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
            """), fieldManager: "test")
        try await eventually("Application served") { (try? await hub.list(Application.gvk, namespace: "argocd")) != nil }
        _ = try await hub.apply(try YAMLParser.parse("{apiVersion: v1, kind: Namespace, metadata: {name: argocd}}"), fieldManager: "test")
    }

    static func application(_ name: String, repo: String, path: String, cluster: String) throws -> YAMLNode {
        try YAMLParser.parse("""
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata: {name: \(name), namespace: argocd, finalizers: [resources-finalizer.argocd.argoproj.io]}
            spec:
              source: {repoURL: "\(repo)", targetRevision: main, path: \(path)}
              destination: {name: \(cluster), namespace: demo}
              syncPolicy:
                automated: {prune: true, selfHeal: true}
                syncOptions: [CreateNamespace=true]
            """)
    }

    func status(_ hub: KubeClient, _ name: String) async -> ApplicationStatus {
        ApplicationStatus(node: (try? await hub.get(Application.gvk, name: name, namespace: "argocd"))?["status"])
    }

    /// A controller (2 workers, no wave delay) and the Application `web-c1` (web/dev on c1),
    /// waited for until Synced/Healthy at `firstCommit`. Cancel the returned task to stop it.
    func startWebC1(_ bed: AgentTestbed, repo: ScratchRepo, firstCommit: String, poll: TimeInterval, resync: TimeInterval) async throws
        -> Task<Void, Error>
    {
        let git = GitRenderEffects(stateDirectory: bed.dir + "/git", pollInterval: poll)
        let controller = ApplicationController(client: bed.hub, git: git, options: ApplicationControllerOptions(
            workers: 2, resync: resync, settings: ApplicationSettings(gate: GatePolicy(timeout: 120, delay: 0), runningRequeue: 0.5),
            emitEvents: false))
        let run = Task { try await controller.run() }
        _ = try await bed.hub.create(try Self.application("web-c1", repo: repo.url, path: "web/dev", cluster: "c1"))
        do {
            try await eventually("web-c1 Synced/Healthy", timeout: 90) {
                let s = await status(bed.hub, "web-c1")
                return s.sync == .synced && s.health == "Healthy" && s.syncRevision == firstCommit
            }
        } catch {
            run.cancel()
            throw error
        }
        return run
    }

    func refresh(_ hub: KubeClient, _ name: String) async throws {
        _ = try await hub.patch(Application.gvk, name: name, namespace: "argocd", type: .merge,
            patch: try YAMLParser.parse("{metadata: {annotations: {argocd.argoproj.io/refresh: normal}}}"))
    }

    @Test func fromGitToMembersWaveByWaveWithRefreshSelfHealPruneAndDeletion() async throws {
        let bed = try await AgentTestbed()
        defer { bed.stop() }
        try await Self.installApplicationCRD(bed.hub)
        var agentSettings = AgentSettings()
        agentSettings.gate.delay = 0
        agentSettings.retryDelay = 0.3
        let (m1, pool1) = try await bed.pushAgent("c1", settings: agentSettings)
        let (m2, pool2) = try await bed.pushAgent("c2", settings: agentSettings)
        defer {
            pool1.stop()
            pool2.stop()
        }
        let (repo, c1) = try ScratchRepo.demo()
        defer { repo.remove() }
        let git = GitRenderEffects(stateDirectory: bed.dir + "/git", pollInterval: 3600)
        let controller = ApplicationController(client: bed.hub, git: git, options: ApplicationControllerOptions(
            workers: 4, resync: 60, settings: ApplicationSettings(gate: GatePolicy(timeout: 120, delay: 0), runningRequeue: 0.5),
            emitEvents: false))
        let run = Task { try await controller.run() }
        defer { run.cancel() }
        _ = try await bed.hub.create(try Self.application("web-c1", repo: repo.url, path: "web/dev", cluster: "c1"))
        _ = try await bed.hub.create(try Self.application("web-c2", repo: repo.url, path: "web/prod", cluster: "c2"))

        for (app, _) in [("web-c1", "c1"), ("web-c2", "c2")] {
            try await eventually("\(app) Synced/Healthy", timeout: 90) {
                let s = await status(bed.hub, app)
                return s.sync == .synced && s.health == "Healthy" && s.syncRevision == c1
            }
        }
        // Waves were written one at a time: wave 0 (Namespace, ConfigMap), then wave 1 (Deployment) —
        // two generations of the work; written at once it would be one.
        let work1 = try await bed.work("web-c1", cluster: "c1")
        #expect(work1[path: ["metadata", "generation"]]?.intValue == 2)
        let s1 = await status(bed.hub, "web-c1")
        #expect(s1.operationState?.phase == .succeeded)
        #expect(s1.resources.map(\.name).sorted() == ["demo", "dev-web", "dev-web-config"])
        #expect((try await m1.get(Self.deploy, name: "dev-web", namespace: "demo")).string(at: "metadata", "name") == "dev-web")
        let prod = try await m2.get(Self.deploy, name: "prod-web", namespace: "demo")
        #expect(prod[path: ["spec", "replicas"]]?.intValue == 3)

        // A commit touching only another application's path: web/dev is not rendered again.
        let rendersBefore = git.counters.rendersByPath.first { $0.key.hasSuffix("|/web/dev") }?.value
        let c2 = try repo.commit(["db/dev/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: db}\ndata: {size: large}\n"])
        try await refresh(bed.hub, "web-c1")
        try await eventually("web-c1 compared at \(c2)", timeout: 30) { await status(bed.hub, "web-c1").syncRevision == c2 }
        #expect(git.counters.rendersByPath.first { $0.key.hasSuffix("|/web/dev") }?.value == rendersBefore)
        #expect(await status(bed.hub, "web-c1").sync == .synced)

        // A new commit for the app: OutOfSync, then Synced at the new revision after a refresh.
        let c3 = try repo.commit(["web/base/config.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web-config}\ndata: {level: debug}\n"])
        let t0 = Date()
        try await refresh(bed.hub, "web-c1")
        let latency = try await eventually("web-c1 Synced at \(c3)", timeout: 30) {
            let s = await status(bed.hub, "web-c1")
            return s.sync == .synced && s.syncRevision == c3 && s.health == "Healthy"
        }
        print("push-to-Synced after refresh: \(String(format: "%.2f", latency)) s (\(String(format: "%.2f", Date().timeIntervalSince(t0))) s)")
        #expect(latency < 10, "the issue asks for 2 s on an idle machine")
        #expect((try await m1.get(Self.configMap, name: "dev-web-config", namespace: "demo")).string(at: "data", "level") == "debug")

        // selfHeal: a manual edit of the ManifestWork on the hub is reverted from Git and counted.
        for attempt in 0..<10 {
            var edited = try await bed.work("web-c1", cluster: "c1")
            edited[path: ["spec", "workload", "manifests"]] = .sequence(Array((edited[path: ["spec", "workload", "manifests"]]?.items ?? []).prefix(1)))
            do {
                _ = try await bed.hub.update(edited)
                break
            } catch {
                let e: KubeError = error
                if !e.isConflict || attempt == 9 { throw e }
            }
        }
        try await eventually("the edited work is rewritten", timeout: 30) {
            let w = try? await bed.work("web-c1", cluster: "c1")
            return (w?[path: ["spec", "workload", "manifests"]]?.items?.count ?? 0) == 3
        }
        // Counted (the annotation is patched after the rewrite, in the same pass).
        try await eventually("the hub edit is counted", timeout: 30) {
            let app = try? await bed.hub.get(Application.gvk, name: "web-c1", namespace: "argocd")
            return app?.annotations[ApplicationSteps.hubDriftAnnotation] == "1"
        }
        try await eventually("web-c1 Synced again after the edit", timeout: 60) {
            let s = await status(bed.hub, "web-c1")
            return s.sync == .synced && s.health == "Healthy" && s.operationState?.phase == .succeeded
        }

        // Prune: a manifest deleted from Git leaves the member cluster.
        try repo.commit(["web/base/config.yaml": nil, "web/base/kustomization.yaml": "resources: [deploy.yaml]\n"])
        try await refresh(bed.hub, "web-c1")
        try await eventually("dev-web-config pruned from c1", timeout: 60) {
            (try? await m1.get(Self.configMap, name: "dev-web-config", namespace: "demo")) == nil
        }

        // Deletion with the resources finalizer: the works go, then the Application.
        try await bed.hub.delete(Application.gvk, name: "web-c1", namespace: "argocd")
        try await eventually("web-c1 deleted with its works", timeout: 60) {
            let app = try? await bed.hub.get(Application.gvk, name: "web-c1", namespace: "argocd")
            let work = try? await bed.work("web-c1", cluster: "c1")
            return app == nil && work == nil
        }
        try await eventually("dev-web removed from c1", timeout: 60) {
            (try? await m1.get(Self.deploy, name: "dev-web", namespace: "demo")) == nil
        }
        #expect(controller.stats.errors == 0 || controller.stats.lastError != nil)
    }

    /// Mass-deletion safety (#10.4): an automated sync whose render is empty prunes nothing until
    /// `allowEmpty` is set; the Application says why (SyncError naming the setting).
    @Test func emptyRenderIsRefusedUntilAllowEmpty() async throws {
        let bed = try await AgentTestbed()
        defer { bed.stop() }
        try await Self.installApplicationCRD(bed.hub)
        var agentSettings = AgentSettings()
        agentSettings.gate.delay = 0
        let (m1, pool1) = try await bed.pushAgent("c1", settings: agentSettings)
        defer { pool1.stop() }
        let (repo, c1) = try ScratchRepo.demo()
        defer { repo.remove() }
        let run = try await startWebC1(bed, repo: repo, firstCommit: c1, poll: 3600, resync: 60)
        defer { run.cancel() }
        // Someone empties the overlay: the render has no resources.
        let c2 = try repo.commit(["web/dev/kustomization.yaml": "resources: []\n"])
        try await refresh(bed.hub, "web-c1")
        try await eventually("a SyncError naming allowEmpty", timeout: 30) {
            let s = await status(bed.hub, "web-c1")
            return s.syncRevision == c2 && s.conditions.contains { $0.type == "SyncError" && $0.message.contains("allowEmpty") }
        }
        #expect(await status(bed.hub, "web-c1").sync == .outOfSync)
        try await Task.sleep(nanoseconds: 1_000_000_000)
        #expect((try await bed.work("web-c1", cluster: "c1"))[path: ["spec", "workload", "manifests"]]?.items?.count == 3, "nothing pruned")
        _ = try await m1.get(Self.deploy, name: "dev-web", namespace: "demo")

        // The explicit setting: the sync runs and prunes.
        _ = try await bed.hub.patch(Application.gvk, name: "web-c1", namespace: "argocd", type: .merge,
            patch: try YAMLParser.parse("{spec: {syncPolicy: {automated: {allowEmpty: true}}}}"))
        try await eventually("dev-web pruned from c1 once allowed", timeout: 60) {
            (try? await m1.get(Self.deploy, name: "dev-web", namespace: "demo")) == nil
        }
        try await eventually("the SyncError is gone", timeout: 30) {
            !(await status(bed.hub, "web-c1")).conditions.contains { $0.type == "SyncError" }
        }
    }
}
