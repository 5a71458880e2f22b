import KealmModel
import KealmYAML

/// One row of `kealm status`: an Application on one cluster, read from the Application's Argo CD
/// status and Kealm's `kealm.io/` progress annotations.
public struct AppStatusRow: Sendable, Hashable {
    /// The application: the owning ApplicationSet's name, else the Application's own name.
    public var app: String
    /// The Application object's name (`cluster1-demo-vm`).
    public var application: String
    /// The Application's namespace on the hub.
    public var namespace: String
    /// The destination managed cluster.
    public var cluster: String
    /// The cluster's `env` label, when it has one.
    public var env: String?
    /// The synced revision (full commit id), when known.
    public var revision: String?
    /// `Synced`, `OutOfSync` or `Unknown`.
    public var sync: String
    /// Worst-of health: `Healthy`, `Progressing`, `Degraded`, `Suspended`, `Missing` or `Unknown`.
    public var health: String
    /// The wave being applied, while a sync is in progress.
    public var wave: Int?
    /// How many waves the application has, when known.
    public var totalWaves: Int?
    /// When the last sync finished (RFC 3339), when known.
    public var lastSync: String?
    /// Drift reverts on the member cluster since the Application was created.
    public var driftReverts: Int
    /// What it is waiting on, or the last operation or condition message.
    public var message: String

    /// The first 7 characters of the revision.
    public var shortRevision: String { revision.map { String($0.prefix(7)) } ?? "-" }

    /// Builds the row of an Application. `clusterLabels` maps ManagedCluster names to their labels;
    /// `serverNames` maps cluster API server URLs (`spec.managedClusterClientConfigs`) to cluster names.
    public init(application object: YAMLNode, clusterLabels: [String: [String: String]], serverNames: [String: String] = [:]) {
        let annotations = object.annotations
        application = object.string(at: "metadata", "name") ?? "?"
        namespace = object.string(at: "metadata", "namespace") ?? ""
        let owner = object[path: ["metadata", "ownerReferences"]]?.items?.first { $0.string(at: "kind") == "ApplicationSet" }
        app = owner?.string(at: "name") ?? application
        let server = object.string(at: "spec", "destination", "server")
        cluster = object.string(at: "spec", "destination", "name")
            ?? server.flatMap { serverNames[$0] }
            ?? annotations["kealm.io/cluster"]
            ?? server ?? "-"
        env = clusterLabels[cluster]?["env"]
        revision = object.string(at: "status", "sync", "revision")
        sync = object.string(at: "status", "sync", "status") ?? "Unknown"
        health = object.string(at: "status", "health", "status") ?? "Unknown"
        wave = annotations["kealm.io/current-wave"].flatMap { Int($0) }
        totalWaves = annotations["kealm.io/total-waves"].flatMap { Int($0) }
        lastSync = object.string(at: "status", "operationState", "finishedAt")
        driftReverts = annotations["kealm.io/drift-reverts"].flatMap { Int($0) } ?? 0
        let conditionMessage = object[path: ["status", "conditions"]]?.items?.compactMap { $0.string(at: "message") }.first
        message = annotations["kealm.io/waiting-on"]
            ?? conditionMessage
            ?? object.string(at: "status", "health", "message")
            ?? object.string(at: "status", "operationState", "message") ?? ""
    }

    /// True when the row is Synced and Healthy (or Suspended, the steady state of a stopped VM).
    public var isSettled: Bool { sync == "Synced" && (health == "Healthy" || health == "Suspended") }

    /// The JSON/YAML form printed by `kealm status -o json|yaml`.
    public var node: YAMLNode {
        var pairs: [YAMLPair] = [
            YAMLPair("app", .string(app)), YAMLPair("application", .string(application)),
            YAMLPair("namespace", .string(namespace)), YAMLPair("cluster", .string(cluster)),
            YAMLPair("env", env.map { .string($0) } ?? .null),
            YAMLPair("revision", revision.map { .string($0) } ?? .null),
            YAMLPair("sync", .string(sync)), YAMLPair("health", .string(health)),
            YAMLPair("wave", wave.map { .int($0) } ?? .null),
            YAMLPair("totalWaves", totalWaves.map { .int($0) } ?? .null),
            YAMLPair("lastSync", lastSync.map { .string($0) } ?? .null),
            YAMLPair("driftReverts", .int(driftReverts)),
            YAMLPair("message", .string(message)),
        ]
        pairs.removeAll { $0.value.isNull && $0.key.value != "revision" && $0.key.value != "wave" }
        return .mapping(pairs)
    }
}

/// Builds the rows of `kealm status` from the hub's Applications and ManagedClusters.
public enum StatusReport {
    /// Rows sorted by app, then cluster. `filter` keeps rows whose app or Application name matches;
    /// `cluster` keeps one cluster.
    public static func rows(applications: [YAMLNode], managedClusters: [YAMLNode], filter: [String] = [], cluster: String? = nil)
        -> [AppStatusRow]
    {
        var labels: [String: [String: String]] = [:]
        var servers: [String: String] = [:]
        for c in managedClusters {
            guard let name = c.string(at: "metadata", "name") else { continue }
            labels[name] = c.labels
            for config in c[path: ["spec", "managedClusterClientConfigs"]]?.items ?? [] {
                if let url = config.string(at: "url") { servers[url] = name }
            }
        }
        return applications.map { AppStatusRow(application: $0, clusterLabels: labels, serverNames: servers) }
            .filter { row in filter.isEmpty || filter.contains(row.app) || filter.contains(row.application) }
            .filter { row in cluster == nil || row.cluster == cluster }
            .sorted { ($0.app, $0.cluster, $0.application) < ($1.app, $1.cluster, $1.application) }
    }
}
