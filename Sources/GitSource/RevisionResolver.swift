/// Resolves an Application's `targetRevision` to a commit id, in Argo CD's order:
/// `HEAD` (or empty) → the remote's default branch; then a branch; then a tag (annotated tags peeled);
/// then a fully qualified ref (`refs/…`); then a full or abbreviated commit id present in the mirror.
enum RevisionResolver {
    static func resolve(_ revision: String, in repo: GitRepository, url: String) throws -> String {
        let rev = revision.trimmingWhitespace()
        if rev.isEmpty || rev == "HEAD" {
            if let head = repo.headBranch(), let commit = repo.peelToCommit(head) { return commit }
            throw GitSourceError(
                .notFound, "the remote has no default branch (HEAD)", repository: url, revision: "HEAD",
                hint: "push a branch, or set targetRevision to a branch, tag or commit")
        }
        for candidate in ["refs/heads/\(rev)", "refs/tags/\(rev)"] where !rev.hasPrefix("refs/") {
            if repo.hasReference(candidate), let commit = repo.peelToCommit(candidate) { return commit }
        }
        if rev.hasPrefix("refs/"), repo.hasReference(rev), let commit = repo.peelToCommit(rev) { return commit }
        if let commit = try repo.commit(withPrefix: rev.lowercased()) { return commit }
        throw GitSourceError(
            .notFound, "no branch, tag or commit named \(rev)", repository: url, revision: rev,
            hint: "check targetRevision; a deleted branch keeps serving its last good commit until it is fixed")
    }
}
