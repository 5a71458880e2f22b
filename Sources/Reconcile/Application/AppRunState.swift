import Foundation
import Planning

/// What the controller remembers about one Application between passes (in memory; rebuilt from the
/// ManifestWorks' `kealm.io/` annotations after a restart).
public struct AppRunState: Sendable, Hashable {
    /// The revision of the sync in progress or last run.
    public var revision: String
    /// The sync in progress or last run; nil when none ran since the controller started.
    public var run: SyncRun?
    /// When the current sync started (for `operationState.startedAt`).
    public var startedAt: Date?
    /// When the last sync ended.
    public var finishedAt: Date?
    /// Who asked for it: `automated` or a user name.
    public var initiatedBy: String
    /// Whether the sync prunes.
    public var prune: Bool
    /// Failed attempts at `revision` (for `retry`).
    public var retryCount: Int
    /// Not before this time will a failed sync be retried.
    public var nextRetryAt: Date?
    /// ManifestWorks found edited or deleted on the hub (and rewritten when selfHeal allows).
    public var hubDriftCount: Int
    /// A refused automated sync (allowEmpty) or a spec error, for `SyncError`.
    public var syncError: String?
    /// The works as this controller last wrote them (name → JSON), the reference for hub drift.
    /// Nil after a restart or a failed write: the works are then compared with a fresh plan.
    public var published: [String: String]?

    public init(revision: String = "", run: SyncRun? = nil, startedAt: Date? = nil, finishedAt: Date? = nil, initiatedBy: String = "automated",
        prune: Bool = false, retryCount: Int = 0, nextRetryAt: Date? = nil, hubDriftCount: Int = 0, syncError: String? = nil, published: [String: String]? = nil)
    {
        self.revision = revision
        self.run = run
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.initiatedBy = initiatedBy
        self.prune = prune
        self.retryCount = retryCount
        self.nextRetryAt = nextRetryAt
        self.hubDriftCount = hubDriftCount
        self.syncError = syncError
        self.published = published
    }

    /// True while a sync writes and gates steps.
    public var isRunning: Bool { run.map { !$0.isFinished } ?? false }
}

/// Tunables of the application controller.
public struct ApplicationSettings: Sendable {
    /// Wave gate policy (delay between waves, timeout).
    public var gate: GatePolicy
    /// Field manager of server-side applies on the hub and in `manifestConfigs`.
    public var fieldManager: String
    /// Largest ManifestWork in bytes.
    public var maxWorkBytes: Int
    /// Rewrite `reconciledAt` at least this often even when nothing changed.
    public var statusRefresh: TimeInterval
    /// How soon to look again while a sync runs.
    public var runningRequeue: TimeInterval

    public init(gate: GatePolicy = GatePolicy(), fieldManager: String = "kealm", maxWorkBytes: Int = 500 * 1024,
        statusRefresh: TimeInterval = 180, runningRequeue: TimeInterval = 1)
    {
        self.gate = gate
        self.fieldManager = fieldManager
        self.maxWorkBytes = maxWorkBytes
        self.statusRefresh = statusRefresh
        self.runningRequeue = runningRequeue
    }
}
