/// What the server knows about one served resource (one row of `kubectl api-resources`).
public struct ResourceInfo: Sendable, Hashable {
    /// The API group; empty for the core group.
    public var group: String
    /// The served version (one per resource here).
    public var version: String
    public var kind: String
    /// The URL segment, lowercase plural (`configmaps`).
    public var plural: String
    /// Lowercase singular (`configmap`).
    public var singular: String
    /// True for namespaced resources, false for cluster-scoped ones.
    public var namespaced: Bool
    public var shortNames: [String]
    /// True when the resource has a `status` subresource.
    public var hasStatus: Bool
    /// Categories such as `all`.
    public var categories: [String]
    /// True for kinds served from a CustomResourceDefinition.
    public var isCustom: Bool

    public init(group: String, version: String, kind: String, plural: String, singular: String? = nil, namespaced: Bool,
                shortNames: [String] = [], hasStatus: Bool = false, categories: [String] = [], isCustom: Bool = false) {
        self.group = group
        self.version = version
        self.kind = kind
        self.plural = plural
        self.singular = singular ?? kind.lowercased()
        self.namespaced = namespaced
        self.shortNames = shortNames
        self.hasStatus = hasStatus
        self.categories = categories
        self.isCustom = isCustom
    }

    /// `v1` or `apps/v1`.
    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    /// The key objects of this resource are stored under: `<group>/<plural>`.
    public var storageKey: String { "\(group)/\(plural)" }

    /// The verbs served for this resource.
    public static let verbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]
}
