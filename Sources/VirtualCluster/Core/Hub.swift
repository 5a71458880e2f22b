import Foundation
import Synchronization

/// The virtual control plane's state: the logical clusters (loaded on first use) and the tokens.
///
/// The cluster named `default` always exists and is the one served at `/`; every other
/// cluster is served under `/clusters/<name>`.
public final class Hub: Sendable {
    /// The name of the cluster served at `/`.
    public static let defaultCluster = "default"

    public let store: any ObjectStore
    let clock: ServerClock
    let historyLimit: Int
    let stages: StageEngine?
    let clusters = Mutex<[String: LogicalCluster]>([:])
    let tokenTable = Mutex<[String: TokenRecord]>([:])
    let loadLock = Mutex<Void>(())
    /// The requests served, for `/metrics`.
    public let requests = RequestCounter()

    /// Opens a hub on a store, creating the default cluster when missing.
    public init(store: any ObjectStore, clock: ServerClock = .system, historyLimit: Int = 1000, stages: StageEngine? = nil) throws {
        self.store = store
        self.stages = stages
        self.clock = clock
        self.historyLimit = historyLimit
        try store.createCluster(Self.defaultCluster)
        try reloadTokens()
    }

    /// True for names usable as a logical cluster: lowercase letters, digits, `-`, at most 63 characters.
    public static func isValidClusterName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 63 && name.first != "-" && name.last != "-"
            && name.allSatisfy { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "-" }
    }

    /// The cluster with this name, loading it from the store on first use; 404 when it does not exist.
    public func cluster(_ name: String) throws(APIError) -> LogicalCluster {
        if let c = clusters.withLock({ $0[name] }) { return c }
        return try loadLock.withLock { _ throws(APIError) -> LogicalCluster in
            if let c = clusters.withLock({ $0[name] }) { return c }
            let exists: Bool
            do { exists = try store.clusterExists(name) } catch { throw APIError.internal("\(error)") }
            guard exists else {
                throw APIError(404, "NotFound", "logical cluster \"\(name)\" not found (create it with `kealm hub cluster create \(name)`)")
            }
            let c: LogicalCluster
            do { c = try LogicalCluster(name: name, store: store, clock: clock, historyLimit: historyLimit, stages: stages) } catch {
                throw APIError.internal("loading logical cluster \(name): \(error)")
            }
            clusters.withLock { $0[name] = c }
            return c
        }
    }

    /// Creates a logical cluster (idempotent) and loads it.
    @discardableResult
    public func createCluster(_ name: String) throws -> LogicalCluster {
        guard Self.isValidClusterName(name) else {
            throw APIError.badRequest("invalid logical cluster name \"\(name)\": use lowercase letters, digits and '-'")
        }
        try store.createCluster(name)
        return try cluster(name)
    }

    /// Deletes a logical cluster with its objects and tokens, ending its watches.
    public func deleteCluster(_ name: String) throws {
        guard name != Self.defaultCluster else { throw APIError.badRequest("the default cluster cannot be deleted") }
        try store.deleteCluster(name)
        let c = clusters.withLock { $0.removeValue(forKey: name) }
        c?.closeAllWatches()
        tokenTable.withLock { t in t = t.filter { $0.value.cluster != name } }
    }

    /// Drops loaded clusters that were deleted from the store by another process.
    public func forgetDeletedClusters() {
        guard let names = try? Set(store.clusterNames()) else { return }
        let gone = clusters.withLock { cs -> [LogicalCluster] in
            let g = cs.filter { !names.contains($0.key) }.map(\.value)
            for c in g { cs[c.name] = nil }
            return g
        }
        for c in gone { c.closeAllWatches() }
    }

    /// Ends every open watch of every cluster (the server is stopping).
    public func closeAllWatches() {
        for c in loadedClusters { c.closeAllWatches() }
    }

    /// The loaded clusters.
    public var loadedClusters: [LogicalCluster] { clusters.withLock { Array($0.values) } }

    // MARK: tokens

    func reloadTokens() throws {
        let all = try store.tokens()
        tokenTable.withLock { t in
            t = [:]
            for r in all { t[r.token] = r }
        }
    }

    /// The token record for a bearer token, or nil. Unknown tokens are looked up in the store once,
    /// so tokens issued by another process (the CLI) work without a restart.
    public func authenticate(_ token: String) -> TokenRecord? {
        if let r = tokenTable.withLock({ $0[token] }) { return r }
        try? reloadTokens()
        return tokenTable.withLock { $0[token] }
    }

    /// Issues a new random token.
    public func issueToken(cluster: String, namespaces: [String] = [], verbs: [String] = [], label: String) throws -> TokenRecord {
        let r = TokenRecord(token: Self.randomToken(), cluster: cluster, namespaces: namespaces, verbs: verbs, label: label)
        try store.saveToken(r)
        tokenTable.withLock { $0[r.token] = r }
        return r
    }

    /// 32 random bytes as hex.
    public static func randomToken() -> String {
        var g = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &g)) }.joined()
    }
}
