import Drift
import Foundation
import KealmYAML
import Planning

/// One object the agent applied and has not deleted: what pruning and cleanup work from.
public struct AppliedResource: Sendable, Hashable {
    public var key: ResourceKey
    /// The API version it was written with (`apps/v1` → `v1`; the group is in `key`).
    public var version: String
    /// The plural resource name (`deployments`).
    public var resource: String

    public init(key: ResourceKey, version: String, resource: String) {
        self.key = key
        self.version = version
        self.resource = resource
    }

    /// `group/version` or `version` for the core group.
    public var apiVersion: String { key.group.isEmpty ? version : "\(key.group)/\(version)" }
}

/// Where the waves of one work stand.
public enum WavePhase: String, Sendable, Hashable {
    /// A step is being applied and gated.
    case running = "Waiting"
    /// The current step is ready; the delay before the next one runs.
    case settling = "Settling"
    /// Every step is applied and ready.
    case complete = "Complete"
    /// A resource of the current step is Degraded: later waves are held back.
    case failed = "Degraded"
    /// The current step took longer than the wave timeout.
    case timedOut = "TimedOut"
}

/// What the agent remembers about one ManifestWork between passes. A value: the adapter keeps it
/// in memory; after a restart a fresh state fast-forwards over waves whose objects are already
/// in place and healthy, and reads the inventory back from the work's status.
public struct WorkAgentState: Sendable, Hashable {
    /// The work generation the wave progress refers to.
    public var generation: Int?
    /// The index of the last step released for applying (steps after it wait).
    public var released = 0
    /// When the released step started, and when it was first seen ready.
    public var stepStartedAt: Date?
    public var readySince: Date?
    /// True until the first gate of a generation: steps already in place are passed without delay.
    public var fastForward = true
    public var phase: WavePhase = .running
    public var message = ""
    /// Fingerprint of the manifest last applied successfully, per object.
    public var applied: [ResourceKey: Int] = [:]
    /// Why the last write of an object failed, and when to try again.
    public var failures: [ResourceKey: String] = [:]
    public var retryAt: [ResourceKey: Date] = [:]
    /// Drift reverts per object, and in total.
    public var reverts: [ResourceKey: RevertHistory] = [:]
    public var driftReverts = 0
    /// What the agent applied and has not deleted.
    public var inventory: [ResourceKey: AppliedResource] = [:]
    /// True once the inventory was seeded from the work's status.
    public var seeded = false
    /// The last drift comparison per object (recomputed when the manifest or the live object changes).
    public var driftMemo: [ResourceKey: DriftMemo] = [:]

    public init() {}
}

/// A drift comparison, valid while the manifest fingerprint and the live resourceVersion are unchanged.
public struct DriftMemo: Sendable, Hashable {
    public var fingerprint: Int
    public var resourceVersion: String
    public var drift: ResourceDrift
}

/// One write the adapter must make on the member cluster.
public struct ApplyRequest: Sendable, Hashable {
    public var key: ResourceKey
    public var manifest: YAMLNode
    public var resource: AppliedResource
    public var strategy: UpdateStrategy.Kind
    public var fieldManager: String
    public var force: Bool
    /// Set when this write reverts drift (or recreates a deleted object): what differed.
    public var revert: String?
    /// The manifest's fingerprint, recorded on success.
    public var fingerprint: Int
}

/// What a pass asks the adapter to do, in order.
public enum AgentAction: Sendable, Hashable {
    /// Add the cleanup finalizer to the work.
    case addFinalizer
    /// Remove it (cleanup is done).
    case removeFinalizer
    /// Write one object.
    case apply(ApplyRequest)
    /// Delete one object (it left the work, or the work is being deleted).
    case delete(AppliedResource)
}

/// The outcome of one write, reported back with `WorkAgent.record`.
public enum ApplyOutcome: Sendable, Hashable {
    case applied
    case failed(String)
}
