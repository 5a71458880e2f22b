import Foundation

/// Whether a pass starts a sync: the sync policy as one pure function.
public enum SyncDecision: Sendable, Hashable {
    /// Nothing to do (in sync, manual policy, or waiting for a retry).
    case none
    /// A sync of `revision` starts now.
    case start(revision: String, initiatedBy: String, prune: Bool, reason: String)
    /// An automated sync is refused; the message goes to a `SyncError` condition.
    case refuse(String)
    /// A failed sync is retried at this time.
    case retryAt(Date)

    /// - Parameters:
    ///   - app: the Application (operation, sync policy).
    ///   - sync: the comparison result at `revision`.
    ///   - hubDrift: a live ManifestWork differs from what the controller wrote last.
    ///   - prunesEverything: the sync would delete every resource.
    ///   - state: what the controller remembers.
    public static func decide(app: Application, revision: String, sync: SyncStatusCode, hubDrift: Bool, prunesEverything: Bool,
        state: AppRunState, now: Date) -> SyncDecision
    {
        if state.isRunning { return .none }
        if let op = app.operation {
            return .start(revision: op.revision ?? revision, initiatedBy: op.initiatedBy.isEmpty ? "kealm" : op.initiatedBy, prune: op.prune,
                reason: "sync requested")
        }
        if state.revision == revision, let run = state.run, run.phase == .failed, let retry = app.syncPolicy.retry,
            retry.allows(retry: state.retryCount + 1)
        {
            // A failed operation is retried under its policy, whatever the comparison says (as Argo CD does).
            if let at = state.nextRetryAt, at > now { return .retryAt(at) }
            return .start(revision: revision, initiatedBy: state.initiatedBy, prune: state.prune, reason: "retry \(state.retryCount + 1)")
        }
        guard app.syncPolicy.isAutomated, let auto = app.syncPolicy.automated else { return .none }
        guard sync == .outOfSync || hubDrift else { return .none }
        if prunesEverything && !auto.allowEmpty {
            return .refuse("auto-sync refused: the render of \(short(revision)) has no resources, and syncing would delete every resource "
                + "of the application (set spec.syncPolicy.automated.allowEmpty: true to allow it)")
        }
        let sameRevision = state.revision == revision && state.run != nil
        // A failed sync at this revision without retries left waits for a new revision or a person.
        if sameRevision, state.run?.phase == .failed { return .none }
        if sameRevision && !auto.selfHeal && state.run?.phase == .succeeded {
            // Argo CD syncs a revision automatically once; without selfHeal, later drift is only reported.
            return .none
        }
        return .start(revision: revision, initiatedBy: "automated", prune: auto.prune,
            reason: sameRevision ? "self-heal" : "automated sync to \(short(revision))")
    }

    static func short(_ revision: String) -> String { String(revision.prefix(7)) }
}
