import KealmModel
import Testing
@testable import Placement

@Suite struct ConditionTests {
    /// Each row: bound sets in the namespace, sets named by the placement, cluster labels → reason.
    @Test(arguments: [
        ([], [], "NoManagedClusterSetBindings"),
        (["all"], ["other"], "NoIntersection"),
        (["empty"], [], "AllManagedClusterSetsEmpty"),
        (["all"], ["all"], "AllDecisionsScheduled"),
    ] as [([String], [String], String)])
    func satisfiedReasons(bindings: [String], clusterSets: [String], reason: String) {
        let snap = Fleet.snapshot([Fleet.cluster("a")], sets: ["all", "empty", "other"], bindings: bindings)
        let p = PlacementSpec(namespace: "ns", name: "p", clusterSets: clusterSets)
        let out = PlacementReconciler.reconcile(p, snapshot: snap)
        #expect(out.status.condition("PlacementSatisfied")?.reason == reason)
        #expect(out.status.condition("PlacementMisconfigured")?.reason == "Succeedconfigured")
    }

    @Test func noIntersectionMessageAndUnscheduledCount() {
        let snap = Fleet.snapshot([Fleet.cluster("a")], sets: ["all", "other"], bindings: ["all"])
        var out = PlacementReconciler.reconcile(PlacementSpec(namespace: "ns", name: "p", clusterSets: ["other", "x"]), snapshot: snap)
        #expect(out.status.condition("PlacementSatisfied")?.message == "None of ManagedClusterSets [other,x] is bound to placement namespace")
        out = PlacementReconciler.reconcile(PlacementSpec(namespace: "ns", name: "p", numberOfClusters: 3), snapshot: snap)
        #expect(out.status.condition("PlacementSatisfied")?.message == "2 cluster decisions unscheduled")
        #expect(out.status.condition("PlacementSatisfied")?.reason == "NotAllDecisionsScheduled")
    }

    @Test func bindingToMissingSetIsInvalidAndTerminatingClustersAreSkipped() {
        var snap = Fleet.snapshot([Fleet.cluster("a")], sets: [], bindings: ["all"])
        #expect(PlacementReconciler.reconcile(PlacementSpec(namespace: "ns", name: "p"), snapshot: snap)
            .status.condition("PlacementSatisfied")?.reason == "NoManagedClusterSetBindings")
        snap = Fleet.snapshot([Fleet.cluster("a", terminating: true), Fleet.cluster("b")])
        let out = PlacementReconciler.reconcile(PlacementSpec(namespace: "ns", name: "p"), snapshot: snap)
        #expect(out.selectedClusters == ["b"] && out.candidates.terminating == ["a"])
    }

    @Test func labelSelectorSetsAndGlobal() throws {
        let clusters = [Fleet.cluster("a", labels: ["env": "prod"], set: nil), Fleet.cluster("b", set: nil)]
        let prod = ManagedClusterSet(name: "prod", selector: .labelSelector(LabelSelector(matchLabels: ["env": "prod"])))
        let global = ManagedClusterSet(name: "global", selector: .labelSelector(LabelSelector()))
        let snap = FleetSnapshot(clusters: clusters, clusterSets: [prod, global],
            bindings: [ManagedClusterSetBinding(namespace: "ns", clusterSet: "prod"), ManagedClusterSetBinding(namespace: "ns", clusterSet: "global")],
            now: Fleet.now)
        #expect(PlacementReconciler.reconcile(PlacementSpec(namespace: "ns", name: "p", clusterSets: ["prod"]), snapshot: snap).selectedClusters == ["a"])
        #expect(PlacementReconciler.reconcile(PlacementSpec(namespace: "ns", name: "p", clusterSets: ["global"]), snapshot: snap).selectedClusters == ["a", "b"])
    }
}
