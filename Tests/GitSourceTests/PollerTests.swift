import Foundation
import Synchronization
import Testing

@testable import GitSource

/// A clock the test moves by hand.
final class ManualClock: PollClock {
    private let t = Mutex(1000.0)
    func now() -> Double { t.withLock { $0 } }
    func advance(_ s: Double) { t.withLock { $0 += s } }
    func sleep(seconds: Double) async throws { advance(seconds) }
}

@Suite("PollPolicy: interval, jitter, backoff")
struct PollPolicyTests {
    @Test(arguments: [
        (0, 0.0, 120.0), (0, 0.5, 150.0), (0, 0.999, 179.94), (1, 0.5, 10.0), (2, 0.5, 20.0), (3, 0.0, 40.0),
        (6, 0.0, 320.0), (7, 0.0, 600.0), (50, 0.0, 600.0),
    ])
    func delays(failures: Int, random: Double, want: Double) {
        let got = PollPolicy().delay(consecutiveFailures: failures, random: random)
        #expect(abs(got - want) < 0.001)
    }
}

@Suite("RepositoryPoller: polls, refresh, failures, last good")
struct PollerTests {
    func setUp() throws -> (OriginRepo, RepositoryPoller, ManualClock, MirrorCache) {
        let origin = try OriginRepo()
        let clock = ManualClock()
        let cache = MirrorCache(stateDirectory: origin.base.path + "/state")
        let poller = RepositoryPoller(cache: cache, clock: clock, random: { 0.5 })
        return (origin, poller, clock, cache)
    }

    @Test func pollsOncePerIntervalAndSkipsUnchangedFetch() async throws {
        let (origin, poller, clock, cache) = try setUp()
        defer { origin.base.cleanup() }
        let c1 = try origin.commit(["a": "1"])
        await poller.add(origin.url)
        await poller.add(origin.url + "/")  // another spelling: the same repository
        #expect(await poller.pollDue().count == 1)
        #expect(await poller.status(origin.url)?.lastOutcome == .cloned)
        #expect(try await poller.resolve(origin.url, revision: "HEAD") == ResolvedRevision(commit: c1))

        clock.advance(149)
        #expect(await poller.pollDue().isEmpty)  // 120 s + 0.5 × 60 s jitter not yet elapsed
        clock.advance(1)
        #expect(await poller.pollDue().count == 1)
        let mirror = await cache.mirror(for: origin.url)
        var stats = await mirror.stats
        #expect(stats.fetches == 0 && stats.skippedFetches == 1)  // tip unchanged: no fetch happened

        // A push is noticed at the next poll; a refresh fetches at once.
        let c2 = try origin.commit(["a": "2"])
        #expect(try await poller.refresh(origin.url) == .fetched)
        #expect(try await poller.resolve(origin.url, revision: "main").commit == c2)
        stats = await mirror.stats
        #expect(stats.fetches == 1)
        #expect(await poller.status(origin.url)!.nextPoll == clock.now() + 150)
    }

    @Test func runLoopPollsOnSchedule() async throws {
        let (origin, poller, clock, cache) = try setUp()
        defer { origin.base.cleanup() }
        try origin.commit(["a": "1"])
        await poller.add(origin.url)
        let start = clock.now()
        let loop = Task { await poller.run(maxSleep: 30) }
        let mirror = await cache.mirror(for: origin.url)
        for _ in 0..<2000 where await mirror.stats.skippedFetches < 3 { try await Task.sleep(for: .milliseconds(10)) }
        loop.cancel()
        await loop.value
        let stats = await mirror.stats
        #expect(stats.clones == 1 && stats.fetches == 0 && stats.skippedFetches >= 3)
        // Each poll waited a full interval (150 s with the draw 0.5) of the manual clock.
        #expect(clock.now() - start >= 3 * 150)
    }

