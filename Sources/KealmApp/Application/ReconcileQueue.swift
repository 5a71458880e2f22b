import Foundation

/// How soon a queued key should be looked at.
public enum ReconcilePriority: Int, Sendable, Comparable {
    /// Periodic resyncs, requeues while waves run, work status updates.
    case normal = 0
    /// A person or a push is waiting: the refresh annotation, a manual `operation`, a webhook match,
    /// and the follow-up passes of such a sync until it ends.
    case urgent = 1

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// A work queue of keys with two lanes and per-key dedup:
/// - a key queued twice is processed once; adding an urgent key that waits in the normal lane moves it
///   to the urgent lane (coalesced: still processed once);
/// - urgent keys are handed out before any normal key, in the order they became urgent;
/// - a key added while it is processed is processed again after (never by two workers at once), at
///   the highest priority it was added with meanwhile;
/// - delayed adds keep only the earliest pending time (and the highest priority).
public actor ReconcileQueue {
    /// One lane: a FIFO of keys with a moving head. Entries whose key has left the lane (taken or
    /// promoted) are skipped when they reach the head.
    struct Lane {
        var keys: [String] = []
        var head = 0
        var isEmpty: Bool { head >= keys.count }
        mutating func push(_ k: String) { keys.append(k) }
        mutating func pop() -> String? {
            guard head < keys.count else { return nil }
            let k = keys[head]
            head += 1
            if head > 1024 && head * 2 > keys.count {
                keys.removeFirst(head)
                head = 0
            }
            return k
        }
    }

    private var lanes: [Lane] = [Lane(), Lane()]
    /// Keys waiting, with the lane they wait in.
    private var queued: [String: ReconcilePriority] = [:]
    private var processing: Set<String> = []
    /// Keys added while processed, with the highest priority asked.
    private var dirty: [String: ReconcilePriority] = [:]
    private var waiters: [CheckedContinuation<String?, Never>] = []
    private var delayed: [String: (at: Date, priority: ReconcilePriority)] = [:]
    private var closed = false
    /// Keys handed out from the urgent lane (for tests and benchmarks).
    public private(set) var urgentTaken = 0

    public init() {}

    /// Adds a key now.
    public func add(_ key: String, priority: ReconcilePriority = .normal) {
        guard !closed else { return }
        if processing.contains(key) {
            dirty[key] = max(dirty[key] ?? .normal, priority)
            return
        }
        if let lane = queued[key] {
            guard priority > lane else { return }
            queued[key] = priority  // promoted: the entry in the lower lane is skipped later
            lanes[priority.rawValue].push(key)
            return
        }
        if !waiters.isEmpty {
            processing.insert(key)
            if priority == .urgent { urgentTaken += 1 }
            waiters.removeFirst().resume(returning: key)
            return
        }
        queued[key] = priority
        lanes[priority.rawValue].push(key)
    }

    /// Adds a key after a delay (an earlier pending add wins; the higher priority is kept).
    public func add(_ key: String, after delay: TimeInterval, priority: ReconcilePriority = .normal) {
        let at = Date().addingTimeInterval(delay)
        if let pending = delayed[key], pending.at <= at {
            if priority > pending.priority { delayed[key] = (pending.at, priority) }
            return
        }
        delayed[key] = (at, max(priority, delayed[key]?.priority ?? .normal))
        Task {
            try? await Task.sleep(nanoseconds: UInt64(max(0, delay) * 1e9))
            self.fire(key, at: at)
        }
    }

    private func fire(_ key: String, at: Date) {
        guard let pending = delayed[key], pending.at == at else { return }
        delayed[key] = nil
        add(key, priority: pending.priority)
    }

    /// The next key to process (waits); nil once closed.
    public func next() async -> String? {
        if let key = take() { return key }
        if closed { return nil }
        return await withCheckedContinuation { waiters.append($0) }
    }

    /// The first live key of the highest non-empty lane.
    private func take() -> String? {
        for p in [ReconcilePriority.urgent, .normal] {
            while let key = lanes[p.rawValue].pop() {
                guard queued[key] == p else { continue }  // taken already or promoted
                queued[key] = nil
                processing.insert(key)
                if p == .urgent { urgentTaken += 1 }
                return key
            }
        }
        return nil
    }

    /// Marks a key processed; re-queues it when it was added meanwhile.
    public func done(_ key: String) {
        processing.remove(key)
        if let p = dirty.removeValue(forKey: key) { add(key, priority: p) }
    }

    /// Wakes every waiting worker with nil.
    public func close() {
        closed = true
        for w in waiters { w.resume(returning: nil) }
        waiters = []
    }

    /// Keys queued or being processed.
    public var depth: Int { queued.count + processing.count }

    /// Keys waiting in a lane.
    public func waiting(_ priority: ReconcilePriority) -> Int { queued.values.filter { $0 == priority }.count }
}
