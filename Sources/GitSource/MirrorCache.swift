import CGit2

/// The set of mirrors under one state directory: one bare mirror per normalised repository URL, so
/// `https://Host/org/repo.git` and `https://host/org/repo/` share one mirror and one fetch.
public actor MirrorCache {
    /// The directory holding `repos/<name>-<hash>` mirrors.
    public let stateDirectory: String
    private let limits: GitLimits
    private let credentialsFor: @Sendable (String) -> GitCredentials
    private var mirrors: [String: GitMirror] = [:]

    /// - Parameter credentials: looked up for a repository before every clone and fetch of its mirror, so
    ///   a credential added or rotated while the process runs is used on the next poll.
    public init(
        stateDirectory: String, limits: GitLimits = GitLimits(),
        credentials: @escaping @Sendable (String) -> GitCredentials = { _ in .none }
    ) {
        GitRuntime.initialize()
        self.stateDirectory = stateDirectory
        self.limits = limits
        self.credentialsFor = credentials
    }

    /// The mirror for a repository URL (created on first use, not yet synced).
    public func mirror(for url: String) -> GitMirror {
        let key = RepoURL.normalize(url)
        if let existing = mirrors[key] { return existing }
        let mirror = GitMirror(
            url: url, path: stateDirectory + "/repos/" + Self.directoryName(for: key), limits: limits,
            credentialsProvider: { [credentialsFor] in credentialsFor(url) })
        mirrors[key] = mirror
        return mirror
    }

    /// All mirrors used so far.
    public var all: [GitMirror] { Array(mirrors.values) }

    /// A readable, collision-free directory name: the last path component plus a hash of the normal URL.
    static func directoryName(for normalizedURL: String) -> String {
        let redacted = redactURL(normalizedURL)
        let last = redacted.split(separator: "/").last.map(String.init) ?? "repo"
        let slug = String(last.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" }.prefix(40))
        var oid = git_oid()
        let bytes = Array(normalizedURL.utf8)
        _ = git_odb_hash(&oid, bytes, bytes.count, GIT_OBJECT_BLOB)
        return slug + "-" + String(hex(&oid).prefix(12))
    }
}
