import CGit2

/// The refs a connected remote advertises, in the same shape as `GitRepository.refs()`.
struct RemoteRefs: Equatable {
    /// `refs/heads/…` and `refs/tags/…` → object id (tags unpeeled).
    var refs: [String: String]
    /// The remote's default branch (`refs/heads/main`), when it advertises one.
    var head: String?

    /// Lists the refs of a remote after `git_remote_connect`; no objects are transferred.
    static func list(_ remote: OpaquePointer?, url: String) throws -> RemoteRefs {
        var heads: UnsafeMutablePointer<UnsafePointer<git_remote_head>?>?
        var count = 0
        try check(git_remote_ls(&heads, &count, remote), .unavailable, "cannot list remote refs", url: url)
        var refs: [String: String] = [:]
        for i in 0..<count {
            guard let head = heads?[i] else { continue }
            let name = String(cString: head.pointee.name)
            guard name.hasPrefix("refs/heads/") || name.hasPrefix("refs/tags/"), !name.hasSuffix("^{}") else { continue }
            refs[name] = withUnsafePointer(to: head.pointee.oid) { hex($0) }
        }
        var buf = git_buf()
        defer { git_buf_dispose(&buf) }
        let head: String? = git_remote_default_branch(&buf, remote) == 0 ? String(cString: buf.ptr) : nil
        return RemoteRefs(refs: refs, head: head)
    }
}
