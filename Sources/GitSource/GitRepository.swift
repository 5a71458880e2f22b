import CGit2

/// An open libgit2 repository handle. Not `Sendable`: it lives inside one actor or behind one lock.
final class GitRepository {
    let pointer: OpaquePointer
    let path: String

    /// Opens an existing bare repository.
    init(openBare path: String) throws {
        GitRuntime.initialize()
        var repo: OpaquePointer?
        try check(git_repository_open_bare(&repo, path), .internal, "cannot open mirror \(path)")
        pointer = repo!
        self.path = path
    }

    /// Creates an empty bare repository.
    init(initBare path: String) throws {
        GitRuntime.initialize()
        var repo: OpaquePointer?
        try check(git_repository_init(&repo, path, 1), .internal, "cannot create mirror \(path)")
        pointer = repo!
        self.path = path
    }

    deinit { git_repository_free(pointer) }

    /// Every branch and tag (`refs/heads/…`, `refs/tags/…`) with the object id it points at (tags unpeeled).
    func refs() throws -> [String: String] {
        var iterator: OpaquePointer?
        try check(git_reference_iterator_new(&iterator, pointer), .internal, "cannot list references")
        defer { git_reference_iterator_free(iterator) }
        var out: [String: String] = [:]
        var ref: OpaquePointer?
        while git_reference_next(&ref, iterator) == 0 {
            defer { git_reference_free(ref) }
            let name = String(cString: git_reference_name(ref))
            guard name.hasPrefix("refs/heads/") || name.hasPrefix("refs/tags/"),
                git_reference_type(ref) == GIT_REFERENCE_DIRECT, let oid = git_reference_target(ref)
            else { continue }
            out[name] = hex(oid)
        }
        return out
    }

    /// The branch `HEAD` points at (`refs/heads/main`), or nil when HEAD is detached or missing.
    func headBranch() -> String? {
        var ref: OpaquePointer?
        guard git_reference_lookup(&ref, pointer, "HEAD") == 0 else { return nil }
        defer { git_reference_free(ref) }
        guard git_reference_type(ref) == GIT_REFERENCE_SYMBOLIC, let target = git_reference_symbolic_target(ref) else {
            return nil
        }
        return String(cString: target)
    }

    /// Points `HEAD` at a branch (the remote's default branch).
    func setHeadBranch(_ branch: String) throws {
        var ref: OpaquePointer?
        try check(
            git_reference_symbolic_create(&ref, pointer, "HEAD", branch, 1, "kealm: remote HEAD"), .internal,
            "cannot set HEAD to \(branch)")
        git_reference_free(ref)
    }

    /// True when a reference with exactly this name exists.
    func hasReference(_ name: String) -> Bool {
        var ref: OpaquePointer?
        guard git_reference_lookup(&ref, pointer, name) == 0 else { return false }
        git_reference_free(ref)
        return true
    }

    /// The commit a reference or spec names, peeled through annotated tags.
    func peelToCommit(_ spec: String) -> String? {
        var obj: OpaquePointer?
        guard git_revparse_single(&obj, pointer, spec + "^{commit}") == 0 else { return nil }
        defer { git_object_free(obj) }
        return hex(git_object_id(obj))
    }

    /// The commit whose id starts with `prefix` (4 to 40 hex digits), or nil.
    func commit(withPrefix prefix: String) throws -> String? {
        var oid = git_oid()
        guard prefix.count >= 4, prefix.count <= 40, prefix.allSatisfy(\.isHexDigit),
            git_oid_fromstrn(&oid, prefix, prefix.utf8.count) == 0
        else { return nil }
        var obj: OpaquePointer?
        let rc = git_object_lookup_prefix(&obj, pointer, &oid, prefix.utf8.count, GIT_OBJECT_COMMIT)
        if rc == GIT_EAMBIGUOUS.rawValue {
            throw GitSourceError(
                .invalid, "short commit id \(prefix) is ambiguous", revision: prefix, hint: "use more hex digits")
        }
        guard rc == 0 else { return nil }
        defer { git_object_free(obj) }
        return hex(git_object_id(obj))
    }

    /// The root tree id of a commit.
    func treeID(ofCommit commit: String) throws -> String {
        guard var oid = parseOID(commit) else {
            throw GitSourceError(.invalid, "not a commit id: \(commit)", revision: commit)
        }
        var c: OpaquePointer?
        try check(git_commit_lookup(&c, pointer, &oid), .notFound, "commit \(commit) is not in the mirror")
        defer { git_commit_free(c) }
        return hex(git_commit_tree_id(c))
    }

    /// Checks the mirror is usable: `HEAD` (when set) resolves to a commit whose tree can be read.
    func verify() throws {
        let refs = try refs()
        var headRef: OpaquePointer?
        try check(git_reference_lookup(&headRef, pointer, "HEAD"), .internal, "mirror is damaged: HEAD is unreadable")
        git_reference_free(headRef)
        let head = headBranch()
        let spec = head.flatMap { refs[$0] != nil ? $0 : nil } ?? refs.keys.sorted().first(where: { $0.hasPrefix("refs/heads/") })
        guard let spec else { return }  // an empty remote is a valid mirror
        var obj: OpaquePointer?
        try check(git_revparse_single(&obj, pointer, spec + "^{tree}"), .internal, "mirror is damaged: \(spec)")
        git_object_free(obj)
    }
}
