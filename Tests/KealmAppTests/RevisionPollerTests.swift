import KealmYAML
import Testing

@testable import KealmApp

/// The poll loop queues only Applications whose revision resolves to a commit they did not sync,
/// resolving each (repository, revision) once.
@Suite struct RevisionPollerTests {
    typealias E = RevisionPoller.Entry

    @Test func queuesOnlyMovedApplications() async {
        let entries = [
            E(key: "argocd/a", repoURL: "r1", revision: "main", synced: "c1"),
            E(key: "argocd/b", repoURL: "r1", revision: "main", synced: "c2"),
            E(key: "argocd/c", repoURL: "r1", revision: "dev", synced: "d1"),
            E(key: "argocd/d", repoURL: "r2", revision: "main", synced: nil),
            E(key: "argocd/e", repoURL: "broken", revision: "main", synced: "x"),
        ]
        let heads = ["r1|main": "c2", "r1|dev": "d1", "r2|main": "z9"]
        let calls = Counter()
        let keys = await RevisionPoller.changed(entries) { repo, rev, fetch in
            await calls.add(fetch ? "\(repo)" : nil)
            return heads["\(repo)|\(rev)"]
        }
        // a synced c1 but main is at c2; b and c are current; d has not synced yet (its own pass does
        // it); e's repository does not resolve.
        #expect(keys == ["argocd/a"])
        #expect(await calls.value == 4)
        // One fetch per repository: r1 (main then dev), r2, broken.
        #expect(await calls.fetched == ["r1", "r2", "broken"])
    }

    @Test func entriesSkipDeletedAndUnreadableApplications() throws {
        let ok = try JSON.decode(#"""
            {"apiVersion":"argoproj.io/v1alpha1","kind":"Application","metadata":{"name":"a","namespace":"argocd"},
             "spec":{"source":{"repoURL":"r","targetRevision":"main","path":"p"},"destination":{"name":"c1","namespace":"n"}},
             "status":{"sync":{"revision":"c1"}}}
            """#)
        var gone = ok
        gone[path: ["metadata", "deletionTimestamp"]] = .string("2026-01-01T00:00:00Z")
        gone[path: ["metadata", "name"]] = .string("b")
        let broken = try JSON.decode(#"{"apiVersion":"argoproj.io/v1alpha1","kind":"Application","metadata":{"name":"c","namespace":"argocd"},"spec":{}}"#)
        let entries = RevisionPoller.entries([ok, gone, broken])
        #expect(entries == [E(key: "argocd/a", repoURL: "r", revision: "main", synced: "c1")])
    }

    actor Counter {
        var value = 0
        var fetched: [String] = []
        func add(_ fetchedRepo: String?) {
            value += 1
            if let fetchedRepo { fetched.append(fetchedRepo) }
        }
    }
}
