import Foundation
import KealmYAML
import Planning
import Reconcile
import Synchronization

/// The application controller's engine at scale, in one process: the real Git side (mirror, render
/// cache, overlay engine) and the real reconcile passes, a deduplicating work queue and workers,
/// over an in-memory hub whose simulated agent has zero delay. What it leaves out is the hub's
/// HTTP API (the virtual control plane is measured by its own benchmark).
public enum AppctlBench {
    public struct Figures: Sendable {
        public var applications = 0
        public var secondsToSettled = 0.0
        public var passes = 0
        public var renders = 0
        public var cacheHits = 0
        public var refreshLatency = 0.0
        public var webhookLatency = 0.0
        /// Push to Synced of one Application refreshed while the initial sync's backlog is queued.
        public var refreshDuringSyncLatency = 0.0
        public var queueDepthAtRefresh = 0
        public var urgentTaken = 0
        public var peakRSSMiB = 0.0
        /// User + system CPU seconds of the whole run (the machine is shared: wall time includes waiting for a core).
        public var cpuSeconds = 0.0
    }

    /// - Parameters:
    ///   - repoURL: a repository with `apps/app-<i>` for i in 0..<appsets (made by bench/appctl.bench).
    ///   - push: pushes a new commit touching `apps/app-<i>` and returns its id.
    /// - urgentLane: false puts every key in the normal lane (the queue before the urgent lane: the peer).
    public static func run(repoURL: String, stateDirectory: String, appsets: Int, clusters: Int, workers: Int, urgentLane: Bool = true,
        push: @Sendable (Int) throws -> String) async throws -> Figures
    {
        let git = GitRenderEffects(stateDirectory: stateDirectory, pollInterval: 3600)
        let hub = MemoryHub()
        let queue = ReconcileQueue()
        let urgent = UrgentKeys(limit: urgentLane ? 300 : 0)
        let lane: ReconcilePriority = urgentLane ? .urgent : .normal
        hub.changed = { key in Task { await queue.add(key, priority: urgent.priority(of: key)) } }
        let fx = ApplicationEffects(git: git, hub: hub, clock: SystemClock())
        let settings = ApplicationSettings(gate: GatePolicy(delay: 0), runningRequeue: 5)
        for a in 0..<appsets {
            for c in 0..<clusters {
                hub.put(try JSON.decode("""
                    {"apiVersion":"argoproj.io/v1alpha1","kind":"Application",
                     "metadata":{"name":"app-\(a)-cluster-\(c)","namespace":"argocd"},
                     "spec":{"source":{"repoURL":"\(repoURL)","targetRevision":"main","path":"apps/app-\(a)"},
                             "destination":{"name":"cluster-\(c)","namespace":"app-\(a)"},
                             "syncPolicy":{"automated":{"prune":true,"selfHeal":true}}}}
                    """))
            }
        }
        let book = Book()
        let workerTasks = (0..<workers).map { _ in
            Task {
                while let key = await queue.next() {
                    if let object = hub.app(key) {
                        let out = await ApplicationReconciler.reconcile(object: object, state: book.states.withLock { $0[key] }, effects: fx,
                            settings: settings)
                        book.states.withLock { $0[key] = out.state }
                        book.passes.withLock { $0 += 1 }
                        if !(out.state?.isRunning ?? false) { urgent.clear(key) }
                        if let after = out.requeueAfter { await queue.add(key, after: after, priority: urgent.priority(of: key)) }
                    }
                    await queue.done(key)
                }
            }
        }
        var f = Figures()
        f.applications = appsets * clusters
        let start = Date()
        for key in hub.appKeys.sorted() { await queue.add(key) }
        // Push to Synced while the initial sync's backlog is in the queue: a commit to apps/app-0 and a
        // refresh of the last Application in the queue's order (the urgent lane lets it jump the backlog).
        let target = "argocd/app-0-cluster-\(clusters - 1)"
        while hub.settled() < f.applications / 4 { try await Task.sleep(nanoseconds: 20_000_000) }
        let backlogRev = try push(0)
        var t0 = Date()
        hub.annotate(target, Application.refreshAnnotation, "normal")
        urgent.mark(target)
        await queue.add(target, priority: lane)
        f.queueDepthAtRefresh = await queue.depth
        try await waitSynced(hub, target, backlogRev)
        f.refreshDuringSyncLatency = Date().timeIntervalSince(t0)
        while hub.settled() < f.applications { try await Task.sleep(nanoseconds: 50_000_000) }
        f.secondsToSettled = Date().timeIntervalSince(start)
        f.passes = book.passes.withLock { $0 }

        // Push to Synced when idle: a commit to apps/app-0, then a refresh annotation on one Application.
        let idleTarget = "argocd/app-0-cluster-0"
        let newRev = try push(0)
        t0 = Date()
        hub.annotate(idleTarget, Application.refreshAnnotation, "normal")
        urgent.mark(idleTarget)
        await queue.add(idleTarget, priority: lane)
        try await waitSynced(hub, idleTarget, newRev)
        f.refreshLatency = Date().timeIntervalSince(t0)

        // Push to Synced through the webhook handler: every Application of apps/app-1 is selected.
        let rev2 = try push(1)
        t0 = Date()
        let apps = hub.appKeys.compactMap { hub.app($0).flatMap { try? Application(object: $0) } }
        let body = #"{"ref":"refs/heads/main","repository":{"clone_url":"\#(repoURL)"},"commits":[{"modified":["apps/app-1/cm.yaml"]}]}"#
        guard case .refresh(_, let selected) = Webhook.handle(headers: ["X-GitHub-Event": "push"], body: Array(body.utf8), secret: nil,
            applications: apps, normalize: { $0 })
        else { throw ReconcileError(.internal, "webhook selected nothing", application: "bench") }
        git.invalidate(repoURL: repoURL)
        for key in selected {
            urgent.mark(key)
            hub.annotate(key, Application.refreshAnnotation, "normal")
        }
        try await waitSynced(hub, "argocd/app-1-cluster-\(clusters - 1)", rev2)
        f.webhookLatency = Date().timeIntervalSince(t0)

        await queue.close()
        for t in workerTasks { t.cancel() }
        f.urgentTaken = await queue.urgentTaken
        let c = git.counters
        f.renders = c.renders
        f.cacheHits = c.hits
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        f.peakRSSMiB = Double(usage.ru_maxrss) / 1024
        f.cpuSeconds = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        return f
    }

    static func waitSynced(_ hub: MemoryHub, _ key: String, _ revision: String) async throws {
        while hub.app(key)?.string(at: "status", "sync", "revision") != revision || hub.app(key)?.string(at: "status", "sync", "status") != "Synced" {
            try await Task.sleep(nanoseconds: 2_000_000)
        }
    }
}

/// The bench's shared bookkeeping.
final class Book: Sendable {
    let states = Mutex<[String: AppRunState]>([:])
    let passes = Mutex(0)
}
