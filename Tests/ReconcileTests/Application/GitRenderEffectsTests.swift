import Foundation
import KealmApp
import KealmYAML
import Planning
import Reconcile
import Testing

/// A throwaway Git repository driven with the git CLI (short commands only).
struct ScratchRepo {
    let root: String
    var work: String { root + "/work" }
    var url: String { "file://" + work }

    init() throws {
        root = NSTemporaryDirectory() + "kealm-appctl-" + UUID().uuidString.prefix(8).lowercased()
        try FileManager.default.createDirectory(atPath: root + "/work", withIntermediateDirectories: true)
        try run(["init", "-q", "-b", "main"])
    }

    @discardableResult
    func run(_ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git", "-c", "user.name=k", "-c", "user.email=k@example.invalid"] + args
        p.currentDirectoryURL = URL(fileURLWithPath: work)
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let out = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw TestError("git \(args.joined(separator: " ")): \(String(decoding: out, as: UTF8.self))") }
        return String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Writes files (nil removes), commits everything, returns the commit id.
    @discardableResult
    func commit(_ files: [String: String?]) throws -> String {
        for (path, text) in files {
            let full = work + "/" + path
            if let text {
                try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try text.write(toFile: full, atomically: true, encoding: .utf8)
            } else {
                try? FileManager.default.removeItem(atPath: full)
            }
        }
        try run(["add", "-A"])
        try run(["commit", "-q", "-m", "change"])
        return try run(["rev-parse", "HEAD"])
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }

    /// A base and dev/prod overlays of one app, plus a second app elsewhere.
    static func demo() throws -> (ScratchRepo, String) {
        let r = try ScratchRepo()
        let c = try r.commit([
            "web/base/kustomization.yaml": "resources: [deploy.yaml, config.yaml]\n",
            "web/base/deploy.yaml": """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, annotations: {argocd.argoproj.io/sync-wave: "1"}}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: web, image: "nginx:1.25"}]}
                """,
            "web/base/config.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web-config}\ndata: {level: info}\n",
            "web/dev/kustomization.yaml": "resources: [../base]\nnamePrefix: dev-\ncommonLabels: {env: dev}\n",
            "web/prod/kustomization.yaml": "resources: [../base]\nnamePrefix: prod-\nreplicas: [{name: web, count: 3}]\n",
            "db/dev/kustomization.yaml": "resources: [cm.yaml]\n",
            "db/dev/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: db}\ndata: {size: small}\n",
        ])
        return (r, c)
    }
}

@Suite("Git render effects over a real repository")
struct GitRenderEffectsTests {
    @Test("renders each overlay; a commit touching another app's path is answered by the render cache; hard re-renders")
    func renderCache() async throws {
        let (repo, c1) = try ScratchRepo.demo()
        defer { repo.remove() }
        let git = GitRenderEffects(stateDirectory: repo.root + "/state", pollInterval: 3600)
        #expect(try await git.resolve(repoURL: repo.url, revision: "main", fetch: false) == c1)
        let dev = try await git.render(RenderRequest(repoURL: repo.url, commit: c1, directory: "/web/dev"))
        let prod = try await git.render(RenderRequest(repoURL: repo.url, commit: c1, directory: "/web/prod"))
        #expect(!dev.fromCache && !prod.fromCache)
        #expect(dev.manifests.compactMap { $0.string(at: "metadata", "name") }.sorted() == ["dev-web", "dev-web-config"])
        #expect(prod.manifests.first { $0.string(at: "kind") == "Deployment" }?[path: ["spec", "replicas"]]?.intValue == 3)

        let c2 = try repo.commit(["db/dev/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: db}\ndata: {size: large}\n"])
        #expect(try await git.resolve(repoURL: repo.url, revision: "main", fetch: false) == c1, "within the poll interval: no fetch")
        #expect(try await git.resolve(repoURL: repo.url, revision: "main", fetch: true) == c2)
        let dev2 = try await git.render(RenderRequest(repoURL: repo.url, commit: c2, directory: "/web/dev"))
        #expect(dev2.fromCache, "web/dev's inputs did not change")
        let db2 = try await git.render(RenderRequest(repoURL: repo.url, commit: c2, directory: "/db/dev"))
        #expect(!db2.fromCache)
        let hard = try await git.render(RenderRequest(repoURL: repo.url, commit: c2, directory: "/web/dev", hard: true))
        #expect(!hard.fromCache)
        let counters = git.counters
        #expect(counters.rendersByPath.values.reduce(0, +) == counters.renders)
        #expect(counters.rendersByPath.first { $0.key.hasSuffix("|/web/dev") }?.value == 2)
    }

