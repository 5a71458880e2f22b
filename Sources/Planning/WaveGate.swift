import Foundation
import Health

/// What the agent (or the hub, from ManifestWork status) knows about one manifest of the current step.
public struct ManifestObservation: Sendable, Hashable {
    /// True once the manifest was applied to the cluster.
    public var applied: Bool
    /// Its health, nil when not assessed yet.
    public var health: HealthAssessment?
    /// False when the observation is about an older revision or generation of the manifest (stale
    /// status must never open a gate).
    public var current: Bool

    public init(applied: Bool, health: HealthAssessment?, current: Bool = true) {
        self.applied = applied
        self.health = health
        self.current = current
    }
}

/// How strict a gate is.
public struct GatePolicy: Sendable, Hashable {
    /// Time a step may take before the sync fails with a timeout; nil waits forever.
    public var timeout: TimeInterval?
    /// Pause after a step is healthy before the next one starts (default 2 s).
    public var delay: TimeInterval
    /// Whether Suspended counts as done (a stopped VM, a suspended CronJob). Default true.
    public var suspendedIsReady: Bool

    public init(timeout: TimeInterval? = 600, delay: TimeInterval = 2, suspendedIsReady: Bool = true) {
        self.timeout = timeout
        self.delay = delay
        self.suspendedIsReady = suspendedIsReady
    }
}

/// One thing a step waits on, for a person: `Deployment kubevirt/virt-operator Progressing: 0/1 available`.
public struct Blocker: Sendable, Hashable, CustomStringConvertible {
    public var key: ResourceKey
    public var status: String
    public var message: String

    public init(key: ResourceKey, status: String, message: String) {
        self.key = key
        self.status = status
        self.message = message
    }

    public var description: String { message.isEmpty ? "\(key) \(status)" : "\(key) \(status): \(message)" }
}

/// The gate's decision for the current step.
public enum GateDecision: Sendable, Hashable {
    /// Every task of the step is done: write the next step.
    case advance
    /// Done, but the inter-step delay runs until this time.
    case settle(until: Date)
    /// Not done; `summary` says what it waits on, e.g. `wave 4: Deployment kubevirt/virt-operator Progressing: …`.
    case wait(summary: String, blockers: [Blocker])
    /// A task is Degraded: stop the sync.
    case fail(summary: String, blockers: [Blocker])
    /// The step took longer than the policy allows.
    case timeout(summary: String, blockers: [Blocker])
}

/// Decides whether a step may be left. Pure: the caller passes the time and when it first saw
/// the step ready.
public enum WaveGate {
    /// - Parameters:
    ///   - step: the step being gated.
    ///   - observations: what is known per manifest, by key (absent means not applied yet).
    ///   - startedAt: when the step was written.
    ///   - readySince: when the caller first saw this step ready (nil if it has not yet).
    ///   - now: the current time.
    public static func decide(step: SyncStep, observations: [ResourceKey: ManifestObservation], startedAt: Date, readySince: Date?,
        now: Date, policy: GatePolicy = GatePolicy()) -> GateDecision
    {
        var degraded: [Blocker] = []
        var waiting: [Blocker] = []
        for task in step.tasks {
            guard let o = observations[task.key], o.applied else {
                waiting.append(Blocker(key: task.key, status: "NotApplied", message: "not applied yet"))
                continue
            }
            guard o.current else {
                waiting.append(Blocker(key: task.key, status: o.health?.status.rawValue ?? "Unknown", message: "status is from an older revision"))
                continue
            }
            guard let h = o.health else {
                waiting.append(Blocker(key: task.key, status: "Unknown", message: "health not assessed yet"))
                continue
            }
            switch h.status {
            case .healthy: continue
            case .suspended where policy.suspendedIsReady: continue
            case .degraded: degraded.append(Blocker(key: task.key, status: h.status.rawValue, message: h.message))
            default: waiting.append(Blocker(key: task.key, status: h.status.rawValue, message: h.message))
            }
        }
        if !degraded.isEmpty { return .fail(summary: summary(step, degraded), blockers: degraded) }
        if waiting.isEmpty {
            if policy.delay <= 0 { return .advance }
            let until = (readySince ?? now).addingTimeInterval(policy.delay)
            return now >= until ? .advance : .settle(until: until)
        }
        if let timeout = policy.timeout, now.timeIntervalSince(startedAt) >= timeout {
            return .timeout(summary: "\(summary(step, waiting)) (timed out after \(Int(timeout)) s)", blockers: waiting)
        }
        return .wait(summary: summary(step, waiting), blockers: waiting)
    }

    /// `wave 4: Deployment kubevirt/virt-operator Progressing: …`; several blockers are joined with
    /// `; ` and cut after three (`and 2 more`).
    static func summary(_ step: SyncStep, _ blockers: [Blocker]) -> String {
        let shown = blockers.prefix(3).map(\.description).joined(separator: "; ")
        let more = blockers.count > 3 ? "; and \(blockers.count - 3) more" : ""
        return "\(step.label): \(shown)\(more)"
    }
}
