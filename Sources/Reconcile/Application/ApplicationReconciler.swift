import Foundation
import Health
import KealmModel
import KealmYAML
import Planning

/// What one pass did, for the controller loop and for tests.
public struct ReconcileOutcome: Sendable {
    /// The state to remember (nil once the Application is gone).
    public var state: AppRunState?
    /// Look again after this long (nil: only on the next change or periodic resync).
    public var requeueAfter: TimeInterval?
    /// True when the render engine ran (the render cache did not answer).
    public var rendered: Bool = false
    /// ManifestWorks applied or deleted on the hub.
    public var worksWritten: Int = 0
    /// True when the Application's status was written.
    public var statusWritten: Bool = false
    /// The error that ended the pass early, if any.
    public var error: String?
}

/// One pass of the application controller over one Application:
/// resolve → render → plan → (decide, publish) → assess → status. Every policy is a pure step in
/// `ApplicationSteps`, `SyncDecision` and `ApplicationAssessment`; this type sequences them and does
/// the I/O through the effects bundle.
public enum ApplicationReconciler {
    public static func reconcile(object: YAMLNode, state: AppRunState?, effects fx: ApplicationEffects,
        settings: ApplicationSettings = ApplicationSettings()) async -> ReconcileOutcome
    {
        let app: Application
        do { app = try Application(object: object) } catch {
            return ReconcileOutcome(state: state, requeueAfter: nil, error: "\(error)")
        }
        if app.deletionTimestamp != nil { return await delete(app, fx: fx) }
        let now = fx.clock.now()
        var st = state ?? AppRunState()
        var out = ReconcileOutcome(state: st, requeueAfter: nil)
        var comparisonError: String?
        var assessment: ApplicationAssessment?
        var revision = st.revision
        var planned: ApplicationSteps.Planned?
        do {
            let server = app.destination.server.flatMap { $0.isEmpty ? nil : $0 }
            let lookup: String? = server == nil ? nil : await fx.hub.cluster(forServer: server!)
            let cluster = try ApplicationSteps.cluster(of: app, serverLookup: lookup)
            let live = try await fx.hub.works(cluster: cluster, application: app.name)
            if st.run == nil { resume(&st, from: live, now: now) }
            let commit = try await fx.git.resolve(repoURL: app.source.repoURL, revision: app.source.targetRevision, fetch: app.refresh != nil)
            // An automated sync of an older revision gives way to the new one (a broken wave may be the fix's target).
            if st.isRunning && st.revision != commit && app.operation == nil && app.syncPolicy.isAutomated { st.run = nil }
            revision = st.isRunning ? st.revision : commit
            if !st.isRunning, let op = app.operation, let r = op.revision {
                revision = try await fx.git.resolve(repoURL: app.source.repoURL, revision: r, fetch: false)
            }
            let rendered = try await fx.git.render(RenderRequest(repoURL: app.source.repoURL, commit: revision, directory: app.source.directory,
                overrides: app.source.kustomize, hard: app.refresh == .hard))
            out.rendered = !rendered.fromCache
            let p = try ApplicationSteps.plan(app: app, manifests: rendered.manifests, liveWorks: live, cluster: cluster, revision: revision,
                extraOptions: app.operation?.syncOptions ?? [], settings: settings)
            planned = p
            let a = ApplicationAssessment.assess(p, liveWorks: live)
            assessment = a

            // Hub-side drift: the works differ from what the controller wrote for the current step.
            // The reference is what was written (remembered), not a plan made from the live works: a
            // plan carries later-wave manifests over from the live works, so an edit that removed one
            // would be taken as the expectation and neither counted nor undone.
            var hubDrift = false
            if let run = st.run, st.revision == revision {
                let expected = try st.published.map(HubDriftReference.works(_:)) ?? ApplicationSteps.works(p, progress: run.progress, prune: st.prune)
                if HubDriftReference.differs(expected: expected, live: live) {
                    hubDrift = true
                    st.hubDriftCount += 1
                    await fx.hub.event(app, type: "Warning", reason: "HubDrift",
                        message: "ManifestWorks of \(app.name) in \(cluster) were changed on the hub")
                    if st.isRunning || (app.syncPolicy.automated?.selfHeal ?? false) {
                        out.worksWritten += try await publish(expected, live: live, run: run, state: &st, fx: fx)
                    }
                }
            }
            // After a rewrite the comparison above describes the edited works: no new sync is started from it
            // (re-running the waves would drop later-wave resources the edit removed from the inventory).
            let decision: SyncDecision = out.worksWritten > 0 ? .none : SyncDecision.decide(app: app, revision: revision, sync: a.sync,
                hubDrift: hubDrift, prunesEverything: p.prune.prunesEverything, state: st, now: now)
            if out.worksWritten > 0 { out.requeueAfter = settings.runningRequeue }
            var wrote = out.worksWritten > 0
            switch decision {
            case .start(let rev, let who, let prune, let reason):
                let failedHere = st.revision == rev && st.run?.phase == .failed
                st = AppRunState(revision: rev, run: SyncRun.start(p.plan, at: now), startedAt: now, initiatedBy: who, prune: prune,
                    retryCount: failedHere ? st.retryCount + 1 : 0, hubDriftCount: st.hubDriftCount)
                await fx.hub.event(app, type: "Normal", reason: "OperationStarted", message: "\(reason): syncing \(rev.prefix(7)) to \(p.context.cluster)")
                var run = st.run!
                if run.phase == .succeeded { run.writtenStep = p.plan.steps.count }
                st.run = run
                out.worksWritten += try await publish(ApplicationSteps.works(p, progress: run.progress, prune: prune), live: live, run: run,
                    state: &st, fx: fx)
                // Cleared once the first step is written (a conflicting write leaves it for the next pass).
                if app.operation != nil { try await fx.hub.patch(app, mergePatch: .mapping([YAMLPair("operation", .null)])) }
                wrote = true
            case .refuse(let message):
                if st.syncError != message { await fx.hub.event(app, type: "Warning", reason: "SyncRefused", message: message) }
                st.syncError = message
            case .retryAt(let at):
                out.requeueAfter = max(0.1, at.timeIntervalSince(now))
            case .none:
                break
            }
            if case .refuse = decision {} else { st.syncError = nil }
            if st.isRunning && !wrote, let run = st.run {
                let next = SyncDriver.tick(plan: p.plan, run: run, observations: ManifestWorkStatus.observations(works: live), now: now,
                    policy: settings.gate)
                st.run = next
                if next.writtenStep != run.writtenStep || next.isAfterSyncFail != run.isAfterSyncFail {
                    out.worksWritten += try await publish(ApplicationSteps.works(p, progress: next.progress, prune: st.prune), live: live,
                        run: next, state: &st, fx: fx)
                }
                if next.isFinished {
                    st.finishedAt = now
                    await fx.hub.event(app, type: next.phase == .succeeded ? "Normal" : "Warning", reason: "OperationCompleted", message: next.message)
                    if next.phase == .failed, let retry = app.syncPolicy.retry, retry.allows(retry: st.retryCount + 1) {
                        st.nextRetryAt = now.addingTimeInterval(retry.delay(attempt: st.retryCount + 1))
                        out.requeueAfter = retry.delay(attempt: st.retryCount + 1)
                    }
                }
            }
            if st.isRunning { out.requeueAfter = settings.runningRequeue }
        } catch {
            if let e = error as? any KealmError, e.category == .conflict {
                // Someone wrote a work after this pass read it (a person, or the agent's status): the pass
                // is dropped as if it had not run, and runs again at once on what is there now.
                out.error = "\(error)"
                out.requeueAfter = 0.05
                out.state = state
                return out
            }
            comparisonError = "\(error)"
            out.error = comparisonError
            out.requeueAfter = out.requeueAfter ?? 5
        }
        let status = ApplicationStatusBuilder.build(app: app, revision: revision, assessment: assessment, state: st,
            comparisonError: comparisonError, plan: planned?.plan, now: now)
        do {
            let node = statusToWrite(app, status, now: now, refresh: settings.statusRefresh)
            let changes = annotationChanges(app, state: st, plan: planned?.plan, assessment: assessment)
            if node != nil || !changes.isEmpty { try await fx.hub.write(status: node, annotations: changes, of: app) }
            out.statusWritten = node != nil
        } catch {
            out.error = (out.error.map { $0 + "; " } ?? "") + "\(error)"
            out.requeueAfter = out.requeueAfter ?? 2
        }
        out.state = st
        return out
    }