    @Test("kustomize overrides render as an overlay over the app path, cached apart from the plain render")
    func overrides() async throws {
        let (repo, c1) = try ScratchRepo.demo()
        defer { repo.remove() }
        let git = GitRenderEffects(stateDirectory: repo.root + "/state")
        _ = try await git.resolve(repoURL: repo.url, revision: "main", fetch: false)
        let o = KustomizeOverrides(nameSuffix: "-x", images: ["nginx:1.27"], commonAnnotations: ["team": "web"], namespace: "shop")
        let r = try await git.render(RenderRequest(repoURL: repo.url, commit: c1, directory: "/web/dev", overrides: o))
        #expect(!r.fromCache)
        let d = try #require(r.manifests.first { $0.string(at: "kind") == "Deployment" })
        #expect(d.string(at: "metadata", "name") == "dev-web-x")
        #expect(d.string(at: "metadata", "namespace") == "shop")
        #expect(d.annotations["team"] == "web")
        #expect(d[path: ["spec", "template", "spec", "containers"]]?.items?.first?.string(at: "image") == "nginx:1.27")
        let again = try await git.render(RenderRequest(repoURL: repo.url, commit: c1, directory: "/web/dev", overrides: o))
        #expect(again.fromCache)
    }
}

@Suite("Reconciler over real Git and a fake hub")
struct GitBackedReconcileTests {
    @Test("a new commit: OutOfSync, then Synced at the new revision after a refresh; a deleted manifest is pruned")
    func commitRefreshPrune() async throws {
        let (repo, c1) = try ScratchRepo.demo()
        defer { repo.remove() }
        let git = GitRenderEffects(stateDirectory: repo.root + "/state", pollInterval: 3600)
        let hub = FakeAppHub(app: yaml("""
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata: {name: web-dev, namespace: argocd}
            spec:
              source: {repoURL: "\(repo.url)", targetRevision: main, path: web/dev}
              destination: {name: c1, namespace: demo}
              syncPolicy: {automated: {prune: true, selfHeal: true}}
            """))
        let clock = FixedClock()
        let fx = ApplicationEffects(git: git, hub: hub, clock: clock)
        let settings = ApplicationSettings(gate: GatePolicy(delay: 0))
        var state: AppRunState?
        func pass() async {
            let out = await ApplicationReconciler.reconcile(object: hub.lock.withLock { hub.app }, state: state, effects: fx, settings: settings)
            #expect(out.error == nil)
            state = out.state
            clock.advance(1)
        }
        func names() -> [String] { hub.manifestNames("c1/web-dev").sorted() }
        for _ in 0..<4 {
            await pass()
            hub.agentReports()
        }
        await pass()
        var s = ApplicationStatus(node: hub.app["status"])
        #expect(s.sync == .synced && s.health == "Healthy" && s.syncRevision == c1)
        #expect(names() == ["dev-web", "dev-web-config", "demo"].filter { $0 != "demo" })
        #expect(s.images == ["nginx:1.25"])

        let c2 = try repo.commit(["web/base/config.yaml": nil, "web/base/kustomization.yaml": "resources: [deploy.yaml]\n"])
        await pass()
        #expect(ApplicationStatus(node: hub.app["status"]).syncRevision == c1, "no refresh, within the poll interval: still the old commit")
        hub.lock.withLock { hub.app = merge(hub.app, yaml("metadata: {annotations: {argocd.argoproj.io/refresh: normal}}")) }
        await pass()
        #expect(hub.app.annotations["argocd.argoproj.io/refresh"] == nil)
        #expect(state?.revision == c2)
        for _ in 0..<4 {
            hub.agentReports()
            await pass()
        }
        s = ApplicationStatus(node: hub.app["status"])
        #expect(s.sync == .synced && s.syncRevision == c2)
        #expect(names() == ["dev-web"])
    }
}
