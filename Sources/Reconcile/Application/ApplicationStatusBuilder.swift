import Foundation
import Health
import KealmModel
import Planning

/// Builds `status` from one pass's results, in Argo CD's terms.
public enum ApplicationStatusBuilder {
    public static func build(app: Application, revision: String, assessment: ApplicationAssessment?, state st: AppRunState,
        comparisonError: String?, plan: SyncPlan?, now: Date) -> ApplicationStatus
    {
        var s = ApplicationStatus()
        s.reconciledAt = stamp(now)
        if let a = assessment, comparisonError == nil {
            s.sync = a.sync
            s.syncRevision = revision
            s.health = a.health.status.rawValue
            s.healthMessage = a.health.message
            s.resources = a.resources
            s.images = a.images
        } else {
            // Nothing could be compared: keep what was known, sync Unknown (as Argo CD does).
            s.sync = .unknown
            s.syncRevision = app.status.syncRevision
            s.health = app.status.health
            s.healthMessage = app.status.healthMessage
            s.resources = app.status.resources
            s.images = app.status.images
        }
        var conditions: [AppCondition] = []
        if let e = comparisonError { conditions.append(AppCondition(type: "ComparisonError", message: e)) }
        if let e = st.syncError { conditions.append(AppCondition(type: "SyncError", message: e)) }
        if let run = st.run, run.phase == .failed, st.revision == revision {
            conditions.append(AppCondition(type: "SyncError", message: run.message))
        }
        s.conditions = conditions.map { c in
            var c = c
            c.lastTransitionTime = app.status.conditions.first { $0.type == c.type && $0.message == c.message }?.lastTransitionTime ?? stamp(now)
            return c
        }
        if let run = st.run, let started = st.startedAt {
            let phase: OperationPhase
            switch run.phase {
            case .running, .runningSyncFail: phase = .running
            case .succeeded: phase = .succeeded
            case .failed: phase = .failed
            }
            s.operationState = OperationState(phase: phase, message: run.message, startedAt: stamp(started),
                finishedAt: phase.isCompleted ? st.finishedAt.map(stamp) : nil, revision: st.revision, retryCount: st.retryCount,
                initiatedBy: st.initiatedBy, prune: st.prune)
        } else {
            s.operationState = app.status.operationState
        }
        return s
    }

    static func stamp(_ d: Date) -> String { Timestamp(seconds: Int64(d.timeIntervalSince1970)).rfc3339 }
}
