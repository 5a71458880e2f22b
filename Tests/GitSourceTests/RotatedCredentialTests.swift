import Foundation
import Synchronization
import Testing

@testable import GitSource

/// A mirror asks its cache's credential lookup before every clone and fetch: a credential added,
/// rotated or removed while the process runs applies on the next poll of an existing mirror, and a
/// repository whose last poll failed on authentication recovers once the credential is fixed.
@Suite("Mirror credentials follow changes without a restart")
struct RotatedCredentialTests {
    @Test func existingMirrorUsesTheCurrentCredential() async throws {
        let origin = try OriginRepo()
        defer { origin.base.cleanup() }
        let c1 = try origin.commit(["a": "1"])
        let server = try gitHTTPServer(root: origin.base.path, auth: "alice:s3cret")
        defer { server.stop() }
        let url = server.httpURL + "/origin.git"
        let current = Mutex(GitCredentials.none)
        let cache = MirrorCache(stateDirectory: origin.base.path + "/state", credentials: { _ in current.withLock { $0 } })
        let poller = RepositoryPoller(cache: cache, policy: PollPolicy(interval: 0, jitter: 0))
        await poller.add(url)

        // No credential yet: the clone is refused.
        let missing = await #expect(throws: GitSourceError.self) { try await poller.refresh(url) }
        #expect(missing.map { "\($0)" }?.contains("authentication required: no credentials") == true, "\(String(describing: missing))")
        #expect(await poller.status(url)?.consecutiveFailures == 1)

        // The credential appears: the same mirror clones on the next poll.
        current.withLock { $0 = GitCredentials(username: "alice", password: "s3cret") }
        #expect(try await poller.refresh(url) == .cloned)
        #expect(try await poller.resolve(url, revision: "main").commit == c1)
        #expect(await poller.status(url)?.consecutiveFailures == 0)

        // Rotated to a wrong one: the next poll of the existing mirror fails, and says nothing secret.
        current.withLock { $0 = GitCredentials(username: "alice", password: "wrong-pw") }
        let rejected = await #expect(throws: GitSourceError.self) { try await poller.refresh(url) }
        let text = rejected.map { "\($0)" } ?? ""
        #expect(text.contains("authentication") && !text.contains("wrong-pw") && !text.contains("s3cret"), "\(text)")

        // Fixed again: the next poll fetches what moved meanwhile.
        let c2 = try origin.commit(["a": "2"])
        current.withLock { $0 = GitCredentials(username: "alice", password: "s3cret") }
        #expect(try await poller.refresh(url) == .fetched)
        #expect(try await poller.resolve(url, revision: "main") == ResolvedRevision(commit: c2, error: nil))
    }
}
