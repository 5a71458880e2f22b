import Foundation
import Synchronization

/// The Applications someone waits for (a refresh, a manual sync, a webhook push): their passes,
/// including the follow-ups while their sync runs, go to the queue's urgent lane. A key stays
/// urgent until its sync ends or its deadline passes (a stuck wave must not hog the lane).
public final class UrgentKeys: Sendable {
    private let until = Mutex<[String: Date]>([:])
    /// How long a key stays urgent at most.
    public let limit: TimeInterval

    public init(limit: TimeInterval = 300) { self.limit = limit }

    /// Marks a key urgent from now.
    public func mark(_ key: String, now: Date = Date()) { until.withLock { $0[key] = now.addingTimeInterval(limit) } }

    /// The key's sync ended (or the Application is gone).
    public func clear(_ key: String) { _ = until.withLock { $0.removeValue(forKey: key) } }

    /// The lane for the key's next pass.
    public func priority(of key: String, now: Date = Date()) -> ReconcilePriority {
        until.withLock { u in
            guard let deadline = u[key] else { return .normal }
            if deadline > now { return .urgent }
            u[key] = nil
            return .normal
        }
    }
}
