import Foundation
import GRDB

/// The production `ObjectStore`: one SQLite database in WAL mode (through GRDB).
///
/// Tables: `clusters(name, rv)`, `objects(cluster, resource, namespace, name, rv, json)` and
/// `tokens(token, cluster, namespaces, verbs, label)`. Every `commit` is one transaction that
/// also advances the cluster's counter, so resourceVersions keep growing across restarts.
/// `synchronous=NORMAL` in WAL mode keeps every committed transaction when the process is
/// killed; `durable: true` selects `FULL`, which also survives a power cut.
public final class SQLiteObjectStore: ObjectStore {
    let pool: DatabasePool

    /// Opens (creating when missing) the database at `path`.
    public init(path: String, durable: Bool = false) throws {
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            try db.execute(sql: durable ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: config)
            try pool.write { db in
                try db.execute(sql: """
                    CREATE TABLE IF NOT EXISTS clusters (name TEXT PRIMARY KEY NOT NULL, rv INTEGER NOT NULL DEFAULT 0);
                    CREATE TABLE IF NOT EXISTS objects (
                        cluster TEXT NOT NULL, resource TEXT NOT NULL, namespace TEXT NOT NULL, name TEXT NOT NULL,
                        rv INTEGER NOT NULL, json TEXT NOT NULL,
                        PRIMARY KEY (cluster, resource, namespace, name)) WITHOUT ROWID;
                    CREATE TABLE IF NOT EXISTS tokens (
                        token TEXT PRIMARY KEY NOT NULL, cluster TEXT NOT NULL, namespaces TEXT NOT NULL,
                        verbs TEXT NOT NULL, label TEXT NOT NULL);
                    """)
            }
        } catch {
            throw StoreError.database("\(path): \(error)")
        }
    }

    func wrap<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as StoreError { throw e } catch { throw StoreError.database("\(error)") }
    }

    public func clusterNames() throws -> [String] {
        try wrap { try pool.read { db in try String.fetchAll(db, sql: "SELECT name FROM clusters ORDER BY name") } }
    }

    public func createCluster(_ name: String) throws {
        try wrap {
            try pool.write { db in try db.execute(sql: "INSERT OR IGNORE INTO clusters(name, rv) VALUES (?, 0)", arguments: [name]) }
        }
    }

    public func deleteCluster(_ name: String) throws {
        try wrap {
            try pool.write { db in
                try db.execute(sql: "DELETE FROM objects WHERE cluster = ?", arguments: [name])
                try db.execute(sql: "DELETE FROM tokens WHERE cluster = ?", arguments: [name])
                try db.execute(sql: "DELETE FROM clusters WHERE name = ?", arguments: [name])
            }
        }
    }

    public func clusterExists(_ name: String) throws -> Bool {
        try wrap {
            try pool.read { db in try Int.fetchOne(db, sql: "SELECT 1 FROM clusters WHERE name = ?", arguments: [name]) != nil }
        }
    }

    public func load(cluster: String) throws -> ClusterSnapshot {
        try wrap {
            try pool.read { db in
                guard let rv = try Int.fetchOne(db, sql: "SELECT rv FROM clusters WHERE name = ?", arguments: [cluster]) else {
                    throw StoreError.noCluster(cluster)
                }
                var records: [StoredRecord] = []
                let rows = try Row.fetchCursor(
                    db, sql: "SELECT resource, namespace, name, rv, json FROM objects WHERE cluster = ?", arguments: [cluster])
                while let row = try rows.next() {
                    records.append(StoredRecord(resource: row[0], namespace: row[1], name: row[2], resourceVersion: row[3], json: row[4]))
                }
                return ClusterSnapshot(resourceVersion: rv, records: records)
            }
        }
    }

    public func commit(cluster: String, resourceVersion: Int, writes: [StoreWrite]) throws {
        try wrap {
            try pool.write { db in
                for w in writes {
                    switch w {
                    case .put(let r):
                        try db.execute(
                            sql: "INSERT OR REPLACE INTO objects(cluster, resource, namespace, name, rv, json) VALUES (?, ?, ?, ?, ?, ?)",
                            arguments: [cluster, r.resource, r.namespace, r.name, r.resourceVersion, r.json])
                    case .delete(let res, let ns, let name):
                        try db.execute(
                            sql: "DELETE FROM objects WHERE cluster = ? AND resource = ? AND namespace = ? AND name = ?",
                            arguments: [cluster, res, ns, name])
                    }
                }
                try db.execute(sql: "UPDATE clusters SET rv = max(rv, ?) WHERE name = ?", arguments: [resourceVersion, cluster])
                if db.changesCount == 0 { throw StoreError.noCluster(cluster) }
            }
        }
    }

    public func tokens() throws -> [TokenRecord] {
        try wrap {
            try pool.read { db in
                try Row.fetchAll(db, sql: "SELECT token, cluster, namespaces, verbs, label FROM tokens").map { row in
                    TokenRecord(token: row[0], cluster: row[1], namespaces: Self.split(row[2]), verbs: Self.split(row[3]), label: row[4])
                }
            }
        }
    }

    public func saveToken(_ t: TokenRecord) throws {
        try wrap {
            try pool.write { db in
                try db.execute(
                    sql: "INSERT OR REPLACE INTO tokens(token, cluster, namespaces, verbs, label) VALUES (?, ?, ?, ?, ?)",
                    arguments: [t.token, t.cluster, t.namespaces.joined(separator: ","), t.verbs.joined(separator: ","), t.label])
            }
        }
    }

    static func split(_ s: String) -> [String] { s.split(separator: ",").map(String.init) }
}
