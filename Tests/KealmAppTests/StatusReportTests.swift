import Foundation
import Testing
import KealmApp
import KealmYAML

/// Golden tests of `kealm status` output. Regenerate with `KEALM_UPDATE_GOLDEN=1 swift test --filter StatusReport`
/// and review the diff.
@Suite struct StatusReportTests {
    static let hubObjects = """
        apiVersion: cluster.open-cluster-management.io/v1
        kind: ManagedCluster
        metadata: {name: cluster1, labels: {env: dev, cluster.open-cluster-management.io/clusterset: managed}}
        ---
        apiVersion: cluster.open-cluster-management.io/v1
        kind: ManagedCluster
        metadata: {name: cluster2, labels: {env: prod, cluster.open-cluster-management.io/clusterset: managed}}
        ---
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: cluster1-kubevirt
          namespace: argocd
          ownerReferences: [{apiVersion: argoproj.io/v1alpha1, kind: ApplicationSet, name: kubevirt, uid: u1}]
          annotations: {kealm.io/current-wave: "4", kealm.io/waiting-on: "wave 4: Deployment kubevirt/kubevirt-operator Progressing: 0/1 available"}
        spec: {destination: {name: cluster1, namespace: kubevirt}}
        status:
          sync: {status: Synced, revision: 3f2c1d0e9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d}
          health: {status: Progressing}
        ---
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: cluster2-demo-vm
          namespace: argocd
          ownerReferences: [{apiVersion: argoproj.io/v1alpha1, kind: ApplicationSet, name: demo-vm, uid: u2}]
          annotations: {kealm.io/drift-reverts: "2"}
        spec: {destination: {name: cluster2, namespace: demo-vm}}
        status:
          sync: {status: Synced, revision: 9b8a7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b}
          health: {status: Suspended, message: Stopped}
          operationState: {phase: Succeeded, finishedAt: "2026-11-21T02:00:00Z"}
        ---
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: cluster1-demo-vm
          namespace: argocd
          ownerReferences: [{apiVersion: argoproj.io/v1alpha1, kind: ApplicationSet, name: demo-vm, uid: u2}]
        spec: {destination: {name: cluster1, namespace: demo-vm}}
        """

    static func rows(filter: [String] = [], cluster: String? = nil) throws -> [AppStatusRow] {
        let docs = try YAMLParser.parseStream(hubObjects)
        return StatusReport.rows(applications: docs.filter { $0.string(at: "kind") == "Application" },
            managedClusters: docs.filter { $0.string(at: "kind") == "ManagedCluster" }, filter: filter, cluster: cluster)
    }

    static func golden(_ name: String, _ actual: String) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/\(name)")
        if ProcessInfo.processInfo.environment["KEALM_UPDATE_GOLDEN"] != nil {
            try actual.write(to: url, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "golden \(name) differs; regenerate with KEALM_UPDATE_GOLDEN=1 and review")
    }

    @Test func table() throws { try Self.golden("status-table.txt", StatusTable.render(try Self.rows())) }
    @Test func wideTable() throws { try Self.golden("status-wide.txt", StatusTable.render(try Self.rows(), wide: true)) }
    @Test func json() throws { try Self.golden("status.json", JSON.encode(.sequence(try Self.rows().map(\.node))) + "\n") }

    @Test func filtersByAppAndCluster() throws {
        #expect(try Self.rows(filter: ["demo-vm"]).map(\.application) == ["cluster1-demo-vm", "cluster2-demo-vm"])
        #expect(try Self.rows(filter: ["cluster1-kubevirt"]).count == 1)
        #expect(try Self.rows(cluster: "cluster2").map(\.application) == ["cluster2-demo-vm"])
    }

    @Test func settledMeansSyncedAndHealthyOrSuspended() throws {
        let rows = try Self.rows()
        #expect(rows.map(\.isSettled) == [false, true, false])
    }

    @Test func placementWithoutBindingIsLoud() throws {
        let p = try YAMLParser.parse("""
            metadata: {name: all-envs, namespace: argocd}
            status:
              conditions:
              - {type: PlacementSatisfied, status: "False", reason: NoManagedClusterSetBindings, message: None of ManagedClusterSets is bound to placement namespace}
            """)
        let w = PlacementWarnings.warnings([p])
        #expect(w.count == 1)
        #expect(w[0].contains("ManagedClusterSetBinding"))
    }
}
