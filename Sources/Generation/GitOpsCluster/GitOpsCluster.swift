import KealmModel
import KealmYAML
import Placement

/// A typed view of an `apps.open-cluster-management.io/v1beta1` GitOpsCluster: registers the
/// clusters a Placement selects with the Argo CD instance in `argoServer.argoNamespace`.
public struct GitOpsClusterSpec: Sendable {
    public var namespace: String
    public var name: String
    /// `spec.argoServer.argoNamespace`: where the cluster Secrets and the ConfigMap go.
    public var argoNamespace: String
    /// `spec.placementRef.name` (a Placement in the GitOpsCluster's namespace).
    public var placementName: String
    public var object: YAMLNode

    public init(node: YAMLNode) throws(ModelError) {
        let r = FieldReader(node, kind: "GitOpsCluster")
        guard let name = try r.string(node[path: ["metadata", "name"]], "metadata.name"), !name.isEmpty else {
            throw r.error("metadata.name", "a GitOpsCluster needs a name")
        }
        self.name = name
        namespace = try r.string(node[path: ["metadata", "namespace"]], "metadata.namespace") ?? "default"
        guard let argoNs = try r.string(node[path: ["spec", "argoServer", "argoNamespace"]], "spec.argoServer.argoNamespace"),
            !argoNs.isEmpty
        else { throw r.error("spec.argoServer.argoNamespace", "a GitOpsCluster needs the Argo CD namespace") }
        argoNamespace = argoNs
        let kind = try r.string(node[path: ["spec", "placementRef", "kind"]], "spec.placementRef.kind") ?? "Placement"
        guard kind == "Placement" else {
            throw r.error("spec.placementRef.kind", "unsupported placement kind '\(kind)'", hint: "use kind: Placement")
        }
        guard let p = try r.string(node[path: ["spec", "placementRef", "name"]], "spec.placementRef.name"), !p.isEmpty else {
            throw r.error("spec.placementRef.name", "a GitOpsCluster needs a placementRef")
        }
        placementName = p
        object = node
    }
}

/// What the hub should hold for one GitOpsCluster.
public struct GitOpsClusterOutcome: Sendable {
    /// The Argo CD cluster Secrets, one per selected cluster, sorted by name.
    public var secrets: [YAMLNode]
    /// The `acm-placement` ConfigMap the `clusterDecisionResource` generator reads.
    public var configMap: YAMLNode
    /// Names of existing managed cluster Secrets in the Argo CD namespace to delete.
    public var staleSecrets: [String]
    /// `status.phase`: `successful` or `failed`.
    public var phase: String
    public var message: String
    /// The GitOpsCluster with its status.
    public var objectWithStatus: YAMLNode
}

/// The pure GitOpsCluster reconcile (upstream's multicloud-integrations semantics, pull of the
/// cluster list only; no add-ons, no agent mode).
public enum GitOpsClusterReconciler {
    public static let secretSuffix = "-application-manager-cluster-secret"
    public static let acmClusterLabel = "apps.open-cluster-management.io/acm-cluster"
    public static let clusterNameLabel = "apps.open-cluster-management.io/cluster-name"
    public static let clusterServerLabel = "apps.open-cluster-management.io/cluster-server"

    /// How to reach a cluster: its API server URL and the Argo CD `config` JSON. The default uses
    /// the ManagedCluster's first `spec.managedClusterClientConfigs` URL, else upstream's
    /// `https://<name>-control-plane` placeholder, and an empty config (no credentials).
    public typealias Endpoint = @Sendable (ManagedCluster) -> (server: String, config: String)

    public static let defaultEndpoint: Endpoint = { c in
        let url = c.object[path: ["spec", "managedClusterClientConfigs"]]?.items?.first?.string(at: "url")
        return (url ?? "https://\(c.name)-control-plane", "{}")
    }

