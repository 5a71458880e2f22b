import Foundation
import KealmModel
import KealmYAML
import KubeClient
import Planning
import Reconcile
import Synchronization

/// Options of the application controller.
public struct ApplicationControllerOptions: Sendable {
    /// Watch Applications in this namespace only (nil: all).
    public var namespace: String?
    /// Parallel reconciles.
    public var workers: Int
    /// Every Application is reconciled at least this often (Argo CD's `timeout.reconciliation`).
    public var resync: TimeInterval
    public var settings: ApplicationSettings
    /// Write Kubernetes Events (off for large benchmarks).
    public var emitEvents: Bool

    public init(namespace: String? = nil, workers: Int = 8, resync: TimeInterval = 180, settings: ApplicationSettings = ApplicationSettings(),
        emitEvents: Bool = true)
    {
        self.namespace = namespace
        self.workers = workers
        self.resync = resync
        self.settings = settings
        self.emitEvents = emitEvents
    }
}

/// Counters of the controller, for tests and benchmarks.
public struct ApplicationControllerStats: Sendable, Hashable {
    public var passes = 0
    public var errors = 0
    public var worksWritten = 0
    public var statusWrites = 0
    public var lastError: String?
}

/// The application controller: informers on Applications and ManifestWorks, a deduplicating work
/// queue, a pool of workers running `ApplicationReconciler` passes, periodic resync, and requeues
/// asked by a pass (while waves run, retries). A change of an Application's spec, annotations
/// (refresh), operation or deletion, and any change of one of its ManifestWorks (status from the
/// agent, edits on the hub) queue it at once.
public final class ApplicationController: HubController, @unchecked Sendable {
    public let name = "application"
    public let client: KubeClient
    public let git: GitRenderEffects
    public let options: ApplicationControllerOptions
    public let apps: Informer
    public let works: Informer
    let hub: KubeHubEffects
    let queue = ReconcileQueue()
    private let states = Mutex<[String: AppRunState]>([:])
    private let counters = Mutex(ApplicationControllerStats())
    /// Keys whose sync a person or a push waits for (refresh, operation, webhook).
    let urgent = UrgentKeys()

    public init(client: KubeClient, git: GitRenderEffects, options: ApplicationControllerOptions = ApplicationControllerOptions()) {
        self.client = client
        self.git = git
        self.options = options
        apps = Informer(client: client, gvk: Application.gvk, namespace: options.namespace, transform: Informer.stripManagedFields)
        works = Informer(client: client, gvk: KubeHubEffects.workGVK, labelSelector: Tracking.applicationLabel,
            transform: Informer.stripManagedFields)
        hub = KubeHubEffects(client: client, works: works, apps: apps, fieldManager: options.settings.fieldManager,
            clusterSecretNamespace: options.namespace, emitEvents: options.emitEvents)
    }

    public var stats: ApplicationControllerStats { counters.withLock { $0 } }

    /// The remembered state of an Application (`namespace/name`).
    public func state(of key: String) -> AppRunState? { states.withLock { $0[key] } }

    /// Queues Applications for a refresh (the webhook's path): marks their repositories due for a
    /// fetch, queues them in the urgent lane, and sets `argocd.argoproj.io/refresh: normal` on each,
    /// as a person would.
    public func refresh(_ keys: [String], repoURLs: [String]) async {
        for url in repoURLs { git.invalidate(repoURL: url) }
        // Queued at once in the urgent lane (a pass after `invalidate` fetches); the annotation below is
        // what a person or kubectl sees, and is removed by the pass as usual.
        for key in keys {
            urgent.mark(key)
            await queue.add(key, priority: .urgent)
        }
        for key in keys {
            let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            let patch = YAMLNode.mapping([YAMLPair("metadata", .mapping([YAMLPair("annotations", .mapping([
                YAMLPair(Application.refreshAnnotation, .string("normal"))]))]))])
            _ = try? await client.patch(Application.gvk, name: parts[1], namespace: parts[0], type: .merge, patch: patch)
        }
    }

    /// The Applications known to the informer, typed (unreadable ones left out).
    public func applications() -> [Application] { apps.list().compactMap { try? Application(object: $0) } }

