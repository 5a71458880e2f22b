import Foundation
import Health
import Planning

/// How a work agent behaves. A ManifestWork may override the wave timing with annotations
/// (`kealm.io/wave-delay: "0s"`, `kealm.io/wave-timeout: "10m"`).
public struct AgentSettings: Sendable {
    /// The field manager of server-side apply (`kealm`).
    public var fieldManager: String
    /// The wave gate: delay between waves (default 2 s), per-wave timeout (default 600 s), and
    /// whether Suspended counts as ready (a stopped VM; default true).
    public var gate: GatePolicy
    /// Health checks.
    public var health: HealthRegistry
    /// Backoff of repeated drift reverts of one object.
    public var selfHeal: SelfHealBackoff
    /// Wait before retrying a failed write.
    public var retryDelay: TimeInterval

    public init(fieldManager: String = "kealm", gate: GatePolicy = GatePolicy(), health: HealthRegistry = .standard,
        selfHeal: SelfHealBackoff = SelfHealBackoff(), retryDelay: TimeInterval = 1)
    {
        self.fieldManager = fieldManager
        self.gate = gate
        self.health = health
        self.selfHeal = selfHeal
        self.retryDelay = retryDelay
    }

    public static let waveDelayAnnotation = "kealm.io/wave-delay"
    public static let waveTimeoutAnnotation = "kealm.io/wave-timeout"

    /// The gate policy for one work: the agent's, with the work's annotations over it.
    public func gate(for work: ManifestWork) -> GatePolicy {
        var g = gate
        if let d = work.annotations[Self.waveDelayAnnotation].flatMap(Self.duration) { g.delay = d }
        if let t = work.annotations[Self.waveTimeoutAnnotation] {
            if t == "0" || t.lowercased() == "none" { g.timeout = nil } else if let d = Self.duration(t) { g.timeout = d }
        }
        return g
    }

    /// Parses `1.5`, `2s`, `500ms`, `10m`, `1h` into seconds; nil when unreadable.
    public static func duration(_ text: String) -> TimeInterval? {
        let t = text.trimmingCharacters(in: .whitespaces)
        for (suffix, factor) in [("ms", 0.001), ("s", 1.0), ("m", 60.0), ("h", 3600.0)] where t.hasSuffix(suffix) {
            return Double(t.dropLast(suffix.count)).map { $0 * factor }
        }
        return Double(t)
    }
}

/// When a drifted object may be reverted again: the first revert is immediate, then 2 s, 6 s,
/// 18 s, … (factor 3), never more than 5 min apart, as Argo CD's self-heal backoff. The count
/// starts over once an object stayed in sync for `resetAfter`.
public struct SelfHealBackoff: Sendable, Hashable {
    public var initial: TimeInterval
    public var factor: Double
    public var cap: TimeInterval
    public var resetAfter: TimeInterval

    public init(initial: TimeInterval = 2, factor: Double = 3, cap: TimeInterval = 300, resetAfter: TimeInterval = 300) {
        self.initial = initial
        self.factor = factor
        self.cap = cap
        self.resetAfter = resetAfter
    }

    /// The wait before the next revert after `recent` reverts (0 for the first).
    public func delay(afterReverts recent: Int) -> TimeInterval {
        guard recent > 0 else { return 0 }
        return min(cap, initial * pow(factor, Double(recent - 1)))
    }

    /// When the next revert of an object may run, given its revert history.
    public func nextAllowed(_ history: RevertHistory, now: Date) -> Date {
        guard let last = history.last, now.timeIntervalSince(last) < resetAfter else { return now }
        return last.addingTimeInterval(delay(afterReverts: history.recent))
    }
}

/// The reverts of one object: how many happened close together, and the last one.
public struct RevertHistory: Sendable, Hashable {
    public var recent: Int = 0
    public var last: Date?
    public var total: Int = 0

    public init() {}

    /// Records a revert at `now` (`resetAfter` of quiet starts the count over).
    public mutating func record(at now: Date, policy: SelfHealBackoff) {
        if let last, now.timeIntervalSince(last) >= policy.resetAfter { recent = 0 }
        recent += 1
        total += 1
        last = now
    }
}
