import Foundation
import KealmYAML
import Reconcile

/// The Git poll as its own loop: every poll interval, each (repository, targetRevision) the
/// Applications name is resolved once (the mirror fetches when its interval has passed), and
/// only the Applications whose synced revision differs are queued. A new commit is noticed within
/// one interval without a resync of every Application (which at ten thousand Applications cost
/// more than the syncs themselves); the full resync keeps its own, longer period.
struct RevisionPoller: Sendable {
    /// One Application as the poller sees it.
    struct Entry: Sendable, Hashable {
        var key: String
        var repoURL: String
        var revision: String
        /// `status.sync.revision`, nil before the first sync.
        var synced: String?
    }

    /// The Applications to look at, from the informer's objects (deleted and unreadable ones left out).
    static func entries(_ objects: [YAMLNode]) -> [Entry] {
        objects.compactMap { o in
            guard o.string(at: "metadata", "deletionTimestamp") == nil, let app = try? Application(object: o) else { return nil }
            return Entry(key: app.key, repoURL: app.source.repoURL, revision: app.source.targetRevision,
                synced: o.string(at: "status", "sync", "revision"))
        }
    }

    /// The keys to queue: Applications whose (repository, revision) now resolves to another commit
    /// than they synced. `resolve(repo, revision, fetch)` is called once per distinct pair, with
    /// `fetch` true for the first pair of each repository only (one fetch per repository per tick);
    /// a pair that fails to resolve queues nothing (the Applications' own passes report the error).
    static func changed(_ entries: [Entry], resolve: (String, String, Bool) async -> String?) async -> [String] {
        var commits: [String: String?] = [:]
        var fetched: Set<String> = []
        var out: [String] = []
        for e in entries {
            let pair = e.repoURL + "\u{0}" + e.revision
            if commits[pair] == nil {
                commits[pair] = .some(await resolve(e.repoURL, e.revision, fetched.insert(e.repoURL).inserted))
            }
            guard let commit = commits[pair] ?? nil else { continue }
            if let synced = e.synced, synced != commit { out.append(e.key) }
        }
        return out.sorted()
    }
}
