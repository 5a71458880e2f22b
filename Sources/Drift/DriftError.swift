import KealmModel

/// An error in drift settings (an `ignoreDifferences` entry): which field, and how to fix it.
public struct DriftError: KealmError, Equatable {
    public var category: ErrorCategory { .invalid }
    public var message: String
    public var field: String?
    public var hint: String?

    public init(_ message: String, field: String? = nil, hint: String? = nil) {
        self.message = message
        self.field = field
        self.hint = hint
    }

    public var description: String { (field.map { "\($0): " } ?? "") + message + (hint.map { " (\($0))" } ?? "") }
}
