import Foundation
import Testing
import KealmApp
import KealmModel
import KealmYAML
import KubeClient
import TestSupport

/// The fleet controller against a real `kealm hub serve` over loopback: labels drive decisions,
/// cluster Secrets and Applications; a lost binding holds everything and is reported.
@Suite(.serialized) struct FleetControllerTests {
    static var kealm: String {
        var path = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: path.appendingPathComponent("kealm").path) && path.path != "/" {
            path = path.deletingLastPathComponent()
        }
        return path.appendingPathComponent("kealm").path
    }

    static let fleetObjects = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: argocd}
        ---
        apiVersion: cluster.open-cluster-management.io/v1
        kind: ManagedCluster
        metadata: {name: c1, labels: {env: dev, cluster.open-cluster-management.io/clusterset: managed}}
        spec: {hubAcceptsClient: true, managedClusterClientConfigs: [{url: "https://c1.example"}]}
        ---
        apiVersion: cluster.open-cluster-management.io/v1
        kind: ManagedCluster
        metadata: {name: c2, labels: {cluster.open-cluster-management.io/clusterset: managed}}
        spec: {hubAcceptsClient: true, managedClusterClientConfigs: [{url: "https://c2.example"}]}
        ---
        apiVersion: cluster.open-cluster-management.io/v1beta2
        kind: ManagedClusterSet
        metadata: {name: managed}
        spec: {clusterSelector: {selectorType: ExclusiveClusterSetLabel}}
        ---
        apiVersion: cluster.open-cluster-management.io/v1beta2
        kind: ManagedClusterSetBinding
        metadata: {name: managed, namespace: argocd}
        spec: {clusterSet: managed}
        ---
        apiVersion: cluster.open-cluster-management.io/v1beta1
        kind: Placement
        metadata: {name: all-envs, namespace: argocd}
        spec:
          clusterSets: [managed]
          predicates:
          - requiredClusterSelector:
              labelSelector:
                matchExpressions: [{key: env, operator: In, values: [dev, prod]}]
        ---
        apiVersion: apps.open-cluster-management.io/v1beta1
        kind: GitOpsCluster
        metadata: {name: fleet, namespace: argocd}
        spec:
          argoServer: {cluster: local-cluster, argoNamespace: argocd}
          placementRef: {apiVersion: cluster.open-cluster-management.io/v1beta1, kind: Placement, name: all-envs}
        ---
        apiVersion: argoproj.io/v1alpha1
        kind: ApplicationSet
        metadata: {name: demo-vm, namespace: argocd}
        spec:
          generators:
          - clusters: {selector: {matchLabels: {argocd.argoproj.io/secret-type: cluster}}}
          template:
            metadata: {name: "{{name}}-demo-vm"}
            spec:
              project: default
              source: {repoURL: "https://example.invalid/repo.git", targetRevision: HEAD, path: "kustomize/demo-vm/{{metadata.labels.env}}"}
              destination: {server: "{{server}}", namespace: demo-vm}
        """

    func eventually(_ what: String, timeout: Double = 60, _ check: () async throws -> Bool) async throws -> Double {
        let start = Date()
        while Date().timeIntervalSince(start) < TestTimeouts.scaled(timeout) {
            if (try? await check()) == true { return Date().timeIntervalSince(start) }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        Issue.record("timed out waiting for \(what)")
        return timeout
    }

    @Test func labelsDriveApplicationsAndALostBindingHoldsThem() async throws {
        let dir = NSTemporaryDirectory() + "kealm-fleet-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let server = try SpawnedProcess([Self.kealm, "hub", "serve", "--data", dir + "/data", "--port", "0", "--stages", "none"],
            logPath: dir + "/hub.log")
        defer { server.stop(grace: 0.5) }
        _ = try await server.waitForLog("listening on ", timeout: 120)
        let hub = try KubeClient(kubeconfig: dir + "/data/admin.kubeconfig")
        for crd in HubCRDs.all { _ = try await hub.apply(crd, fieldManager: "test", force: true) }
        _ = try await eventually("CRDs served") { (try? await hub.list(FleetKinds.applicationSet, namespace: "argocd")) != nil }
        for doc in try YAMLParser.parseStream(Self.fleetObjects) { _ = try await hub.apply(doc, fieldManager: "test", force: true) }

        // A resync far beyond the test's length: every reaction below comes from watches.
        let controller = FleetController(client: hub, interval: 3600)
        let task = Task { try await controller.run() }
        defer { task.cancel() }
        func apps() async throws -> [String] {
            try await hub.list(FleetKinds.application, namespace: "argocd").items.compactMap { $0.string(at: "metadata", "name") }.sorted()
        }

        _ = try await eventually("the dev cluster's Application") { try await apps() == ["c1-demo-vm"] }
        let app = try await hub.get(FleetKinds.application, name: "c1-demo-vm", namespace: "argocd")
        #expect(app.string(at: "spec", "source", "path") == "kustomize/demo-vm/dev")

        // Labelling c2 env=prod: decision, cluster Secret and Application follow.
        _ = try await hub.patch(FleetKinds.managedCluster, name: "c2", type: .merge,
            patch: try YAMLParser.parse("{metadata: {labels: {env: prod}}}"))
        _ = try await eventually("the prod cluster's Application", timeout: 60) { try await apps() == ["c1-demo-vm", "c2-demo-vm"] }
        let prod = try await hub.get(FleetKinds.application, name: "c2-demo-vm", namespace: "argocd")
        #expect(prod.string(at: "spec", "source", "path") == "kustomize/demo-vm/prod")
        let decision = try await hub.get(FleetKinds.placementDecision, name: "all-envs-decision-1", namespace: "argocd")
        #expect(decision[path: ["status", "decisions"]]?.items?.compactMap { $0.string(at: "clusterName") }.sorted() == ["c1", "c2"])
        _ = try await hub.get(FleetKinds.secret, name: "c2-application-manager-cluster-secret", namespace: "argocd")

        // Relabelling a selected cluster dev → prod: its Secret's labels and its Application's overlay follow.
        _ = try await hub.patch(FleetKinds.managedCluster, name: "c1", type: .merge,
            patch: try YAMLParser.parse("{metadata: {labels: {env: prod}}}"))
        _ = try await eventually("c1's Application on the prod overlay", timeout: 60) {
            try await hub.get(FleetKinds.application, name: "c1-demo-vm", namespace: "argocd").string(at: "spec", "source", "path")
                == "kustomize/demo-vm/prod"
        }
        // A cluster Secret deleted by hand comes back.
        _ = try await hub.delete(FleetKinds.secret, name: "c1-application-manager-cluster-secret", namespace: "argocd")
        _ = try await eventually("c1's Secret recreated", timeout: 60) {
            (try? await hub.get(FleetKinds.secret, name: "c1-application-manager-cluster-secret", namespace: "argocd")) != nil
        }

        // Deleting the binding: the placement says why, Applications stay, the ApplicationSet reports it.
        _ = try await hub.delete(FleetKinds.managedClusterSetBinding, name: "managed", namespace: "argocd")
        _ = try await eventually("NoManagedClusterSetBindings") {
            let p = try await hub.get(FleetKinds.placement, name: "all-envs", namespace: "argocd")
            return p[path: ["status", "conditions"]]?.items?.contains { $0.string(at: "reason") == "NoManagedClusterSetBindings" } ?? false
        }
        _ = try await eventually("the ApplicationSet error") {
            let a = try await hub.get(FleetKinds.applicationSet, name: "demo-vm", namespace: "argocd")
            return a[path: ["status", "conditions"]]?.items?.contains {
                $0.string(at: "type") == "ErrorOccurred" && $0.string(at: "status") == "True"
                    && ($0.string(at: "message") ?? "").contains("NoManagedClusterSetBindings")
            } ?? false
        }
        try await Task.sleep(nanoseconds: 1_000_000_000)
        #expect(try await apps() == ["c1-demo-vm", "c2-demo-vm"])
        _ = try await hub.get(FleetKinds.secret, name: "c2-application-manager-cluster-secret", namespace: "argocd")

        // The binding back: the placement is satisfied again and the ApplicationSet's error clears.
        _ = try await hub.apply(try YAMLParser.parse("""
            {apiVersion: cluster.open-cluster-management.io/v1beta2, kind: ManagedClusterSetBinding,
             metadata: {name: managed, namespace: argocd}, spec: {clusterSet: managed}}
            """), fieldManager: "test", force: true)
        _ = try await eventually("the ApplicationSet error cleared", timeout: 60) {
            let a = try await hub.get(FleetKinds.applicationSet, name: "demo-vm", namespace: "argocd")
            return a[path: ["status", "conditions"]]?.items?.contains {
                $0.string(at: "type") == "ErrorOccurred" && $0.string(at: "status") == "False"
            } ?? false
        }
        // Removing the env label: the cluster leaves the placement, its Secret and Application go.
        _ = try await hub.patch(FleetKinds.managedCluster, name: "c2", type: .merge,
            patch: try YAMLParser.parse("{metadata: {labels: {env: null}}}"))
        _ = try await eventually("c2's Application removed", timeout: 60) { try await apps() == ["c1-demo-vm"] }
        #expect((try? await hub.get(FleetKinds.secret, name: "c2-application-manager-cluster-secret", namespace: "argocd")) == nil)
    }
}
