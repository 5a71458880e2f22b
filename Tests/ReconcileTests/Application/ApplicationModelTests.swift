import Foundation
import KealmYAML
import Reconcile
import Testing

@Suite("Application typed view, overrides, policies")
struct ApplicationModelTests {
    @Test("reads source, destination, sync policy, retry, operation, refresh and finalizers")
    func readsEverything() throws {
        let app = try Application(object: yaml("""
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata:
              name: web-dev
              namespace: argocd
              finalizers: [resources-finalizer.argocd.argoproj.io]
              annotations: {argocd.argoproj.io/refresh: hard}
            spec:
              source:
                repoURL: https://git.example/org/apps.git
                targetRevision: refs/heads/release
                path: ./web/overlays/dev
                kustomize: {namePrefix: dev-, images: ["nginx:1.27"], commonLabels: {team: web}}
              destination: {name: cluster-1, namespace: web}
              syncPolicy:
                automated: {prune: true, selfHeal: true}
                syncOptions: [CreateNamespace=true]
                retry: {limit: 3, backoff: {duration: 5s, factor: 2, maxDuration: 1m}}
            operation: {sync: {revision: abc123, prune: true}, initiatedBy: {username: bob}}
            """))
        #expect(app.key == "argocd/web-dev")
        #expect(app.source.directory == "/web/overlays/dev")
        #expect(app.source.branch == "release")
        #expect(app.refresh == .hard)
        #expect(app.cascadesDeletion)
        #expect(app.syncPolicy.automated == SyncPolicy.Automated(prune: true, selfHeal: true))
        #expect(app.syncPolicy.syncOptions == ["CreateNamespace=true"])
        #expect(app.syncPolicy.retry == RetryStrategy(limit: 3, duration: 5, factor: 2, maxDuration: 60))
        #expect(app.operation == SyncOperation(revision: "abc123", prune: true, initiatedBy: "bob"))
        #expect(app.source.kustomize?.namePrefix == "dev-")
    }

