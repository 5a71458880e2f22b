import KealmModel
import KealmYAML

/// The one error type of the Kubernetes client.
///
/// An error answered by the API server carries the decoded `Status` (code, reason, message,
/// details with the object and the field causes). Transport failures carry the libcurl code
/// and message. Configuration errors name the kubeconfig file and field. The category decides
/// the CLI exit status and whether a retry may help; it is never derived from message text.
public struct KubeError: KealmError, Hashable {
    /// What kind of failure this is.
    public enum Kind: String, Sendable, Hashable {
        /// The server answered with a non-success status (see `status`).
        case status
        /// The request never got a complete answer (connect, TLS, timeout, reset).
        case transport
        /// The kubeconfig, in-cluster files or an exec plugin were wrong.
        case config
        /// The server's answer could not be decoded.
        case decode
        /// The caller cancelled the request.
        case cancelled
    }

    /// One field-level cause of a `Status` (`details.causes[]`).
    public struct Cause: Sendable, Hashable {
        public var reason: String?
        public var message: String?
        public var field: String?
        public init(reason: String? = nil, message: String? = nil, field: String? = nil) {
            self.reason = reason
            self.message = message
            self.field = field
        }
    }

    public var kind: Kind
    public var category: ErrorCategory
    /// The HTTP status code (0 when there was no answer).
    public var code: Int
    /// The `Status.reason` (`NotFound`, `AlreadyExists`, `Conflict`, `Invalid`, …).
    public var reason: String?
    /// The server's or the client's message.
    public var message: String
    /// `details.group`, `details.kind`, `details.name` of the object concerned.
    public var group: String?
    public var objectKind: String?
    public var objectName: String?
    /// `details.causes`.
    public var causes: [Cause]
    /// `details.retryAfterSeconds`, or the `Retry-After` header.
    public var retryAfterSeconds: Double?
    /// The request, as `VERB path` (no query, never headers).
    public var request: String?
    /// The file (kubeconfig, token file) or field concerned, for configuration errors.
    public var file: String?
    public var field: String?
    /// How to fix it.
    public var hint: String?

    public init(
        kind: Kind, category: ErrorCategory, code: Int = 0, reason: String? = nil, message: String,
        causes: [Cause] = [], request: String? = nil, file: String? = nil, field: String? = nil, hint: String? = nil
    ) {
        self.kind = kind
        self.category = category
        self.code = code
        self.reason = reason
        self.message = message
        self.causes = causes
        self.request = request
        self.file = file
        self.field = field
        self.hint = hint
    }

    /// A configuration error (kubeconfig, in-cluster files, exec plugin).
    public static func config(_ message: String, file: String? = nil, field: String? = nil, hint: String? = nil) -> KubeError {
        KubeError(kind: .config, category: .invalid, message: message, file: file, field: field, hint: hint)
    }

    /// A transport error: no complete answer was received. Always `unavailable`.
    public static func transport(_ message: String, request: String?, hint: String? = nil) -> KubeError {
        KubeError(kind: .transport, category: .unavailable, message: message, request: request, hint: hint)
    }

    /// The request was cancelled by the caller.
    public static func cancelled(request: String?) -> KubeError {
        KubeError(kind: .cancelled, category: .unavailable, message: "request cancelled", request: request)
    }

    /// The category for an HTTP status code, per the Kubernetes API conventions.
    public static func category(forHTTPStatus code: Int) -> ErrorCategory {
        switch code {
        case 404, 410: return .notFound
        case 409: return .conflict
        case 401, 403: return .forbidden
        case 400, 405, 406, 413, 415, 422: return .invalid
        case 408, 429, 500...599: return .unavailable
        default: return .internal
        }
    }

    /// True for `410 Gone` / reason `Expired`: the requested resourceVersion is too old (relist).
    public var isGone: Bool { code == 410 || reason == "Expired" || reason == "Gone" }
    /// True for `404 NotFound`.
    public var isNotFound: Bool { category == .notFound && code == 404 }
    /// True for `409` with reason `AlreadyExists`.
    public var isAlreadyExists: Bool { code == 409 && reason == "AlreadyExists" }
    /// True for `409` with reason `Conflict` (stale resourceVersion or apply conflict).
    public var isConflict: Bool { code == 409 && reason != "AlreadyExists" }

    public var description: String {
        var s = ""
        if let request { s += "\(request): " }
        if let file { s += "\(file): " }
        if let field { s += "\(field): " }
        s += message
        if kind == .status {
            s += " (\(code)"
            if let reason { s += " \(reason)" }
            s += ")"
        }
        for c in causes {
            s += "; "
            if let f = c.field { s += "\(f): " }
            s += c.message ?? c.reason ?? "invalid"
        }
        if let hint { s += " (\(hint))" }
        return s
    }
}
