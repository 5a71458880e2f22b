import CGit2
import Glibc

/// libgit2 is reference-counted and initialised once per process; it is never shut down.
private let gitRuntime: Int32 = {
    let result = git_libgit2_init()
    // Mirrors live in Kealm's own state directory, which may be owned by another user in containers.
    _ = cgit2_set_owner_validation(0)
    // libgit2's git:// and ssh transports write to sockets without MSG_NOSIGNAL: a remote that resets
    // the connection mid-transfer would kill the whole process with SIGPIPE (found by the flaky
    // proxy, FlakyRemoteTests). Ignored, the write fails with EPIPE and the fetch reports an error.
    signal(SIGPIPE, SIG_IGN)
    return result
}()

/// Process-wide libgit2 set-up. Every entry point of the module calls `GitRuntime.initialize()`.
public enum GitRuntime {
    /// Initialises libgit2 once (idempotent, thread-safe through the lazy global).
    public static func initialize() { _ = gitRuntime }

    /// The libgit2 version, e.g. `1.5.1`.
    public static var version: String {
        initialize()
        var major: Int32 = 0, minor: Int32 = 0, rev: Int32 = 0
        git_libgit2_version(&major, &minor, &rev)
        return "\(major).\(minor).\(rev)"
    }
}

/// Reads libgit2's thread-local last error right away (call on the same thread, with no `await` in between).
func lastGitMessage(_ code: Int32) -> String {
    if let err = git_error_last(), let msg = err.pointee.message {
        return redactURLs(in: String(cString: msg))
    }
    return "libgit2 error \(code)"
}

/// Throws a `GitSourceError` when a libgit2 call returned a negative code.
@discardableResult
func check(_ code: Int32, _ category: ErrorCategoryHint = .unavailable, _ what: @autoclosure () -> String, url: String? = nil)
    throws -> Int32
{
    guard code < 0 else { return code }
    let message = lastGitMessage(code)
    let cat: ErrorCategoryHint = code == GIT_ENOTFOUND.rawValue ? .notFound : category
    throw GitSourceError(cat.category, "\(what()): \(message)", repository: url.map(redactURL), code: code)
}

/// The libgit2 hex form of an object id.
func hex(_ oid: UnsafePointer<git_oid>) -> String {
    String(cString: git_oid_tostr_s(oid))
}

/// Parses a 40-character hex object id.
func parseOID(_ text: String) -> git_oid? {
    var oid = git_oid()
    guard text.utf8.count == 40, git_oid_fromstr(&oid, text) == 0 else { return nil }
    return oid
}
