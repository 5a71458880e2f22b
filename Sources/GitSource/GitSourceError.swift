import KealmModel

/// A small alias so that call sites can say which category a libgit2 failure belongs to.
enum ErrorCategoryHint {
    case invalid, notFound, forbidden, unavailable, `internal`
    var category: ErrorCategory {
        switch self {
        case .invalid: .invalid
        case .notFound: .notFound
        case .forbidden: .forbidden
        case .unavailable: .unavailable
        case .internal: .internal
        }
    }
}

/// An error of the Git source: what failed, on which repository/revision/path, and how to fix it.
///
/// Messages never contain credentials: every URL is passed through `redactURL` first.
public struct GitSourceError: KealmError, Equatable {
    public var category: ErrorCategory
    public var message: String
    /// The repository URL, redacted.
    public var repository: String?
    /// The revision asked for (branch, tag, commit id).
    public var revision: String?
    /// The path inside the repository.
    public var path: String?
    /// How to fix it.
    public var hint: String?
    /// The libgit2 error code, when the error came from libgit2.
    public var code: Int32?

    public init(
        _ category: ErrorCategory, _ message: String, repository: String? = nil, revision: String? = nil,
        path: String? = nil, hint: String? = nil, code: Int32? = nil
    ) {
        self.category = category
        self.message = redactURLs(in: message)
        self.repository = repository.map(redactURL)
        self.revision = revision
        self.path = path
        self.hint = hint
        self.code = code
    }

    public var description: String {
        var s = ""
        if let repository { s += repository }
        if let revision { s += (s.isEmpty ? "" : " ") + "at \(revision)" }
        if let path { s += (s.isEmpty ? "" : " ") + "path \(path)" }
        if !s.isEmpty { s += ": " }
        s += message
        if let hint { s += " (\(hint))" }
        return s
    }
}
