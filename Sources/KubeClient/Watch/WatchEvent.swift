import KealmYAML

/// One event of a resumable watch.
public enum WatchEvent: Sendable, Hashable {
    case added(YAMLNode)
    case modified(YAMLNode)
    case deleted(YAMLNode)
    /// The server's progress marker: everything up to this resourceVersion has been sent.
    case bookmark(resourceVersion: String)
    /// The watch could not resume (410 Gone) and relisted: `items` is the complete current
    /// state, which replaces what the consumer knew; events continue after `resourceVersion`.
    case resync(items: [YAMLNode], resourceVersion: String)

    /// The object of added/modified/deleted events.
    public var object: YAMLNode? {
        switch self {
        case .added(let o), .modified(let o), .deleted(let o): return o
        case .bookmark, .resync: return nil
        }
    }
}

/// Options of `watch`.
public struct WatchOptions: Sendable, Hashable {
    /// Start after this resourceVersion; nil starts with the current state (ADDED events for
    /// every existing object, as the API server sends them), then follows changes.
    public var resourceVersion: String?
    public var labelSelector: String?
    public var fieldSelector: String?
    /// Seconds after which the server ends each stream (the watch then resumes); keeps
    /// connections fresh behind load balancers.
    public var serverTimeoutSeconds: Int = 300
    /// Consecutive failed reconnects after which the watch gives up with the last error.
    public var maxConsecutiveFailures: Int = 10
    public init(resourceVersion: String? = nil, labelSelector: String? = nil, fieldSelector: String? = nil) {
        self.resourceVersion = resourceVersion
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
    }
}
