import KealmModel

/// An error in a user health rule file: which file, which rule, which field, and how to fix it.
public struct HealthRuleError: KealmError, Equatable {
    public var category: ErrorCategory { .invalid }
    public var message: String
    public var file: String?
    /// `rules[2].checks[0].when`, for example.
    public var field: String?
    public var hint: String?

    public init(_ message: String, file: String? = nil, field: String? = nil, hint: String? = nil) {
        self.message = message
        self.file = file
        self.field = field
        self.hint = hint
    }

    /// The same error, located in a file and field.
    func located(file: String?, field: String) -> HealthRuleError {
        var e = self
        e.file = e.file ?? file
        e.field = e.field.map { "\(field).\($0)" } ?? field
        return e
    }

    public var description: String {
        var s = ""
        if let file { s += "\(file): " }
        if let field { s += "\(field): " }
        s += message
        if let hint { s += " (\(hint))" }
        return s
    }
}