    /// - Parameters:
    ///   - decisions: the PlacementDecisions in the GitOpsCluster's namespace (any placement).
    ///   - clusters: ManagedClusters by name.
    ///   - existingSecrets: Secrets in the Argo CD namespace.
    public static func reconcile(_ g: GitOpsClusterSpec, decisions: [PlacementDecision], clusters: [String: ManagedCluster],
        existingSecrets: [YAMLNode] = [], endpoint: Endpoint = defaultEndpoint) -> GitOpsClusterOutcome
    {
        let mine = decisions.filter { $0.namespace == g.namespace && $0.placement == g.placementName }
        var selected: [String] = []
        var seen = Set<String>()
        for d in mine.sorted(by: { $0.name < $1.name }) {
            for c in d.clusterNames where seen.insert(c).inserted { selected.append(c) }
        }
        selected.sort()
        var secrets: [YAMLNode] = []
        var missing: [String] = []
        for name in selected {
            guard let c = clusters[name] else {
                missing.append(name)
                continue
            }
            secrets.append(secret(for: c, namespace: g.argoNamespace, endpoint: endpoint))
        }
        let wanted = Set(secrets.compactMap { $0.string(at: "metadata", "name") })
        let stale = existingSecrets.filter {
            $0.string(at: "metadata", "namespace") == g.argoNamespace && $0.labels[acmClusterLabel] == "true"
                && $0.string(at: "metadata", "name").map { !wanted.contains($0) && $0.hasSuffix(secretSuffix) } == true
        }.compactMap { $0.string(at: "metadata", "name") }.sorted()
        let phase: String
        let message: String
        if mine.isEmpty {
            phase = "failed"
            message = "no PlacementDecisions found for Placement \(g.namespace)/\(g.placementName)"
        } else if !missing.isEmpty {
            phase = "failed"
            message = "ManagedClusters not found: \(missing.joined(separator: " "))"
        } else {
            phase = "successful"
            message = "Added managed clusters [\(selected.joined(separator: " "))] to gitops namespace \(g.argoNamespace)"
        }
        var obj = g.object
        obj["status"] = .mapping([YAMLPair("phase", .string(phase)), YAMLPair("message", .string(message))])
        return GitOpsClusterOutcome(secrets: secrets, configMap: placementConfigMap(namespace: g.argoNamespace), staleSecrets: stale,
            phase: phase, message: message, objectWithStatus: obj)
    }

    /// The Argo CD cluster Secret of a managed cluster; the cluster's labels are copied (fixed labels win).
    public static func secret(for c: ManagedCluster, namespace: String, endpoint: Endpoint = defaultEndpoint) -> YAMLNode {
        let (server, config) = endpoint(c)
        let host = server.split(separator: "/").dropFirst().first.map(String.init) ?? server
        var labels: [String: String] = [
            ClusterSecret.typeLabel: ClusterSecret.typeValue, acmClusterLabel: "true", clusterNameLabel: c.name,
            clusterServerLabel: String(host.prefix(63)),
        ]
        for (k, v) in c.labels where labels[k] == nil { labels[k] = v }
        return .mapping([
            YAMLPair("apiVersion", .string("v1")), YAMLPair("kind", .string("Secret")),
            YAMLPair("metadata", .mapping([
                YAMLPair("name", .string(c.name + secretSuffix)), YAMLPair("namespace", .string(namespace)),
                YAMLPair("labels", .mapping(labels.keys.sorted().map { YAMLPair($0, .string(labels[$0]!)) })),
            ])),
            YAMLPair("type", .string("Opaque")),
            YAMLPair("stringData", .mapping([
                YAMLPair("config", .string(config)), YAMLPair("name", .string(c.name)), YAMLPair("server", .string(server)),
            ])),
        ])
    }

    /// OCM's `acm-placement` ConfigMap: PlacementDecisions as a duck-typed cluster decision resource.
    public static func placementConfigMap(namespace: String) -> YAMLNode {
        .mapping([
            YAMLPair("apiVersion", .string("v1")), YAMLPair("kind", .string("ConfigMap")),
            YAMLPair("metadata", .mapping([YAMLPair("name", .string("acm-placement")), YAMLPair("namespace", .string(namespace))])),
            YAMLPair("data", .mapping([
                YAMLPair("apiVersion", .string("cluster.open-cluster-management.io/v1beta1")),
                YAMLPair("kind", .string("placementdecisions")), YAMLPair("statusListKey", .string("decisions")),
                YAMLPair("matchKey", .string("clusterName")),
            ])),
        ])
    }
}
