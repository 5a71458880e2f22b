/// The category of a Kealm error; the CLI maps each category to one exit status.
public enum ErrorCategory: String, Sendable, Hashable {
    /// The command line was wrong.
    case usage
    /// Input (YAML, kustomization, object) is invalid.
    case invalid
    /// Something named does not exist.
    case notFound
    /// A concurrent change or an ownership conflict.
    case conflict
    /// Reading something outside what is allowed (path escape, forbidden scope).
    case forbidden
    /// A remote (git, cluster, hub) could not be reached; retrying may help.
    case unavailable
    /// A bug or an unexpected state.
    case `internal`
}

/// An error that knows its category and can say what failed, on which object, and how to fix it.
public protocol KealmError: Error, CustomStringConvertible, Sendable {
    /// The category that decides the exit status and whether a retry may help.
    var category: ErrorCategory { get }
}

extension KealmError {
    /// True when retrying later may succeed.
    public var isRetryable: Bool { category == .unavailable || category == .conflict }
}

/// A model-level error: an object or field that does not have the expected shape.
public struct ModelError: KealmError {
    public var category: ErrorCategory
    public var message: String
    /// The object concerned, e.g. `Placement ns/name` or a file path.
    public var object: String?
    /// The field path concerned, e.g. `spec.predicates[0]`.
    public var field: String?
    /// How to fix it.
    public var hint: String?

    public init(_ category: ErrorCategory, _ message: String, object: String? = nil, field: String? = nil, hint: String? = nil) {
        self.category = category
        self.message = message
        self.object = object
        self.field = field
        self.hint = hint
    }

    public var description: String {
        var s = ""
        if let object { s += "\(object): " }
        if let field { s += "\(field): " }
        s += message
        if let hint { s += " (\(hint))" }
        return s
    }
}
