import KealmModel

/// An error from applying a patch or loading patch schema. It names the field path concerned and
/// says how to fix the patch.
public struct PatchError: KealmError, Equatable {
    /// What kind of failure this is.
    public enum Code: String, Sendable, Hashable {
        /// Schema text or an OpenAPI/CRD document could not be read.
        case schema
        /// A strategic merge or merge patch is malformed or does not fit the object.
        case invalidPatch
        /// A JSON patch operation failed (bad path, missing value, bad index).
        case jsonPatch
        /// A JSON patch `test` operation did not match.
        case testFailed
    }

    /// The kind of failure.
    public var code: Code
    /// What went wrong and how to fix it.
    public var message: String
    /// The field path (`spec.template.spec.containers`) or JSON pointer concerned.
    public var path: String?
    /// The index of the failing JSON patch operation.
    public var operation: Int?
    /// The schema source (file, document) for schema errors.
    public var source: String?

    public init(_ code: Code, _ message: String, path: String? = nil, operation: Int? = nil, source: String? = nil) {
        self.code = code
        self.message = message
        self.path = path
        self.operation = operation
        self.source = source
    }

    /// `invalid` for malformed patches and schema, `conflict` for a failed JSON patch `test`.
    public var category: ErrorCategory {
        switch code {
        case .testFailed: return .conflict
        case .schema, .invalidPatch, .jsonPatch: return .invalid
        }
    }

    /// `source: operation N: path: message`, leaving out the parts that do not apply.
    public var description: String {
        var s = ""
        if let source { s += "\(source): " }
        if let operation { s += "operation \(operation): " }
        if let path { s += "\(path.isEmpty ? "(root)" : path): " }
        return s + message
    }

    static func schema(_ message: String, source: String) -> PatchError { PatchError(.schema, message, source: source) }
    static func invalid(_ message: String, at path: [String]) -> PatchError {
        PatchError(.invalidPatch, message, path: path.joined(separator: "."))
    }
}
