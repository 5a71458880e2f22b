import Foundation
import Health
import KealmYAML
import Planning
import Reconcile
import Synchronization

/// A fake Git: revisions → commits, commits → rendered manifests per directory; counts renders.
final class FakeGit: GitEffects, @unchecked Sendable {
    let lock = NSLock()
    var commits: [String: String] = [:]
    var trees: [String: [String: [YAMLNode]]] = [:]
    var renders = 0
    var fetches = 0
    var cache: [String: [YAMLNode]] = [:]

    func resolve(repoURL: String, revision: String, fetch: Bool) async throws -> String {
        lock.withLock {
            if fetch { fetches += 1 }
            return commits[revision] ?? revision
        }
    }

    func render(_ r: RenderRequest) async throws -> RenderResult {
        try lock.withLock {
            guard let m = trees[r.commit]?[r.directory] else { throw TestError("no \(r.directory) at \(r.commit)") }
            let key = JSON.encode(.sequence(m)) + (r.overrides?.cacheKey ?? "")
            if !r.hard, let hit = cache[key] { return RenderResult(manifests: hit, fromCache: true) }
            renders += 1
            cache[key] = m
            return RenderResult(manifests: m, fromCache: false)
        }
    }
}

struct TestError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

/// A fake hub: one Application object and ManifestWorks by `namespace/name`, generation bumped when the spec changes.
final class FakeAppHub: HubEffects, @unchecked Sendable {
    let lock = NSLock()
    var app: YAMLNode
    var works: [String: YAMLNode] = [:]
    var applies = 0
    var deletes = 0
    var statusWrites = 0
    var events: [String] = []

    init(app: YAMLNode) { self.app = app }

    func works(cluster: String, application: String) async throws -> [YAMLNode] {
        lock.withLock {
            works.filter { $0.key.hasPrefix(cluster + "/") && $0.value.labels["kealm.io/application-name"] == application }
                .sorted { $0.key < $1.key }.map(\.value)
        }
    }

    func applyWork(_ work: YAMLNode) async throws -> YAMLNode {
        lock.withLock {
            applies += 1
            let key = "\(work.string(at: "metadata", "namespace")!)/\(work.string(at: "metadata", "name")!)"
            var stored = work
            let old = works[key]
            var generation = old?[path: ["metadata", "generation"]]?.intValue ?? 0
            if old == nil || JSON.encode(old!["spec"] ?? .null) != JSON.encode(work["spec"] ?? .null) { generation += 1 }
            stored[path: ["metadata", "generation"]] = .int(generation)
            if let status = old?["status"] { stored[path: ["status"]] = status }
            works[key] = stored
            return stored
        }
    }

    func deleteWork(namespace: String, name: String) async throws {
        lock.withLock {
            deletes += 1
            works["\(namespace)/\(name)"] = nil
        }
    }

    func updateStatus(of app: Application, status: YAMLNode) async throws {
        lock.withLock {
            statusWrites += 1
            self.app[path: ["status"]] = status
        }
    }

    func patch(_ app: Application, mergePatch: YAMLNode) async throws {
        lock.withLock { self.app = merge(self.app, mergePatch) }
    }

    func event(_ app: Application, type: String, reason: String, message: String) async {
        lock.withLock { events.append("\(reason): \(message)") }
    }

    func cluster(forServer server: String) async -> String? { server == "https://c1.example" ? "c1" : nil }

