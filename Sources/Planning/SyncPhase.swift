/// Argo CD's sync phases, in execution order. `SyncFail` runs only when a sync fails.
public enum SyncPhase: String, Sendable, Hashable, CaseIterable, Comparable {
    case preSync = "PreSync"
    case sync = "Sync"
    case postSync = "PostSync"
    case syncFail = "SyncFail"

    /// Execution order (PreSync -1, Sync 0, PostSync 1, SyncFail 2), as Argo CD numbers them.
    public var order: Int {
        switch self {
        case .preSync: -1
        case .sync: 0
        case .postSync: 1
        case .syncFail: 2
        }
    }

    public static func < (a: SyncPhase, b: SyncPhase) -> Bool { a.order < b.order }
}
