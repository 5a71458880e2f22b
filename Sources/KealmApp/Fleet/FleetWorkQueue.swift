import Foundation
import Synchronization

/// One object the fleet controller reconciles: a Placement, a GitOpsCluster or an ApplicationSet.
/// The order of `Kind` is the order of work inside a batch (decisions feed cluster Secrets, which
/// feed Applications).
struct FleetKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    enum Kind: Int, Sendable, Comparable {
        case placement, gitOpsCluster, applicationSet
        static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
    }
    var kind: Kind
    var namespace: String
    var name: String

    var id: String { "\(namespace)/\(name)" }
    var description: String { "\(kind) \(id)" }

    static func < (a: FleetKey, b: FleetKey) -> Bool {
        (a.kind, a.namespace, a.name) < (b.kind, b.namespace, b.name)
    }
}

/// A coalescing work queue: adding a key that is already pending does nothing, and the worker
/// takes every pending key at once, so a burst of events on one object costs one reconcile.
/// Keys can also be scheduled for later (retries, toleration expiry); the earliest time wins.
final class FleetWorkQueue: Sendable {
    private struct State {
        var pending = Set<FleetKey>()
        var scheduled: [FleetKey: Date] = [:]
    }
    private let state = Mutex(State())
    /// Rings when keys were added; buffered to one, so many adds wake the worker once.
    let wakeups: AsyncStream<Void>
    private let bell: AsyncStream<Void>.Continuation

    init() {
        (wakeups, bell) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    func add<S: Sequence>(_ keys: S) where S.Element == FleetKey {
        let added = state.withLock { s in
            var any = false
            for k in keys where s.pending.insert(k).inserted { any = true }
            return any
        }
        if added { bell.yield(()) }
    }

    func add(_ key: FleetKey) { add(CollectionOfOne(key)) }

    /// Adds `key` after `seconds`, unless it is already scheduled earlier.
    func add(_ key: FleetKey, after seconds: TimeInterval) {
        let due = Date().addingTimeInterval(max(0, seconds))
        let schedule = state.withLock { s -> Bool in
            if let at = s.scheduled[key], at <= due { return false }
            s.scheduled[key] = due
            return true
        }
        guard schedule else { return }
        Task { [self] in
            try? await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1e9))
            let still = state.withLock { s -> Bool in
                guard let at = s.scheduled[key], at <= Date().addingTimeInterval(0.001) else { return false }
                s.scheduled[key] = nil
                return true
            }
            if still { add(key) }
        }
    }

    /// Takes every pending key (empty when none).
    func drain() -> Set<FleetKey> {
        state.withLock { s in
            defer { s.pending = [] }
            return s.pending
        }
    }

    var pendingCount: Int { state.withLock { $0.pending.count } }

    /// Ends `wakeups`.
    func close() { bell.finish() }
}
