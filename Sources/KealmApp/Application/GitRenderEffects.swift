import Foundation
import GitSource
import KealmYAML
import Overlay
import Reconcile
import Synchronization

/// Counters of the render path, for tests and benchmarks.
public struct RenderCounters: Sendable, Hashable {
    /// Renders the engine ran.
    public var renders = 0
    /// Renders the cache answered.
    public var hits = 0
    /// Mirror syncs (tip checks or fetches).
    public var syncs = 0
    /// Per app directory (`repo|/path`), engine runs.
    public var rendersByPath: [String: Int] = [:]
}

/// `GitEffects` over the mirror cache and the render cache: a repository is synced at most once per
/// poll interval (or at once on a refresh); renders go through the cache keyed by their inputs.
public final class GitRenderEffects: GitEffects, @unchecked Sendable {
    let mirrors: MirrorCache
    let cache: RenderCache<[YAMLNode]>
    let pollInterval: TimeInterval
    /// For this many seconds after a webhook, refreshes reuse the sync started after it.
    let coalesce: TimeInterval = 60
    private let state = Mutex(SyncBook())

    struct SyncBook {
        /// When the last sync of a repository started.
        var lastSync: [String: Date] = [:]
        /// When a webhook last said a repository moved.
        var invalidatedAt: [String: Date] = [:]
        var inflight: [String: (task: Task<Void, Error>, started: Date)] = [:]
        /// Repositories whose last sync failed: every pass tries again (and reports the error) until one succeeds.
        var failing: Set<String> = []
        /// Open tree readers by `repo@commit` (a few commits are live at a time).
        var trees: [String: GitTreeFileSource] = [:]
        var counters = RenderCounters()
    }
    /// The engine's version, part of every cache key.
    static let engineVersion = "overlay-1"

    public init(mirrors: MirrorCache, pollInterval: TimeInterval = 180, cacheCapacity: Int = 20_000) {
        self.mirrors = mirrors
        self.cache = RenderCache(capacity: cacheCapacity)
        self.pollInterval = pollInterval
    }

    /// Mirrors under `stateDirectory` (no credentials: public or local repositories).
    public convenience init(stateDirectory: String, pollInterval: TimeInterval = 180) {
        self.init(mirrors: MirrorCache(stateDirectory: stateDirectory), pollInterval: pollInterval)
    }

    public var counters: RenderCounters { state.withLock { $0.counters } }

    public func resolve(repoURL: String, revision: String, fetch: Bool) async throws -> String {
        let mirror = await mirrors.mirror(for: repoURL)
        let key = RepoURL.normalize(repoURL)
        let now = Date()
        // One sync per repository at a time: concurrent passes wait for the one in flight.
        let task: Task<Void, Error>? = state.withLock { s in
            if let running = s.inflight[key] { return running.task }
            // After a webhook (`invalidate`), the refreshes it asks for are satisfied by one sync started after
            // it: a push that refreshes two hundred Applications of one repository fetches it once.
            let last = s.lastSync[key]
            let coalesced = s.invalidatedAt[key].map { inv in last.map { $0 >= inv } ?? false && now.timeIntervalSince(inv) < coalesce } ?? false
            let due = last == nil || (fetch && !coalesced) || (!fetch && (s.invalidatedAt[key].map { inv in last! < inv } ?? false))
                || (!fetch && now.timeIntervalSince(last!) >= pollInterval) || s.failing.contains(key)
            guard due else { return nil }
            let t = Task<Void, Error> { _ = try await mirror.sync() }
            s.inflight[key] = (t, now)
            return t
        }
        if let task {
            let result = await task.result
            state.withLock { s in
                // The first waiter here records the outcome; a failed sync is not remembered, so the next pass retries it.
                if let done = s.inflight[key], done.task == task {
                    s.inflight[key] = nil
                    if case .success = result {
                        s.lastSync[key] = done.started
                        s.counters.syncs += 1
                        s.failing.remove(key)
                    } else {
                        s.failing.insert(key)
                    }
                }
            }
            try result.get()
        }
        return try await mirror.resolve(revision)
    }

    /// Marks a repository as due for a sync (webhook): the next resolve fetches.
    public func invalidate(repoURL: String) {
        state.withLock { $0.invalidatedAt[RepoURL.normalize(repoURL)] = Date() }
    }

    public func render(_ r: RenderRequest) async throws -> RenderResult {
        let mirror = await mirrors.mirror(for: r.repoURL)
        let treeKey = RepoURL.normalize(r.repoURL) + "@" + r.commit
        let tree: GitTreeFileSource
        if let cached = state.withLock({ $0.trees[treeKey] }) { tree = cached } else {
            tree = try await mirror.treeSource(commit: r.commit)
            state.withLock { s in
                if s.trees.count >= 32 { s.trees.removeAll() }
                s.trees[treeKey] = tree
            }
        }
        let overrides = r.overrides.flatMap { $0.isEmpty ? nil : $0 }
        let slot = RenderSlot(repository: r.repoURL, path: r.directory, engineVersion: Self.engineVersion, options: overrides?.cacheKey ?? "")
        let result: CachedRender<[YAMLNode]>
        if let overrides {
            let dir = KustomizeOverrides.overlayDirectory(for: r.directory)
            let text = JSON.encode(overrides.kustomization(appDirectory: r.directory))
            let source = OverlaidSource(base: tree, files: [dir + "/kustomization.yaml": Array(text.utf8)])
            result = try cache.render(slot, source: source, hard: r.hard) { try Renderer.render(directory: dir, source: $0) }
        } else {
            result = try cache.render(slot, source: tree, hard: r.hard) { try Renderer.render(directory: r.directory, source: $0) }
        }
        state.withLock { s in
            if result.fromCache { s.counters.hits += 1 } else {
                s.counters.renders += 1
                s.counters.rendersByPath[RepoURL.normalize(r.repoURL) + "|" + r.directory, default: 0] += 1
            }
        }
        return RenderResult(manifests: result.output, fromCache: result.fromCache)
    }
}
