import Foundation

/// The state of one sync of a plan: which step is being gated and since when. A value the
/// caller stores (in memory, or in the ManifestWork's conditions) between ticks.
public struct SyncRun: Sendable, Hashable {
    public enum Phase: String, Sendable, Hashable {
        /// Steps of `plan.steps` are being written and gated.
        case running
        /// The sync failed; SyncFail hooks are being written and gated.
        case runningSyncFail
        /// Every step was healthy and the final prune step is written.
        case succeeded
        /// The sync failed (after its SyncFail hooks, if any).
        case failed
    }

    public var phase: Phase
    /// The step being gated: an index into `plan.steps` (or `plan.syncFailSteps` while
    /// `runningSyncFail`); `plan.steps.count` once succeeded.
    public var step: Int
    /// The last step of `plan.steps` written (kept while SyncFail hooks run).
    public var writtenStep: Int
    public var stepStartedAt: Date
    /// When the current step was first seen ready (for the delay between waves).
    public var readySince: Date?
    /// What the sync is doing or waits on, for status: `wave 4: Deployment kubevirt/virt-operator Progressing: …`.
    public var message: String
    /// True once SyncFail hooks have been written (they stay in the work after the sync failed).
    public var isAfterSyncFail: Bool = false

    /// A new sync that starts with step 0 at `now`.
    public static func start(_ plan: SyncPlan, at now: Date) -> SyncRun {
        if plan.steps.isEmpty {
            return SyncRun(phase: .succeeded, step: 0, writtenStep: 0, stepStartedAt: now, readySince: nil, message: "nothing to sync")
        }
        return SyncRun(phase: .running, step: 0, writtenStep: 0, stepStartedAt: now, readySince: nil, message: "\(plan.steps[0].label): started")
    }

    /// What the ManifestWorks must hold now.
    public var progress: ManifestWorkPacker.Progress {
        ManifestWorkPacker.Progress(step: writtenStep, syncFailed: isAfterSyncFail)
    }


    /// True when nothing more will happen without a new sync.
    public var isFinished: Bool { phase == .succeeded || phase == .failed }
}

/// Advances a sync by one observation: the pure core of the agent's and the controller's wave loop.
///
/// ```swift
/// var run = SyncRun.start(plan, at: now)
/// loop {
///     write(ManifestWorkPacker.works(plan: plan, prune: prune, progress: run.progress, context: ctx))
///     run = SyncDriver.tick(plan: plan, run: run, observations: observe(), now: clock.now)
///     if run.isFinished { break }
/// }
/// ```
public enum SyncDriver {
    public static func tick(plan: SyncPlan, run: SyncRun, observations: [ResourceKey: ManifestObservation], now: Date,
        policy: GatePolicy = GatePolicy()) -> SyncRun
    {
        var next = run
        let steps: [SyncStep]
        switch run.phase {
        case .running: steps = plan.steps
        case .runningSyncFail: steps = plan.syncFailSteps
        case .succeeded, .failed: return run
        }
        guard run.step < steps.count else { return run }
        let decision = WaveGate.decide(step: steps[run.step], observations: observations, startedAt: run.stepStartedAt,
            readySince: run.readySince, now: now, policy: policy)
        switch decision {
        case .wait(let summary, _):
            next.readySince = nil
            next.message = summary
        case .settle(let until):
            next.readySince = next.readySince ?? now
            next.message = "\(steps[run.step].label): healthy, next step at \(Int(until.timeIntervalSince(now).rounded(.up))) s"
        case .advance:
            next.readySince = nil
            next.stepStartedAt = now
            next.step += 1
            if run.phase == .running { next.writtenStep = min(next.step, plan.steps.count) }
            if next.step >= steps.count {
                if run.phase == .running {
                    next.phase = .succeeded
                    next.message = "successfully synced (all \(plan.steps.count) steps healthy)"
                } else {
                    next.phase = .failed
                }
            } else {
                next.message = "\(steps[next.step].label): started"
            }
        case .fail(let summary, _), .timeout(let summary, _):
            if run.phase == .running && !plan.syncFailSteps.isEmpty {
                next.phase = .runningSyncFail
                next.isAfterSyncFail = true
                next.step = 0
                next.stepStartedAt = now
                next.readySince = nil
                next.message = "sync failed: \(summary); running SyncFail hooks"
            } else if run.phase == .runningSyncFail {
                next.phase = .failed
                next.message = "\(run.message.replacingOccurrences(of: "; running SyncFail hooks", with: "")); a SyncFail hook failed too: \(summary)"
            } else {
                next.phase = .failed
                next.message = "sync failed: \(summary)"
            }
        }
        if next.phase == .failed && run.phase == .runningSyncFail && decision == .advance {
            next.message = run.message.replacingOccurrences(of: "; running SyncFail hooks", with: "")
        }
        return next
    }
}