    public func run() async throws {
        apps.start()
        works.start()
        defer {
            apps.stop()
            works.stop()
        }
        await apps.waitForSync()
        await works.waitForSync()
        let fx = ApplicationEffects(git: git, hub: hub, clock: SystemClock())
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.watchApplications() }
            group.addTask { await self.watchWorks() }
            group.addTask { await self.resyncLoop() }
            group.addTask { await self.pollLoop() }
            for _ in 0..<max(1, options.workers) { group.addTask { await self.worker(fx) } }
            await withTaskCancellationHandler {
                await group.waitForAll()
            } onCancel: {
                Task { await self.queue.close() }
            }
        }
    }

    func watchApplications() async {
        for await change in apps.changes {
            switch change {
            case .added(let o), .deleted(let o): if let k = key(o) { await queue.add(k) }
            case .updated(let old, let new):
                guard Self.specChanged(old, new), let k = key(new) else { continue }
                if Self.asksForAttention(old, new) {
                    urgent.mark(k)
                    await queue.add(k, priority: .urgent)
                } else {
                    await queue.add(k, priority: priority(of: k))
                }
            case .synced: for o in apps.list() { if let k = key(o) { await queue.add(k) } }
            }
        }
    }

    func watchWorks() async {
        for await change in works.changes {
            switch change {
            case .added(let o), .updated(_, let o):
                hub.observed(o, deleted: false)
                if let k = o.annotations[Tracking.applicationAnnotation] { await queue.add(k, priority: priority(of: k)) }
            case .deleted(let o):
                hub.observed(o, deleted: true)
                if let k = o.annotations[Tracking.applicationAnnotation] { await queue.add(k, priority: priority(of: k)) }
            case .synced: break
            }
        }
    }

    func resyncLoop() async {
        while !Task.isCancelled {
            try? await Task.sleep(nanoseconds: UInt64(options.resync * 1e9))
            for o in apps.list() { if let k = key(o) { await queue.add(k) } }
        }
    }

    /// Every poll interval: the Applications whose revision moved in Git, queued (see `RevisionPoller`).
    func pollLoop() async {
        let interval = max(1, git.pollInterval)
        while !Task.isCancelled {
            try? await Task.sleep(nanoseconds: UInt64(interval * 1e9))
            if Task.isCancelled { return }
            let keys = await RevisionPoller.changed(RevisionPoller.entries(apps.list())) { [git] repo, revision, fetch in
                // A fetch each tick (one per repository, shared by every Application of it): the
                // interval is the poller's, so a push is seen within one interval, not two.
                try? await git.resolve(repoURL: repo, revision: revision, fetch: fetch)
            }
            // A commit the poll found is what a person waits for, as after a webhook: the urgent lane,
            // not behind a resync of every Application (at 10,000 that queue took longer than the interval).
            for k in keys {
                urgent.mark(k)
                await queue.add(k, priority: .urgent)
            }
        }
    }

    func worker(_ fx: ApplicationEffects) async {
        while let k = await queue.next() {
            let parts = k.split(separator: "/", maxSplits: 1).map(String.init)
            let object = parts.count == 2 ? apps.get(namespace: parts[0], name: parts[1]) : nil
            if let object {
                let previous = states.withLock { $0[k] }
                let out = await ApplicationReconciler.reconcile(object: object, state: previous, effects: fx, settings: options.settings)
                states.withLock { $0[k] = out.state }
                counters.withLock { c in
                    c.passes += 1
                    c.worksWritten += out.worksWritten
                    if out.statusWritten { c.statusWrites += 1 }
                    if let e = out.error {
                        c.errors += 1
                        c.lastError = e
                    }
                }
                // A waited-for key leaves the urgent lane once its sync is over (or nothing started).
                if !(out.state?.isRunning ?? false) { urgent.clear(k) }
                if let after = out.requeueAfter { await queue.add(k, after: after, priority: priority(of: k)) }
            } else {
                _ = states.withLock { $0.removeValue(forKey: k) }
                urgent.clear(k)
            }
            await queue.done(k)
        }
    }

    /// The lane of a key's next pass (urgent while a waited-for sync runs).
    func priority(of key: String) -> ReconcilePriority { urgent.priority(of: key) }

    /// True when an update asks for a pass someone waits for: the refresh annotation appeared or
    /// changed, or an `operation` (manual sync) was set.
    static func asksForAttention(_ old: YAMLNode, _ new: YAMLNode) -> Bool {
        let refresh = new.annotations[Application.refreshAnnotation]
        if refresh != nil && refresh != old.annotations[Application.refreshAnnotation] { return true }
        if let op = new["operation"], !op.isNull, JSON.encode(op) != JSON.encode(old["operation"] ?? .null) { return true }
        return false
    }

    func key(_ o: YAMLNode) -> String? {
        guard let name = o.string(at: "metadata", "name") else { return nil }
        return "\(o.string(at: "metadata", "namespace") ?? "")/\(name)"
    }

    /// True when something other than status and server bookkeeping changed (our own status writes do not requeue).
    static func specChanged(_ a: YAMLNode, _ b: YAMLNode) -> Bool {
        func strip(_ o: YAMLNode) -> String {
            var o = o
            o["status"] = nil
            o[path: ["metadata", "resourceVersion"]] = nil
            o[path: ["metadata", "managedFields"]] = nil
            if let a = o[path: ["metadata", "annotations"]]?.pairs {
                o[path: ["metadata", "annotations"]] = .mapping(a.filter { !$0.key.value.hasPrefix("kealm.io/") })
            }
            return JSON.encode(o)
        }
        return strip(a) != strip(b)
    }
}

/// The wall clock.
public struct SystemClock: Clock {
    public init() {}
    public func now() -> Date { Date() }
}