    @Test("shape errors name the field")
    func shapeErrors() {
        #expect(throws: (any Error).self) {
            try Application(object: yaml("{apiVersion: argoproj.io/v1alpha1, kind: Application, metadata: {name: x}, spec: {destination: {}}}"))
        }
        do {
            _ = try Application(object: yaml("""
                {kind: Application, metadata: {name: x}, spec: {source: {repoURL: r}, syncPolicy: {retry: {backoff: {duration: soon}}}}}
                """))
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("spec.syncPolicy.retry.backoff.duration"))
        }
    }

    @Test("retry backoff grows by the factor up to the maximum; a negative limit retries forever", arguments: [
        (1, 5.0), (2, 10.0), (3, 20.0), (4, 40.0), (5, 60.0), (9, 60.0),
    ])
    func backoff(attempt: Int, delay: Double) {
        let r = RetryStrategy(limit: 3, duration: 5, factor: 2, maxDuration: 60)
        #expect(r.delay(attempt: attempt) == delay)
        #expect(r.allows(retry: 3) && !r.allows(retry: 4))
        #expect(RetryStrategy(limit: -1).allows(retry: 1000))
    }

    @Test("Go durations", arguments: [("5s", 5.0), ("3m", 180.0), ("1h30m", 5400.0), ("250ms", 0.25), ("7", 7.0)])
    func durations(text: String, seconds: Double) {
        #expect(GoDuration.seconds(text) == seconds)
    }

    @Test("image overrides in Argo CD's forms become kustomize image entries", arguments: [
        ("nginx:1.27", #"{"name":"nginx","newTag":"1.27"}"#),
        ("nginx=registry.local/nginx:1.27", #"{"name":"nginx","newName":"registry.local/nginx","newTag":"1.27"}"#),
        ("nginx@sha256:abc", #"{"name":"nginx","digest":"sha256:abc"}"#),
        ("registry:5000/app", #"{"name":"registry:5000/app"}"#),
        ("app=other", #"{"name":"app","newName":"other"}"#),
    ])
    func images(text: String, json: String) {
        let o = KustomizeOverrides(images: [text])
        let k = o.kustomization(appDirectory: "/a")
        #expect(JSON.encode(k["images"]!.items![0]) == json)
    }

    @Test("the overlay kustomization sits outside the app directory and points back at it")
    func overlay() {
        let o = KustomizeOverrides(namePrefix: "p-", namespace: "ns", components: ["../components/x", "/shared/c"])
        #expect(KustomizeOverrides.overlayDirectory(for: "/apps/dev") == "/.kealm-overrides/apps/dev")
        let k = o.kustomization(appDirectory: "/apps/dev")
        #expect(JSON.encode(k) == #"{"apiVersion":"kustomize.config.k8s.io/v1beta1","kind":"Kustomization","resources":["../../../apps/dev"],"components":["../../../apps/dev/../components/x","../../../shared/c"],"namePrefix":"p-","namespace":"ns"}"#)
        #expect(KustomizeOverrides().cacheKey == "")
        #expect(o.cacheKey != KustomizeOverrides(namePrefix: "q-").cacheKey)
    }

    @Test("sync decision table")
    func decisions() throws {
        let now = Date(timeIntervalSince1970: 100)
        func app(_ automated: String?, op: Bool = false, retry: Bool = false) throws -> Application {
            var a = try Application(object: appObject(automated: automated))
            if op { a.operation = SyncOperation(initiatedBy: "ann") }
            if retry { a.syncPolicy.retry = RetryStrategy(limit: 1, duration: 10) }
            return a
        }
        let failed = AppRunState(revision: "r1", run: failedRun(), finishedAt: now)
        let succeeded = AppRunState(revision: "r1", run: succeededRun())
        let rows: [(String, Application, SyncStatusCode, Bool, Bool, AppRunState, SyncDecision)] = [
            ("manual, out of sync", try app(nil), .outOfSync, false, false, AppRunState(), .none),
            ("manual with operation", try app(nil, op: true), .synced, false, false, AppRunState(),
                .start(revision: "r1", initiatedBy: "ann", prune: false, reason: "sync requested")),
            ("automated, synced", try app("{}"), .synced, false, false, AppRunState(), .none),
            ("automated, new revision", try app("{prune: true}"), .outOfSync, false, false, AppRunState(),
                .start(revision: "r1", initiatedBy: "automated", prune: true, reason: "automated sync to r1")),
            ("automated, same revision, no selfHeal", try app("{}"), .outOfSync, true, false, succeeded, .none),
            ("selfHeal", try app("{selfHeal: true}"), .outOfSync, true, false, succeeded,
                .start(revision: "r1", initiatedBy: "automated", prune: false, reason: "self-heal")),
            ("failed, no retry", try app("{}"), .outOfSync, false, false, failed, .none),
            ("failed, retry due", try app("{}", retry: true), .outOfSync, false, false, failed,
                .start(revision: "r1", initiatedBy: "automated", prune: false, reason: "retry 1")),
        ]
        for (name, a, sync, drift, empty, st, want) in rows {
            #expect(SyncDecision.decide(app: a, revision: "r1", sync: sync, hubDrift: drift, prunesEverything: empty, state: st, now: now) == want,
                "\(name)")
        }
        if case .refuse(let m) = SyncDecision.decide(app: try app("{prune: true}"), revision: "r1", sync: .outOfSync, hubDrift: false,
            prunesEverything: true, state: AppRunState(), now: now)
        {
            #expect(m.contains("allowEmpty"))
        } else {
            Issue.record("allowEmpty: false must refuse")
        }
        var waiting = failed
        waiting.nextRetryAt = now.addingTimeInterval(5)
        #expect(SyncDecision.decide(app: try app("{}", retry: true), revision: "r1", sync: .outOfSync, hubDrift: false, prunesEverything: false,
            state: waiting, now: now) == .retryAt(now.addingTimeInterval(5)))
    }

    @Test("status round trip: what is written reads back equal")
    func statusRoundTrip() throws {
        let s = ApplicationStatus(sync: .outOfSync, syncRevision: "abc", health: "Progressing", healthMessage: "wave 1",
            resources: [ResourceStatus(group: "apps", version: "v1", kind: "Deployment", namespace: "d", name: "web", status: .outOfSync,
                health: "Progressing", healthMessage: "0/1"), ResourceStatus(group: "", version: "v1", kind: "ConfigMap", namespace: "d",
                name: "old", status: .outOfSync, requiresPruning: true)],
            operationState: OperationState(phase: .running, message: "wave 1: waiting", startedAt: "2027-01-01T00:00:00Z", revision: "abc",
                retryCount: 1, initiatedBy: "alice", prune: true),
            conditions: [AppCondition(type: "SyncError", message: "m", lastTransitionTime: "2027-01-01T00:00:00Z")],
            reconciledAt: "2027-01-01T00:00:01Z", images: ["nginx:1"])
        let node = s.node(source: ApplicationSource(repoURL: "r"), destination: ApplicationDestination(name: "c1"))
        #expect(ApplicationStatus(node: node) == s)
        #expect(node.string(at: "sync", "comparedTo", "destination", "name") == "c1")
        #expect(node.string(at: "operationState", "syncResult", "revision") == "abc")
    }
}

import Planning

func failedRun() -> SyncRun {
    var r = SyncRun.start(try! SyncPlanner.plan([]), at: Date(timeIntervalSince1970: 0))
    r.phase = .failed
    return r
}

func succeededRun() -> SyncRun { SyncRun.start(try! SyncPlanner.plan([]), at: Date(timeIntervalSince1970: 0)) }
