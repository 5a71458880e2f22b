import KealmModel

/// An error of the work agent: which work (and object) failed, and how to fix it.
public struct AgentError: KealmError, Equatable {
    public enum Code: String, Sendable {
        /// The ManifestWork does not follow the schema.
        case invalidWork
        /// A manifest could not be written to the member cluster.
        case applyFailed
        /// The member cluster (or the hub) could not be reached.
        case unreachable
    }

    public var code: Code
    public var message: String
    /// The work concerned, `namespace/name`.
    public var work: String?
    /// The object concerned, `Kind namespace/name`.
    public var object: String?
    public var hint: String?

    public init(_ code: Code, _ message: String, work: String? = nil, object: String? = nil, hint: String? = nil) {
        self.code = code
        self.message = message
        self.work = work
        self.object = object
        self.hint = hint
    }

    public var category: ErrorCategory {
        switch code {
        case .invalidWork: .invalid
        case .applyFailed: .conflict
        case .unreachable: .unavailable
        }
    }

    public var description: String {
        var s = ""
        if let work { s += "manifestwork \(work): " }
        if let object { s += "\(object): " }
        s += message
        if let hint { s += " (\(hint))" }
        return s
    }
}
