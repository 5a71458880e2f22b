import CGit2
import Foundation

/// What one `sync()` of a mirror did.
public enum SyncOutcome: Sendable, Equatable {
    /// The mirror was created from the remote.
    case cloned
    /// The remote's refs differed; objects and refs were fetched.
    case fetched
    /// The remote's refs equal the mirror's: no fetch was made.
    case unchanged
}

/// Counters, for tests and metrics.
public struct MirrorStats: Sendable, Equatable {
    public var clones = 0
    public var fetches = 0
    /// Connections that only listed the remote's refs.
    public var tipChecks = 0
    /// Polls skipped because the remote had not moved.
    public var skippedFetches = 0
    /// Times a damaged mirror was thrown away and cloned again.
    public var recoveries = 0
}

/// One bare mirror of one remote repository, under the state directory.
///
/// Every libgit2 call on the mirror runs on the actor's own serial queue, so a blocking clone or fetch never
/// holds a cooperative thread. Tree readers (`treeSource`) open their own handle and read immutable objects
/// by id, so they run concurrently with a fetch.
public actor GitMirror {
    /// The URL as configured (may carry credentials; never printed without `redactURL`).
    public let url: String
    /// The normal form shared by every spelling of the URL.
    public let normalizedURL: String
    /// The mirror's directory.
    public let path: String
    /// The URL given to libgit2: `url` without an embedded password.
    private let remoteURL: String
    /// The user name and password embedded in `url` (HTTP(S) only), used when the provider gives no password.
    private let urlUserInfo: (username: String?, password: String?)
    /// Asked before every clone and fetch, so a rotated credential applies on the next one.
    private let credentialsProvider: @Sendable () -> GitCredentials
    private let limits: GitLimits
    private let executor: QueueExecutor
    private var repo: GitRepository?
    public private(set) var stats = MirrorStats()

    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    /// Marker written last when a clone completes; a directory without it is half-written.
    static let marker = "kealm-mirror"

    public init(url: String, path: String, credentials: GitCredentials = .none, limits: GitLimits = GitLimits()) {
        self.init(url: url, path: path, limits: limits, credentialsProvider: { credentials })
    }

    /// A mirror whose credentials are looked up anew for every clone and fetch (e.g. from repository
    /// Secrets that may change while the process runs).
    public init(
        url: String, path: String, limits: GitLimits = GitLimits(), credentialsProvider: @escaping @Sendable () -> GitCredentials
    ) {
        GitRuntime.initialize()
        self.url = url
        self.normalizedURL = RepoURL.normalize(url)
        self.path = path
        // Credentials embedded in the URL move into the credential callback (HTTP(S) only; an SSH user
        // name stays in the URL), so they are never written to the mirror's config.
        let split = RepoURL.splitUserInfo(url)
        if split.password != nil, !url.hasPrefix("ssh://") {
            remoteURL = split.url
            urlUserInfo = (split.username, split.password)
        } else {
            remoteURL = url
            urlUserInfo = (nil, nil)
        }
        self.credentialsProvider = credentialsProvider
        self.limits = limits
        self.executor = QueueExecutor(label: "kealm.git.\(RepoURL.normalize(redactURL(url)))")
    }

    /// The credentials for the next connection: the provider's, completed by those embedded in the URL.
    private func currentCredentials() -> GitCredentials {
        var creds = credentialsProvider()
        if let password = urlUserInfo.password, creds.password == nil {
            creds.username = creds.username ?? urlUserInfo.username
            creds.password = password
        }
        return creds
    }

    /// Brings the mirror up to date: clones when missing or damaged, otherwise lists the remote's refs and
    /// fetches only when they differ from the mirror's.
    @discardableResult
    public func sync() throws -> SyncOutcome {
        guard let repo = try openExisting() else {
            try cloneFresh()
            return .cloned
        }
        let outcome = try fetch(into: repo, force: false)
        if outcome == .fetched { stats.fetches += 1 }
        return outcome
    }

    /// Fetches now, without the cheap tip check (a hard refresh).
    public func fetchNow() throws {
        guard let repo = try openExisting() else { return try cloneFresh() }
        _ = try fetch(into: repo, force: true)
        stats.fetches += 1
    }

    /// The refs of the mirror (`refs/heads/…`, `refs/tags/…` → object id).
    public func refs() throws -> [String: String] {
        try opened().refs()
    }

    /// Resolves a `targetRevision` to a commit id (see `RevisionResolver`).
    public func resolve(_ revision: String) throws -> String {
        try RevisionResolver.resolve(revision, in: opened(), url: url)
    }

    /// A file source over the tree of `commit` (a full commit id), with its own repository handle.
    public func treeSource(commit: String, refuseEscapingLinks: Bool = false) throws -> GitTreeFileSource {
        _ = try opened()
        return try GitTreeFileSource(
            mirrorPath: path, commit: commit, maxFileBytes: limits.maxFileBytes, refuseEscapingLinks: refuseEscapingLinks)
    }

    // MARK: - opening, cloning, fetching

    private func opened() throws -> GitRepository {
        if let repo { return repo }
        guard let existing = try openExisting() else {
            throw GitSourceError(
                .notFound, "the repository has not been fetched yet", repository: url, hint: "sync the mirror first")
        }
        return existing
    }

    /// Opens (or re-checks the open handle of) the mirror on disk and verifies it; a damaged or half-written
    /// mirror is removed and nil returned, so the caller clones it again.
    private func openExisting() throws -> GitRepository? {
        let fm = FileManager.default
        guard fm.fileExists(atPath: path) else {
            repo = nil
            return nil
        }
        do {
            guard fm.fileExists(atPath: path + "/" + Self.marker) else {
                throw GitSourceError(.internal, "half-written mirror (no \(Self.marker) marker)")
            }
            let opened = try repo ?? GitRepository(openBare: path)
            try opened.verify()
            repo = opened
            return opened
        } catch {
            stats.recoveries += 1
            repo = nil
            try? fm.removeItem(atPath: path)
            return nil
        }
    }

    private func cloneFresh() throws {
        let fm = FileManager.default
        let parent = (path as NSString).deletingLastPathComponent
        try fm.createDirectory(atPath: parent, withIntermediateDirectories: true)
        // Temporary clones left by a process that died mid-clone.
        let base = (path as NSString).lastPathComponent + ".tmp-"
        for stale in (try? fm.contentsOfDirectory(atPath: parent)) ?? [] where stale.hasPrefix(base) {
            try? fm.removeItem(atPath: parent + "/" + stale)
        }
        let temp = path + ".tmp-\(UInt32.random(in: 0 ... .max))"
        defer { try? fm.removeItem(atPath: temp) }
        do {
            let fresh = try GitRepository(initBare: temp)
            var remote: OpaquePointer?
            try check(
                git_remote_create_with_fetchspec(&remote, fresh.pointer, "origin", remoteURL, "+refs/heads/*:refs/heads/*"),
                .invalid, "cannot use repository URL", url: url)
            git_remote_free(remote)
            try check(git_remote_add_fetch(fresh.pointer, "origin", "+refs/tags/*:refs/tags/*"), .internal, "refspec")
            _ = try fetch(into: fresh, force: true)
        }
        try Data(normalizedURL.utf8).write(to: URL(fileURLWithPath: temp + "/" + Self.marker))
        try? fm.removeItem(atPath: path)
        try fm.moveItem(atPath: temp, toPath: path)
        repo = try GitRepository(openBare: path)
        stats.clones += 1
    }

    /// Connects, lists the remote's refs, and fetches when they differ from the mirror's (or when forced).
    private func fetch(into repo: GitRepository, force: Bool) throws -> SyncOutcome {
        var remote: OpaquePointer?
        try check(git_remote_lookup(&remote, repo.pointer, "origin"), .internal, "mirror has no origin remote", url: url)
        defer { git_remote_free(remote) }
        let credentials = currentCredentials()
        let state = RemoteCallbackState(credentials: credentials, maxReceivedBytes: limits.maxRepositoryBytes)
        var callbacks = state.callbacks()
        defer { withExtendedLifetime(state) {} }
        var headers = HeaderList(credentials.bearerToken.map { ["Authorization: Bearer \($0)"] } ?? [])
        defer { headers.free() }
        try check(
            git_remote_connect(remote, GIT_DIRECTION_FETCH, &callbacks, nil, &headers.array), .unavailable,
            "cannot reach the repository", url: url)
        stats.tipChecks += 1
        let advertised = try RemoteRefs.list(remote, url: url)
        if !force, advertised.refs == (try repo.refs()), advertised.head == nil || advertised.head == repo.headBranch() {
            stats.skippedFetches += 1
            git_remote_disconnect(remote)
            return .unchanged
        }
        var opts = git_fetch_options()
        git_fetch_options_init(&opts, UInt32(GIT_FETCH_OPTIONS_VERSION))
        opts.callbacks = callbacks
        opts.prune = GIT_FETCH_PRUNE
        opts.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_ALL
        opts.update_fetchhead = 0
        opts.custom_headers = headers.array
        let rc = git_remote_fetch(remote, nil, &opts, "kealm: fetch")
        if state.limitExceeded {
            throw GitSourceError(
                .invalid, "repository is larger than the limit of \(limits.maxRepositoryBytes ?? 0) bytes",
                repository: url, hint: "raise the repository size limit or split the repository")
        }
        try check(rc, .unavailable, "fetch failed", url: url)
        if let head = advertised.head { try repo.setHeadBranch(head) }
        return .fetched
    }
}
