import Foundation

/// A work queue of keys with per-key dedup: a key queued twice is processed once; a key added while
/// it is processed is processed again after (never by two workers at once); delayed adds keep only
/// the earliest pending time.
actor ReconcileQueue {
    private var queue: [String] = []
    private var head = 0
    private var queued: Set<String> = []
    private var processing: Set<String> = []
    private var dirty: Set<String> = []
    private var waiters: [CheckedContinuation<String?, Never>] = []
    private var delayed: [String: Date] = [:]
    private var closed = false

    /// Adds a key now.
    func add(_ key: String) {
        guard !closed else { return }
        if processing.contains(key) {
            dirty.insert(key)
            return
        }
        guard queued.insert(key).inserted else { return }
        if !waiters.isEmpty {
            queued.remove(key)
            processing.insert(key)
            waiters.removeFirst().resume(returning: key)
        } else {
            queue.append(key)
        }
    }

    /// Adds a key after a delay (an earlier pending add wins).
    func add(_ key: String, after delay: TimeInterval) {
        let at = Date().addingTimeInterval(delay)
        if let pending = delayed[key], pending <= at { return }
        delayed[key] = at
        Task {
            try? await Task.sleep(nanoseconds: UInt64(max(0, delay) * 1e9))
            self.fire(key, at: at)
        }
    }

    private func fire(_ key: String, at: Date) {
        guard delayed[key] == at else { return }
        delayed[key] = nil
        add(key)
    }

    /// The next key to process (waits); nil once closed.
    func next() async -> String? {
        if head < queue.count {
            let key = queue[head]
            head += 1
            if head > 1024 && head * 2 > queue.count {
                queue.removeFirst(head)
                head = 0
            }
            queued.remove(key)
            processing.insert(key)
            return key
        }
        if closed { return nil }
        return await withCheckedContinuation { waiters.append($0) }
    }

    /// Marks a key processed; re-queues it when it was added meanwhile.
    func done(_ key: String) {
        processing.remove(key)
        if dirty.remove(key) != nil { add(key) }
    }

    /// Wakes every waiting worker with nil.
    func close() {
        closed = true
        for w in waiters { w.resume(returning: nil) }
        waiters = []
    }

    /// Keys queued or being processed.
    var depth: Int { queue.count - head + processing.count }
}
