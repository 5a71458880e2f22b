import KealmModel
import KealmYAML
import Placement
import Testing
@testable import Generation

@Suite struct GitOpsClusterTests {
    @Test func secretsConfigMapAndStale() throws {
        let g = try GitOpsClusterSpec(node: YAMLParser.parse("""
            apiVersion: apps.open-cluster-management.io/v1beta1
            kind: GitOpsCluster
            metadata: {name: g, namespace: argocd}
            spec: {argoServer: {argoNamespace: argocd}, placementRef: {kind: Placement, name: p}}
            """))
        let clusters = ["dev-1": ManagedCluster(name: "dev-1", labels: ["env": "dev"]),
            "prod-1": ManagedCluster(name: "prod-1", labels: ["env": "prod", "cluster.open-cluster-management.io/clusterset": "all"])]
        let decisions = [PlacementDecision(namespace: "argocd", name: "p-decision-1", placement: "p", clusterNames: ["prod-1", "dev-1"])]
        let old = try YAMLParser.parse("""
            apiVersion: v1
            kind: Secret
            metadata: {name: gone-application-manager-cluster-secret, namespace: argocd, labels: {apps.open-cluster-management.io/acm-cluster: "true"}}
            """)
        let out = GitOpsClusterReconciler.reconcile(g, decisions: decisions, clusters: clusters, existingSecrets: [old])
        #expect(out.secrets.map { $0.string(at: "metadata", "name")! } == [
            "dev-1-application-manager-cluster-secret", "prod-1-application-manager-cluster-secret",
        ])
        #expect(out.secrets[1].labels["env"] == "prod")
        #expect(out.secrets[1].labels["argocd.argoproj.io/secret-type"] == "cluster")
        #expect(out.staleSecrets == ["gone-application-manager-cluster-secret"])
        #expect(out.phase == "successful")
        #expect(out.message == "Added managed clusters [dev-1 prod-1] to gitops namespace argocd")
        #expect(out.configMap.string(at: "data", "matchKey") == "clusterName")
        // The secrets feed the clusters generator: `{{metadata.labels.env}}` works.
        let secret = try ClusterSecret(node: out.secrets[1])
        #expect(secret.name == "prod-1" && secret.labels["env"] == "prod" && secret.server == "https://prod-1-control-plane")
    }
}