    /// The agent's part: marks every manifest of every work applied with this health at the work's generation.
    func agentReports(_ health: HealthStatus = .healthy, except: Set<String> = []) {
        lock.withLock {
            for (k, w) in works {
                let gen = w[path: ["metadata", "generation"]]?.intValue ?? 1
                let ms: [YAMLNode] = (w[path: ["spec", "workload", "manifests"]]?.items ?? []).enumerated().map { i, m in
                    let key = ResourceKey(object: m)!
                    let h = except.contains(key.name) ? HealthStatus.progressing : health
                    return ManifestWorkStatus.entry(ManifestWorkStatus.Manifest(key: key, ordinal: i, version: "v1", resource: "x", applied: true,
                        available: true, health: HealthAssessment(h)), generation: gen, at: Date(timeIntervalSince1970: 0))
                }
                var w2 = w
                w2[path: ["status"]] = .mapping([YAMLPair("resourceStatus", .mapping([YAMLPair("manifests", .sequence(ms))]))])
                works[k] = w2
            }
        }
    }

    func manifestNames(_ key: String = "c1/app1") -> [String] {
        lock.withLock { (works[key]?[path: ["spec", "workload", "manifests"]]?.items ?? []).compactMap { $0.string(at: "metadata", "name") } }
    }
}

func merge(_ target: YAMLNode, _ patch: YAMLNode) -> YAMLNode {
    guard let pp = patch.pairs else { return patch }
    var pairs = target.pairs ?? []
    for p in pp {
        let i = pairs.firstIndex { $0.key.value == p.key.value }
        if p.value.isNull {
            if let i { pairs.remove(at: i) }
        } else if let i {
            pairs[i].value = merge(pairs[i].value, p.value)
        } else {
            pairs.append(YAMLPair(key: p.key, value: merge(.emptyMapping, p.value)))
        }
    }
    return .mapping(pairs)
}

final class FixedClock: Clock, Sendable {
    let t: Mutex<Date>
    init(_ d: Date = Date(timeIntervalSince1970: 1_800_000_000)) { t = Mutex(d) }
    func now() -> Date { t.withLock { $0 } }
    func advance(_ s: TimeInterval) { t.withLock { $0 = $0.addingTimeInterval(s) } }
}

func yaml(_ text: String) -> YAMLNode { try! YAMLParser.parseStream(text, file: "test").first! }

func configMap(_ name: String, wave: Int = 0, data: String = "a") -> YAMLNode {
    yaml("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: \(name), annotations: {argocd.argoproj.io/sync-wave: "\(wave)"}}
        data: {k: \(data)}
        """)
}

func appObject(automated: String? = "{prune: true, selfHeal: true}", finalizers: String = "[]") -> YAMLNode {
    yaml("""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata: {name: app1, namespace: argocd, finalizers: \(finalizers)}
        spec:
          source: {repoURL: "file:///repo", targetRevision: main, path: apps/dev}
          destination: {name: c1, namespace: demo}
          syncPolicy: {\(automated.map { "automated: \($0)" } ?? "")}
        """)
}

/// A world for reconcile tests: the fake effects, a state kept between passes.
final class World: @unchecked Sendable {
    let git = FakeGit()
    let hub: FakeAppHub
    let clock = FixedClock()
    var state: AppRunState?
    let settings = ApplicationSettings(gate: GatePolicy(timeout: 60, delay: 0))

    init(app: YAMLNode = appObject(), manifests: [YAMLNode]) {
        hub = FakeAppHub(app: app)
        git.commits["main"] = "c0ffee1"
        git.trees["c0ffee1"] = ["/apps/dev": manifests]
    }

    var effects: ApplicationEffects { ApplicationEffects(git: git, hub: hub, clock: clock) }

    @discardableResult
    func pass() async -> ReconcileOutcome {
        let out = await ApplicationReconciler.reconcile(object: hub.lock.withLock { hub.app }, state: state, effects: effects, settings: settings)
        state = out.state
        clock.advance(1)
        return out
    }

    func commit(_ id: String, _ manifests: [YAMLNode]) {
        git.commits["main"] = id
        git.trees[id] = ["/apps/dev": manifests]
    }

    var status: ApplicationStatus { ApplicationStatus(node: hub.lock.withLock { hub.app["status"] }) }
    var annotations: [String: String] { hub.lock.withLock { hub.app.annotations } }
}
