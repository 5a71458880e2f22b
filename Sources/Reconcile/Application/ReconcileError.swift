import KealmModel

/// An error of the application controller: what failed, on which Application, and how to fix it.
public struct ReconcileError: KealmError {
    public var category: ErrorCategory
    public var message: String
    public var application: String
    public var hint: String?

    public init(_ category: ErrorCategory, _ message: String, application: String, hint: String? = nil) {
        self.category = category
        self.message = message
        self.application = application
        self.hint = hint
    }

    public var description: String {
        "application \(application): \(message)" + (hint.map { " (\($0))" } ?? "")
    }
}
