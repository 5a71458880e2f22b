import Foundation
import KealmModel
import KealmYAML
import KubeClient
import Planning
import Reconcile
import Synchronization

/// The work agent of one member cluster: watches the ManifestWorks of the cluster's namespace on
/// the hub, and reconciles each one (`WorkAgentDriver`) whenever it changes, one of its objects
/// changes on the member cluster, or a timer it asked for fires. Works are handled one at a time;
/// each member cluster has its own runner, so a slow or unreachable member delays no other.
public final class WorkAgentRunner: Sendable {
    public let clusterName: String
    public let hubClient: KubeClient
    public let memberClient: KubeClient
    public let settings: AgentSettings
    let log: @Sendable (String) -> Void
    /// `KEALM_AGENT_TRACE=1` logs every reconcile with its duration.
    let trace = ProcessInfo.processInfo.environment["KEALM_AGENT_TRACE"] != nil
    let effects: AgentEffects
    let member: KubeAgentMember
    let hubWorks: Informer
    private let queue: AgentWorkQueue
    private let states = Mutex<[String: WorkAgentState]>([:])
    /// Which works name which objects (their manifests and what they applied).
    private let owners = Mutex<[ResourceKey: Set<String>]>([:])
    private let timers = Mutex<[String: Task<Void, Never>]>([:])
    private let stats = Mutex<RunnerStats>(RunnerStats())

    /// Counters for tests, benchmarks and logs.
    public struct RunnerStats: Sendable, Hashable {
        public var reconciles = 0
        public var writes = 0
        public var driftReverts = 0
    }

    public init(clusterName: String, hub: KubeClient, member: KubeClient, settings: AgentSettings = AgentSettings(),
        log: @escaping @Sendable (String) -> Void = { _ in })
    {
        self.clusterName = clusterName
        hubClient = hub
        memberClient = member
        self.settings = settings
        self.log = log
        let queue = AgentWorkQueue()
        self.queue = queue
        let member = KubeAgentMember(client: member)
        self.member = member
        effects = AgentEffects(hub: KubeAgentHub(client: hub), member: member)
        hubWorks = Informer(client: hub, gvk: ManifestWork.gvk, namespace: clusterName, transform: Informer.stripManagedFields)
    }

    public var statistics: RunnerStats { stats.withLock { $0 } }

    /// Runs until the task is cancelled.
    public func run() async {
        hubWorks.start()
        let feeder = Task { [self] in
            for await change in hubWorks.changes {
                switch change {
                case .added(let o), .deleted(let o), .updated(_, let o):
                    if let name = o.string(at: "metadata", "name") { queue.add(name) }
                case .synced: break
                }
            }
        }
        let memberFeeder = Task { [self] in
            for await key in member.changes {
                for name in owners.withLock({ $0[key] ?? [] }) { queue.add(name) }
            }
        }
        defer {
            feeder.cancel()
            memberFeeder.cancel()
            hubWorks.stop()
            member.stop()
            for t in timers.withLock({ Array($0.values) }) { t.cancel() }
        }
        while !Task.isCancelled, let name = await queue.next() {
            await reconcile(name)
        }
    }

    func reconcile(_ name: String) async {
        guard let object = hubWorks.get(namespace: clusterName, name: name) else {
            states.withLock { $0[name] = nil }
            return
        }
        let work: ManifestWork
        do { work = try ManifestWork(object) } catch {
            log("cluster \(clusterName): \(error)")
            // Say why on the work itself, once per generation.
            let generation = object[path: ["metadata", "generation"]]?.intValue ?? 0
            let current = object[path: ["status", "conditions"]]?.items?.first { $0.string(at: "type") == "Applied" }
            if current?.string(at: "reason") != "InvalidManifestWork" || current?["observedGeneration"]?.intValue != generation {
                let condition = StatusCondition(type: "Applied", false, reason: "InvalidManifestWork", message: error.description)
                var node = condition.node
                node["observedGeneration"] = .int(generation)
                node["lastTransitionTime"] = .string(Timestamp(seconds: Int64(Date().timeIntervalSince1970)).rfc3339)
                _ = try? await hubClient.patch(ManifestWork.gvk, name: name, namespace: clusterName, type: .merge,
                    patch: .mapping([YAMLPair("status", .mapping([YAMLPair("conditions", .sequence([node]))]))]), subresource: "status")
            }
            return
        }
        let state = states.withLock { $0[name] } ?? WorkAgentState()
        let started = Date()
        let result = await WorkAgentDriver.reconcile(work, state: state, effects: effects, settings: settings)
        if trace {
            log(String(format: "trace: %@ reconciled in %.0f ms: %d writes, wave phase %@ released %d", work.id,
                Date().timeIntervalSince(started) * 1000, result.writes, result.state.phase.rawValue, result.state.released))
        }
        stats.withLock {
            $0.reconciles += 1
            $0.writes += result.writes
            $0.driftReverts += result.events.filter { $0.reason == "DriftReverted" }.count
        }
        for e in result.events { log("cluster \(clusterName): manifestwork \(work.id): \(e.reason): \(e.message)") }
        let keys = Set(WorkAgentDriver.resources(of: work, state: result.state, names: member.resourceNames()).map(\.key))
        owners.withLock { map in
            for k in map.keys where map[k]!.contains(name) && !keys.contains(k) { map[k]!.remove(name) }
            for k in keys { map[k, default: []].insert(name) }
        }
        states.withLock { $0[name] = result.finished ? nil : result.state }
        schedule(name, at: result.finished ? nil : result.requeueAt)
    }

    /// Requeues a work at a time (replacing an earlier timer).
    func schedule(_ name: String, at date: Date?) {
        let task: Task<Void, Never>? = date.map { date in
            Task { [queue] in
                let delay = date.timeIntervalSinceNow
                if delay > 0 { try? await Task.sleep(nanoseconds: UInt64(delay * 1e9)) }
                if !Task.isCancelled { queue.add(name) }
            }
        }
        timers.withLock { map in
            map[name]?.cancel()
            map[name] = task
        }
    }
}

/// A queue of work names without duplicates: a name waiting is not added twice.
final class AgentWorkQueue: Sendable {
    struct State {
        var pending: [String] = []
        var set: Set<String> = []
        var waiter: CheckedContinuation<String?, Never>?
        var closed = false
    }

    private let state = Mutex(State())

    func add(_ name: String) {
        let waiter: CheckedContinuation<String?, Never>? = state.withLock { s in
            if let w = s.waiter {
                s.waiter = nil
                return w
            }
            if s.set.insert(name).inserted { s.pending.append(name) }
            return nil
        }
        waiter?.resume(returning: name)
    }

    /// The next name; waits for one. Nil once the waiting task is cancelled.
    func next() async -> String? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (c: CheckedContinuation<String?, Never>) in
                let ready: String?? = state.withLock { s in
                    if s.closed { return .some(nil) }
                    if !s.pending.isEmpty {
                        let n = s.pending.removeFirst()
                        s.set.remove(n)
                        return .some(n)
                    }
                    s.waiter = c
                    return .none
                }
                if let ready { c.resume(returning: ready) }
            }
        } onCancel: {
            let w = state.withLock { s -> CheckedContinuation<String?, Never>? in
                s.closed = true
                defer { s.waiter = nil }
                return s.waiter
            }
            w?.resume(returning: nil)
        }
    }
}