    /// A plan with no steps (what a resumed sync is started from before its steps are known).
    static let emptyPlan: SyncPlan = try! SyncPlanner.plan([])

    /// After a restart: the sync's revision and step from the works' annotations.
    static func resume(_ st: inout AppRunState, from live: [YAMLNode], now: Date) {
        guard let rec = ApplicationSteps.recorded(live) else { return }
        var run = SyncRun.start(emptyPlan, at: now)
        run.step = rec.step
        run.writtenStep = rec.step
        run.stepStartedAt = rec.startedAt.flatMap { Timestamp(rfc3339: $0) }.map { Date(timeIntervalSince1970: TimeInterval($0.seconds)) } ?? now
        if rec.step < rec.steps {
            run.phase = .running
            run.message = "resumed at step \(rec.step + 1) of \(rec.steps)"
        }
        st.revision = rec.revision
        st.run = run
        st.prune = true
    }

    /// Applies the works of a step and deletes the Application's works that are not among them;
    /// remembers them as the hub-drift reference (forgotten when a write fails half-way).
    static func publish(_ works: [YAMLNode], live: [YAMLNode], run: SyncRun, state st: inout AppRunState, fx: ApplicationEffects)
        async throws -> Int
    {
        let stamp = Timestamp(seconds: Int64(run.stepStartedAt.timeIntervalSince1970)).rfc3339
        var count = 0
        var names: Set<String> = []
        st.published = nil
        // Each write is conditional on the version the pass read, so an edit on the hub that lands
        // between the read and the write is not silently overwritten: the write fails with a conflict,
        // and the next pass sees the edit (counted as hub drift) and rewrites it.
        var versions: [String: String] = [:]
        for w in live {
            if let n = w.string(at: "metadata", "name"), let rv = w.string(at: "metadata", "resourceVersion"), !rv.isEmpty { versions[n] = rv }
        }
        for var w in works {
            w[path: ["metadata", "annotations", ApplicationSteps.stepStartedAnnotation]] = .string(stamp)
            let name = w.string(at: "metadata", "name") ?? ""
            names.insert(name)
            if let rv = versions[name] { w[path: ["metadata", "resourceVersion"]] = .string(rv) }
            _ = try await fx.hub.applyWork(w)
            count += 1
        }
        for w in live {
            guard let name = w.string(at: "metadata", "name"), !names.contains(name), let ns = w.string(at: "metadata", "namespace") else { continue }
            try await fx.hub.deleteWork(namespace: ns, name: name)
            count += 1
        }
        st.published = HubDriftReference.remember(works)
        return count
    }