    @Test func forcePushIsFollowed() async throws {
        let (origin, poller, _, _) = try setUp()
        defer { origin.base.cleanup() }
        let c1 = try origin.commit(["a": "1"])
        let c2 = try origin.commit(["a": "2"])
        try await poller.refresh(origin.url)
        #expect(try await poller.resolve(origin.url, revision: "main").commit == c2)
        try git(["reset", "-q", "--hard", c1], in: origin.work)
        let c3 = try origin.commit(["b": "3"], force: true)
        try await poller.refresh(origin.url)
        let resolved = try await poller.resolve(origin.url, revision: "main")
        #expect(resolved.commit == c3 && !resolved.isStale)
    }

    @Test func deletedBranchKeepsLastGoodWithAClearError() async throws {
        let (origin, poller, _, _) = try setUp()
        defer { origin.base.cleanup() }
        try origin.commit(["a": "1"])
        let f = try origin.commit(["f": "1"], branch: "feature")
        try await poller.refresh(origin.url)
        #expect(try await poller.resolve(origin.url, revision: "feature").commit == f)
        try git(["push", "-q", "origin", ":feature"], in: origin.work)
        try await poller.refresh(origin.url)
        let resolved = try await poller.resolve(origin.url, revision: "feature")
        #expect(resolved.commit == f)
        #expect(resolved.error?.category == .notFound)
        #expect(resolved.error?.description.contains("no branch, tag or commit named feature") == true)
        // Never resolved before: an error, not a guess.
        await #expect(throws: GitSourceError.self) { try await poller.resolve(origin.url, revision: "gone") }
    }

    @Test func remoteDownThenBack() async throws {
        let (origin, poller, clock, _) = try setUp()
        defer { origin.base.cleanup() }
        let c1 = try origin.commit(["a": "1"])
        let daemon = try gitDaemon(basePath: origin.base.path)
        defer { daemon.stop() }
        let url = daemon.gitURL + "/origin.git"
        try await poller.refresh(url)
        daemon.stop()

        clock.advance(200)
        #expect(await poller.pollDue().count == 1)
        var status = await poller.status(url)!
        #expect(status.consecutiveFailures == 1)
        #expect(status.lastError?.category == .unavailable)
        #expect(status.nextPoll == clock.now() + 10)
        let served = try await poller.resolve(url, revision: "HEAD")
        #expect(served.commit == c1 && served.isStale)

        clock.advance(10)
        await poller.pollDue()
        status = await poller.status(url)!
        #expect(status.consecutiveFailures == 2 && status.nextPoll == clock.now() + 20)

        try daemon.start()
        let c2 = try origin.commit(["a": "2"])
        clock.advance(20)
        await poller.pollDue()
        status = await poller.status(url)!
        #expect(status.consecutiveFailures == 0 && status.lastError == nil && status.lastOutcome == .fetched)
        #expect(try await poller.resolve(url, revision: "HEAD") == ResolvedRevision(commit: c2))
    }

    @Test(arguments: ["marker", "HEAD", "objects"])
    func corruptedMirrorIsClonedAgain(damage: String) async throws {
        let origin = try OriginRepo()
        defer { origin.base.cleanup() }
        let c1 = try origin.commit(["a": "1"])
        let path = origin.base.path + "/m"
        try await GitMirror(url: origin.url, path: path).sync()
        switch damage {
        case "marker": try FileManager.default.removeItem(atPath: path + "/" + GitMirror.marker)
        case "HEAD": try "garbage\n".write(toFile: path + "/HEAD", atomically: true, encoding: .utf8)
        default:
            try FileManager.default.removeItem(atPath: path + "/objects")
            try FileManager.default.createDirectory(atPath: path + "/objects", withIntermediateDirectories: true)
        }
        try FileManager.default.createDirectory(atPath: path + ".tmp-123/objects", withIntermediateDirectories: true)
        let again = GitMirror(url: origin.url, path: path)  // as after a restart
        #expect(try await again.sync() == .cloned)
        #expect(await again.stats.recoveries == 1)
        #expect(try await again.resolve("HEAD") == c1)
        #expect(!FileManager.default.fileExists(atPath: path + ".tmp-123"))  // a dead clone's leftovers are removed
    }
}
