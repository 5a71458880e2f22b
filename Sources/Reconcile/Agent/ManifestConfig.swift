import KealmYAML

/// One `spec.manifestConfigs[]` entry of a ManifestWork: how one object is written and what of its
/// status is reported back (OCM's schema).
public struct ManifestConfig: Sendable, Hashable {
    public var identifier: ResourceIdentifier
    public var updateStrategy: UpdateStrategy
    public var feedbackRules: [FeedbackRule]

    public init(identifier: ResourceIdentifier, updateStrategy: UpdateStrategy = UpdateStrategy(), feedbackRules: [FeedbackRule] = []) {
        self.identifier = identifier
        self.updateStrategy = updateStrategy
        self.feedbackRules = feedbackRules
    }

    init(_ node: YAMLNode, index i: Int, work: String) throws(AgentError) {
        let field = "spec.manifestConfigs[\(i)]"
        identifier = try ResourceIdentifier(node["resourceIdentifier"], field: "\(field).resourceIdentifier", work: work)
        updateStrategy = try UpdateStrategy(node["updateStrategy"], field: "\(field).updateStrategy", work: work)
        feedbackRules = try (node["feedbackRules"]?.items ?? []).enumerated().map { (j, n) throws(AgentError) in
            try FeedbackRule(n, field: "\(field).feedbackRules[\(j)]", work: work)
        }
    }
}

/// `updateStrategy`: how the agent writes an object that may already exist.
public struct UpdateStrategy: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// Server-side apply with the field manager; a conflict with another manager is reported
        /// unless `force` (Kealm's default strategy).
        case serverSideApply = "ServerSideApply"
        /// Create, or replace the whole object (read, then PUT with the read resourceVersion).
        case update = "Update"
        /// Create when absent; never change it afterwards (and never revert drift).
        case createOnly = "CreateOnly"
        /// Never write; only read status and feedback.
        case readOnly = "ReadOnly"
    }

    public var kind: Kind
    /// The field manager for server-side apply; nil uses the agent's (`kealm`).
    public var fieldManager: String?
    /// Take over fields owned by other managers instead of reporting the conflict.
    public var force: Bool

    public init(kind: Kind = .serverSideApply, fieldManager: String? = nil, force: Bool = false) {
        self.kind = kind
        self.fieldManager = fieldManager
        self.force = force
    }

    init(_ node: YAMLNode?, field: String, work: String) throws(AgentError) {
        guard let node, !node.isNull else {
            self.init()
            return
        }
        let text = node.string(at: "type") ?? "ServerSideApply"
        guard let kind = Kind(rawValue: text) else {
            throw AgentError(.invalidWork, "\(field).type '\(text)' is not ServerSideApply, Update, CreateOnly or ReadOnly", work: work,
                hint: "use one of ServerSideApply, Update, CreateOnly, ReadOnly")
        }
        let ssa = node["serverSideApply"]
        let manager = ssa?.string(at: "fieldManager")
        self.init(kind: kind, fieldManager: manager?.isEmpty == true ? nil : manager, force: ssa?["force"]?.boolValue ?? false)
    }
}

/// `feedbackRules[]`: status values to copy into `statusFeedbacks`.
public struct FeedbackRule: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// The well-known status fields of common kinds (replicas of workloads, phase of pods and jobs).
        case wellKnownStatus = "WellKnownStatus"
        /// Named JSONPaths (`.status.readyReplicas`, `.status.conditions[?(@.type=="Ready")].status`).
        case jsonPaths = "JSONPaths"
    }

    public var kind: Kind
    /// Name → path, for `JSONPaths`.
    public var paths: [(name: String, path: String)]

    public init(kind: Kind, paths: [(name: String, path: String)] = []) {
        self.kind = kind
        self.paths = paths
    }

    init(_ node: YAMLNode, field: String, work: String) throws(AgentError) {
        let text = node.string(at: "type") ?? ""
        guard let kind = Kind(rawValue: text) else {
            throw AgentError(.invalidWork, "\(field).type '\(text)' is not WellKnownStatus or JSONPaths", work: work,
                hint: "use WellKnownStatus or JSONPaths")
        }
        var paths: [(String, String)] = []
        for (i, p) in (node["jsonPaths"]?.items ?? []).enumerated() {
            guard let name = p.string(at: "name"), let path = p.string(at: "path") else {
                throw AgentError(.invalidWork, "\(field).jsonPaths[\(i)] needs name and path", work: work,
                    hint: "write {name: replicas, path: .status.replicas}")
            }
            paths.append((name, path))
        }
        self.init(kind: kind, paths: paths)
    }

    public static func == (a: FeedbackRule, b: FeedbackRule) -> Bool {
        a.kind == b.kind && a.paths.map(\.name) == b.paths.map(\.name) && a.paths.map(\.path) == b.paths.map(\.path)
    }

    public func hash(into h: inout Hasher) {
        h.combine(kind)
        for p in paths {
            h.combine(p.name)
            h.combine(p.path)
        }
    }
}
