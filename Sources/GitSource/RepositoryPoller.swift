/// The poll state of one repository, for status and metrics.
public struct RepositoryPollStatus: Sendable {
    /// The URL, redacted.
    public var url: String
    /// When the next poll is due (clock seconds).
    public var nextPoll: Double
    /// Polls that failed in a row (0 when the last one succeeded).
    public var consecutiveFailures: Int
    /// The error of the last poll, when it failed.
    public var lastError: GitSourceError?
    /// When the last poll succeeded.
    public var lastSuccess: Double?
    /// What the last successful poll did.
    public var lastOutcome: SyncOutcome?
}

/// A revision resolved to a commit, possibly a kept last-good one.
public struct ResolvedRevision: Sendable, Equatable {
    /// The commit to render.
    public var commit: String
    /// Set when `commit` is the last good one because the remote is down or the revision vanished; the
    /// error says why. Nil when `commit` is current.
    public var error: GitSourceError?
    /// True when `commit` is the last good one rather than the current resolution.
    public var isStale: Bool { error != nil }
}

/// Polls every registered repository once per interval (with jitter), skipping the fetch when the remote's
/// tips have not moved, backing off exponentially on failure, and keeping the last good commit of each
/// revision to serve while the remote is down or a branch has been deleted.
public actor RepositoryPoller {
    private struct Repo {
        var status: RepositoryPollStatus
        var mirror: GitMirror
        var lastGood: [String: String] = [:]
        var polling = false
    }

    private let cache: MirrorCache
    private let policy: PollPolicy
    private let clock: any PollClock
    private let random: @Sendable () -> Double
    private var repos: [String: Repo] = [:]

    public init(
        cache: MirrorCache, policy: PollPolicy = PollPolicy(), clock: any PollClock = SystemPollClock(),
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.cache = cache
        self.policy = policy
        self.clock = clock
        self.random = random
    }

    /// Registers a repository; its first poll is due at once. Adding it again is harmless.
    public func add(_ url: String) async {
        let key = RepoURL.normalize(url)
        guard repos[key] == nil else { return }
        let mirror = await cache.mirror(for: url)
        repos[key] = Repo(
            status: RepositoryPollStatus(url: redactURL(key), nextPoll: clock.now(), consecutiveFailures: 0), mirror: mirror)
    }

    /// The poll status of a repository.
    public func status(_ url: String) -> RepositoryPollStatus? {
        repos[RepoURL.normalize(url)]?.status
    }

    /// Polls every repository that is due, concurrently; returns the URLs polled.
    @discardableResult
    public func pollDue() async -> [String] {
        let now = clock.now()
        let due = repos.filter { !$0.value.polling && $0.value.status.nextPoll <= now }.map(\.key)
        await withTaskGroup(of: Void.self) { group in
            for key in due { group.addTask { _ = try? await self.poll(key, hard: false) } }
        }
        return due.sorted()
    }

    /// Polls a repository now (a refresh): with `hard`, fetches without the tip check.
    @discardableResult
    public func refresh(_ url: String, hard: Bool = false) async throws -> SyncOutcome {
        await add(url)
        return try await poll(RepoURL.normalize(url), hard: hard)
    }

    /// Resolves a revision of a registered repository. When the revision cannot be resolved (deleted branch)
    /// or the last poll failed, the last good commit is returned with the error; with no last good commit, throws.
    public func resolve(_ url: String, revision: String) async throws -> ResolvedRevision {
        let key = RepoURL.normalize(url)
        guard let repo = repos[key] else {
            throw GitSourceError(.notFound, "repository is not registered with the poller", repository: url)
        }
        do {
            let commit = try await repo.mirror.resolve(revision)
            repos[key]?.lastGood[revision] = commit
            return ResolvedRevision(commit: commit, error: repos[key]?.status.lastError)
        } catch let error as GitSourceError {
            guard let last = repos[key]?.lastGood[revision] else { throw error }
            return ResolvedRevision(commit: last, error: error)
        }
    }

    /// Runs until cancelled: polls what is due, then sleeps until the next poll (at most `maxSleep` seconds,
    /// so repositories added meanwhile are picked up).
    public func run(maxSleep: Double = 5) async {
        while !Task.isCancelled {
            await pollDue()
            let next = repos.values.map(\.status.nextPoll).min() ?? (clock.now() + maxSleep)
            let wait = min(max(0, next - clock.now()), maxSleep)
            do { try await clock.sleep(seconds: wait) } catch { return }
        }
    }

    private func poll(_ key: String, hard: Bool) async throws -> SyncOutcome {
        guard let mirror = repos[key]?.mirror else {
            throw GitSourceError(.notFound, "unknown repository", repository: key)
        }
        repos[key]?.polling = true
        defer { repos[key]?.polling = false }
        do {
            let outcome: SyncOutcome
            if hard {
                try await mirror.fetchNow()
                outcome = .fetched
            } else {
                outcome = try await mirror.sync()
            }
            let now = clock.now()
            repos[key]?.status.consecutiveFailures = 0
            repos[key]?.status.lastError = nil
            repos[key]?.status.lastSuccess = now
            repos[key]?.status.lastOutcome = outcome
            repos[key]?.status.nextPoll = now + policy.delay(consecutiveFailures: 0, random: random())
            return outcome
        } catch {
            let gitError = error as? GitSourceError ?? GitSourceError(.unavailable, "\(error)", repository: mirror.url)
            let failures = (repos[key]?.status.consecutiveFailures ?? 0) + 1
            repos[key]?.status.consecutiveFailures = failures
            repos[key]?.status.lastError = gitError
            repos[key]?.status.nextPoll = clock.now() + policy.delay(consecutiveFailures: failures, random: random())
            throw gitError
        }
    }
}
