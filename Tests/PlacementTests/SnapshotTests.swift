import KealmModel
import KealmYAML
import Testing
@testable import Placement

@Suite struct SnapshotTests {
    @Test func fromObjectsSkipsBadOnesAndReportsThem() throws {
        let objects = try YAMLParser.parseStream("""
            apiVersion: cluster.open-cluster-management.io/v1
            kind: ManagedCluster
            metadata: {name: good, labels: {cluster.open-cluster-management.io/clusterset: s}}
            status: {allocatable: {cpu: 500m, memory: 2Gi}, capacity: {cpu: "1", memory: 4Gi}}
            ---
            apiVersion: cluster.open-cluster-management.io/v1
            kind: ManagedCluster
            metadata: {name: bad}
            spec: {taints: [{key: k, effect: Sometimes}]}
            ---
            apiVersion: cluster.open-cluster-management.io/v1beta2
            kind: ManagedClusterSet
            metadata: {name: s}
            ---
            apiVersion: cluster.open-cluster-management.io/v1beta2
            kind: ManagedClusterSetBinding
            metadata: {name: s, namespace: ns}
            spec: {clusterSet: s}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: ignored}
            """)
        let (snap, errors) = FleetSnapshot.from(objects: objects, now: Fleet.now)
        #expect(errors.count == 1 && errors[0].object == "ManagedCluster bad" && errors[0].field == "spec.taints[0].effect")
        #expect(snap.clusterNames == ["good"])
        #expect(snap.clusters["good"]?.allocatable == ["cpu": 0.5, "memory": 2_147_483_648])
        #expect(PlacementReconciler.reconcile(PlacementSpec(namespace: "ns", name: "p"), snapshot: snap).selectedClusters == ["good"])
    }

    @Test(arguments: [
        ("2026-01-01T00:00:00Z", 1_767_225_600), ("2026-01-01T02:00:00+02:00", 1_767_225_600), ("1970-01-01T00:00:01.5Z", 1),
    ])
    func timestamps(text: String, seconds: Int64) {
        #expect(Timestamp(rfc3339: text)?.seconds == seconds)
        #expect(Timestamp(seconds: seconds).rfc3339.hasSuffix("Z"))
    }
}
