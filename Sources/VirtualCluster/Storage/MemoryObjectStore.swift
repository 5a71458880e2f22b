import Synchronization

/// An `ObjectStore` that keeps everything in memory (unit tests, throwaway servers).
public final class MemoryObjectStore: ObjectStore {
    struct Cluster {
        var resourceVersion = 0
        var records: [String: StoredRecord] = [:]
    }
    struct State {
        var clusters: [String: Cluster] = [:]
        var tokens: [String: TokenRecord] = [:]
    }
    private let state = Mutex(State())

    public init() {}

    static func key(_ resource: String, _ namespace: String, _ name: String) -> String {
        "\(resource)\u{0}\(namespace)\u{0}\(name)"
    }

    public func clusterNames() throws -> [String] { state.withLock { $0.clusters.keys.sorted() } }

    public func createCluster(_ name: String) throws {
        state.withLock { s in
            if s.clusters[name] == nil { s.clusters[name] = Cluster() }
        }
    }

    public func deleteCluster(_ name: String) throws {
        state.withLock { s in
            s.clusters[name] = nil
            s.tokens = s.tokens.filter { $0.value.cluster != name }
        }
    }

    public func clusterExists(_ name: String) throws -> Bool { state.withLock { $0.clusters[name] != nil } }

    public func load(cluster: String) throws -> ClusterSnapshot {
        try state.withLock { s in
            guard let c = s.clusters[cluster] else { throw StoreError.noCluster(cluster) }
            return ClusterSnapshot(resourceVersion: c.resourceVersion, records: Array(c.records.values))
        }
    }

    public func commit(cluster: String, resourceVersion: Int, writes: [StoreWrite]) throws {
        try state.withLock { s in
            guard var c = s.clusters[cluster] else { throw StoreError.noCluster(cluster) }
            for w in writes {
                switch w {
                case .put(let r): c.records[Self.key(r.resource, r.namespace, r.name)] = r
                case .delete(let res, let ns, let name): c.records[Self.key(res, ns, name)] = nil
                }
            }
            c.resourceVersion = max(c.resourceVersion, resourceVersion)
            s.clusters[cluster] = c
        }
    }

    public func tokens() throws -> [TokenRecord] { state.withLock { Array($0.tokens.values) } }

    public func saveToken(_ token: TokenRecord) throws { state.withLock { $0.tokens[token.token] = token } }
}

/// A storage failure: the cluster is missing or the database refused the operation.
public enum StoreError: Error, CustomStringConvertible {
    case noCluster(String)
    case database(String)

    public var description: String {
        switch self {
        case .noCluster(let n): return "logical cluster \(n) does not exist (create it with `kealm hub cluster create \(n)`)"
        case .database(let m): return "database error: \(m)"
        }
    }
}
