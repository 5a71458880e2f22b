import KealmModel

/// A planning error: which object or annotation was wrong and how to fix it.
public struct PlanningError: KealmError, Equatable {
    /// What kind of mistake it is.
    public enum Code: String, Sendable { case invalidWave, invalidHook, invalidSyncOption, duplicateResource, missingIdentity, tooLarge }
    public var code: Code
    public var category: ErrorCategory { .invalid }
    public var message: String
    /// The object concerned, `Kind namespace/name`.
    public var object: String?
    /// The annotation or field concerned.
    public var field: String?
    public var hint: String?

    public init(_ code: Code, _ message: String, object: String? = nil, field: String? = nil, hint: String? = nil) {
        self.code = code
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
