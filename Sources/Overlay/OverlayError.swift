import KealmModel

/// An error of the render engine: what failed, in which kustomization or file, on which object
/// and field, and how to fix it.
public struct OverlayError: KealmError {
    public var category: ErrorCategory
    public var message: String
    /// The kustomization directory or file concerned.
    public var file: String?
    /// The object concerned (`Kind namespace/name`).
    public var object: String?
    /// The field concerned (`patches[0].target`).
    public var field: String?
    /// How to fix it.
    public var hint: String?

    public init(_ category: ErrorCategory, _ message: String, file: String? = nil, object: String? = nil,
        field: String? = nil, hint: String? = nil)
    {
        self.category = category
        self.message = message
        self.file = file
        self.object = object
        self.field = field
        self.hint = hint
    }

    public var description: String {
        var s = ""
        if let file { s += "\(file): " }
        if let object { s += "\(object): " }
        if let field { s += "\(field): " }
        s += message
        if let hint { s += " (\(hint))" }
        return s
    }

    /// Adds the file to an error that has none.
    func inFile(_ path: String) -> OverlayError {
        var e = self
        if e.file == nil { e.file = path }
        return e
    }
}

/// Wraps any error into an `OverlayError`.
func overlayError(_ error: any Error, file: String? = nil, field: String? = nil) -> OverlayError {
    if let e = error as? OverlayError { return file.map { e.inFile($0) } ?? e }
    return OverlayError(.invalid, "\(error)", file: file, field: field)
}
