import Foundation
import Testing
import TestSupport

@testable import GitSource

/// The poller against a real `git daemon` behind a `FlakyProxy`: refused connections, a pack cut
/// mid-stream, slow connections, and a force push while a fetch is under way.
@Suite("Git remote behind a flaky proxy", .serialized)
struct FlakyRemoteTests {
    /// About `kib` KiB of text that does not compress much, so packs are large enough to cut.
    static func noise(_ kib: Int) -> String {
        (0..<(kib * 1024 / 37)).map { _ in UUID().uuidString }.joined(separator: "\n")
    }

    struct Remote: @unchecked Sendable {
        let origin: OriginRepo
        let daemon: BackgroundServer
        let proxy: FlakyProxy
        let poller: RepositoryPoller
        let clock: ManualClock
        var url: String { "git://127.0.0.1:\(proxy.port)/origin.git" }

        init() throws {
            origin = try OriginRepo()
            daemon = try gitDaemon(basePath: origin.base.path)
            proxy = try FlakyProxy(targetPort: daemon.port)
            clock = ManualClock()
            poller = RepositoryPoller(cache: MirrorCache(stateDirectory: origin.base.path + "/state"), clock: clock, random: { 0.5 })
        }

        func stop() {
            proxy.stop()
            daemon.stop()
            origin.base.cleanup()
        }

        /// Refreshes, ignoring the error (the poller records it in its status).
        func refresh() async -> SyncOutcome? { try? await poller.refresh(url) }
        func status() async -> RepositoryPollStatus { await poller.status(url)! }
    }

    @Test func cutRefusedAndSlowRemoteKeepTheLastGoodRevisionAndRecover() async throws {
        let r = try Remote()
        defer { r.stop() }
        let c1 = try r.origin.commit(["a.yaml": Self.noise(200)])
        #expect(await r.refresh() == .cloned)

        let c2 = try r.origin.commit(["b.yaml": Self.noise(200)])
        for mode in [FlakyProxy.Mode.cutAfter(bytes: 200), .cutAfter(bytes: 6000), .refuse] {
            r.proxy.mode = mode
            #expect(await r.refresh() == nil, "\(mode) should fail the fetch")
            let status = await r.status()
            #expect(status.lastError?.category == .unavailable, "\(mode): \(String(describing: status.lastError))")
            // The error names the repository, and the last good commit is still served, marked stale.
            #expect(status.lastError?.description.contains("127.0.0.1:\(r.proxy.port)") == true, "\(String(describing: status.lastError))")
            let served = try await r.poller.resolve(r.url, revision: "main")
            #expect(served.commit == c1 && served.isStale)
        }
        #expect(r.proxy.stats.cut >= 1 && r.proxy.stats.refused >= 1, "\(r.proxy.stats)")

        // Slow but working: the fetch completes and the new commit is served.
        r.proxy.mode = .delay(milliseconds: 300)
        #expect(await r.refresh() == .fetched)
        let now = try await r.poller.resolve(r.url, revision: "main")
        #expect(now == ResolvedRevision(commit: c2))
        #expect(await r.status().consecutiveFailures == 0)
    }

    @Test func cloneCutMidPackLeavesNothingHalfMadeAndSucceedsLater() async throws {
        let r = try Remote()
        defer { r.stop() }
        let c1 = try r.origin.commit(["a.yaml": Self.noise(300)])
        r.proxy.mode = .cutAfter(bytes: 20_000)
        #expect(await r.refresh() == nil)
        await #expect(throws: GitSourceError.self) { try await r.poller.resolve(r.url, revision: "main") }
        r.proxy.mode = .pass
        #expect(await r.refresh() == .cloned)
        #expect(try await r.poller.resolve(r.url, revision: "main") == ResolvedRevision(commit: c1))
    }

    @Test func forcePushDuringASlowFetchIsFollowedByTheNextPoll() async throws {
        let r = try Remote()
        defer { r.stop() }
        let c1 = try r.origin.commit(["a.yaml": "1"])
        try r.origin.commit(["a.yaml": "2"])
        #expect(await r.refresh() == .cloned)
        try r.origin.commit(["b.yaml": Self.noise(100)])
        // A fetch that starts slowly; the branch is rewritten while it runs.
        r.proxy.mode = .delay(milliseconds: 500)
        let fetch = Task { await r.refresh() }
        try await Task.sleep(nanoseconds: 100_000_000)
        try git(["reset", "-q", "--hard", c1], in: r.origin.work)
        let c4 = try r.origin.commit(["c.yaml": "rewritten"], force: true)
        _ = await fetch.value
        r.proxy.mode = .pass
        _ = await r.refresh()
        let resolved = try await r.poller.resolve(r.url, revision: "main")
        #expect(resolved.commit == c4 && !resolved.isStale)
    }
}
