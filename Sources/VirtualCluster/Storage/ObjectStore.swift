/// One stored object: where it lives and its JSON text.
public struct StoredRecord: Sendable, Hashable {
    /// The resource's storage key, `<group>/<plural>` (`/configmaps` for the core group).
    public var resource: String
    /// The namespace; empty for cluster-scoped objects.
    public var namespace: String
    /// The object's name.
    public var name: String
    /// The resourceVersion the object was last written at.
    public var resourceVersion: Int
    /// The whole object as compact JSON.
    public var json: String

    public init(resource: String, namespace: String, name: String, resourceVersion: Int, json: String) {
        self.resource = resource
        self.namespace = namespace
        self.name = name
        self.resourceVersion = resourceVersion
        self.json = json
    }
}

/// One change of a transaction: put (create or replace) or delete an object.
public enum StoreWrite: Sendable, Hashable {
    case put(StoredRecord)
    case delete(resource: String, namespace: String, name: String)
}

/// Everything stored for one logical cluster, as loaded at start.
public struct ClusterSnapshot: Sendable {
    /// The last resourceVersion handed out in this cluster.
    public var resourceVersion: Int
    /// Every object of the cluster.
    public var records: [StoredRecord]

    public init(resourceVersion: Int, records: [StoredRecord]) {
        self.resourceVersion = resourceVersion
        self.records = records
    }
}

/// A bearer token and what it may reach.
public struct TokenRecord: Sendable, Hashable, Codable {
    /// The secret itself (compared in constant time; never logged).
    public var token: String
    /// The logical cluster the token is for; `*` for every cluster (the admin token).
    public var cluster: String
    /// Namespaces the token may use; empty means every namespace and the cluster-scoped resources.
    public var namespaces: [String]
    /// Verbs the token may use (`get`, `list`, `watch`, `create`, `update`, `patch`, `delete`); empty means all.
    public var verbs: [String]
    /// A human label (`admin`, `agent-cluster1`).
    public var label: String

    public init(token: String, cluster: String, namespaces: [String] = [], verbs: [String] = [], label: String) {
        self.token = token
        self.cluster = cluster
        self.namespaces = namespaces
        self.verbs = verbs
        self.label = label
    }

    /// The admin: every cluster, no namespace or verb limit (what `/metrics` and `/kealm/faults` require).
    public var isAdmin: Bool { cluster == "*" && namespaces.isEmpty && verbs.isEmpty }
}

/// The persistence behind the virtual control plane.
///
/// Drivers: `SQLiteObjectStore` (a WAL database in the data directory; the production driver)
/// and `MemoryObjectStore` (for unit tests and throwaway servers). A write returns only once
/// the transaction is committed, so an acknowledged write survives a crash of the process.
public protocol ObjectStore: Sendable {
    /// The names of the logical clusters, sorted.
    func clusterNames() throws -> [String]
    /// Creates a logical cluster; succeeds when it already exists.
    func createCluster(_ name: String) throws
    /// Deletes a logical cluster with all its objects and tokens.
    func deleteCluster(_ name: String) throws
    /// True when the cluster exists.
    func clusterExists(_ name: String) throws -> Bool
    /// Loads a cluster's objects and its resourceVersion counter.
    func load(cluster: String) throws -> ClusterSnapshot
    /// Applies writes and advances the cluster's counter to `resourceVersion`, atomically.
    func commit(cluster: String, resourceVersion: Int, writes: [StoreWrite]) throws
    /// Every token.
    func tokens() throws -> [TokenRecord]
    /// Adds or replaces a token.
    func saveToken(_ token: TokenRecord) throws
}