    /// The status to write, nil when the stored one says the same (and is not due for a refresh).
    static func statusToWrite(_ app: Application, _ status: ApplicationStatus, now: Date, refresh: TimeInterval) -> YAMLNode? {
        let node = status.node(source: app.source, destination: app.destination)
        let previous = Timestamp(rfc3339: app.status.reconciledAt).map { Date(timeIntervalSince1970: TimeInterval($0.seconds)) }
        let stale = previous.map { now.timeIntervalSince($0) >= refresh } ?? true
        guard stale || app.refresh != nil || ApplicationStatus(node: node).ignoringTime != app.status.ignoringTime else { return nil }
        return node
    }

    /// Kealm's progress annotations, and the refresh annotation removed: the changes only (a nil
    /// value removes an annotation).
    static func annotationChanges(_ app: Application, state st: AppRunState, plan: SyncPlan?, assessment: ApplicationAssessment?)
        -> [String: String?]
    {
        // `nil` values remove an annotation (assigned with updateValue: `want[k] = nil` would drop the key).
        var want: [String: String?] = [:]
        func set(_ k: String, _ v: String?) { want.updateValue(v, forKey: k) }
        set(Application.refreshAnnotation, nil)
        if let run = st.run, st.isRunning, let plan, run.step < plan.steps.count {
            set(ApplicationSteps.currentWaveAnnotation, String(plan.steps[run.step].wave))
            set(ApplicationSteps.waitingOnAnnotation, String(run.message.prefix(250)))
        } else {
            set(ApplicationSteps.currentWaveAnnotation, nil)
            set(ApplicationSteps.waitingOnAnnotation, nil)
        }
        set(ApplicationSteps.hubDriftAnnotation, st.hubDriftCount > 0 ? String(st.hubDriftCount) : nil)
        let reverts = assessment?.clusterDriftReverts ?? 0
        set(ApplicationSteps.driftRevertsAnnotation, reverts > 0 ? String(reverts) : nil)
        return want.filter { app.annotations[$0.key] != $0.value }
    }

    /// Deletion: with the resources finalizer, delete the works, wait until they are gone, then drop
    /// the finalizer; without cascade (or with preserve), drop the finalizer and orphan the works.
    static func delete(_ app: Application, fx: ApplicationEffects) async -> ReconcileOutcome {
        let ours = [Application.resourcesFinalizer, Application.backgroundFinalizer]
        guard app.finalizers.contains(where: ours.contains) else { return ReconcileOutcome(state: nil, requeueAfter: nil) }
        var out = ReconcileOutcome(state: nil, requeueAfter: nil)
        do {
            if app.cascadesDeletion {
                let server = app.destination.server.flatMap { $0.isEmpty ? nil : $0 }
                let lookup: String? = server == nil ? nil : await fx.hub.cluster(forServer: server!)
                if let cluster = try? ApplicationSteps.cluster(of: app, serverLookup: lookup) {
                    let works = try await fx.hub.works(cluster: cluster, application: app.name)
                    if !works.isEmpty {
                        for w in works where w.string(at: "metadata", "deletionTimestamp") == nil {
                            try await fx.hub.deleteWork(namespace: cluster, name: w.string(at: "metadata", "name") ?? "")
                            out.worksWritten += 1
                        }
                        out.requeueAfter = 1
                        return out
                    }
                }
            }
            let left = app.finalizers.filter { !ours.contains($0) }
            try await fx.hub.patch(app, mergePatch: .mapping([YAMLPair("metadata", .mapping([
                YAMLPair("finalizers", .sequence(left.map { .string($0) }))]))]))
        } catch {
            out.error = "\(error)"
            out.requeueAfter = 2
        }
        return out
    }
}
