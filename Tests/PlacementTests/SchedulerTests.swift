import KealmModel
import KealmYAML
import Testing
@testable import Placement

@Suite struct SchedulerTests {
    @Test func selectsByScoreThenNameAndIsDeterministic() throws {
        let clusters = ["b", "a", "d", "c"].map { Fleet.cluster($0) }
        let p = PlacementSpec(namespace: "ns", name: "p", numberOfClusters: 2)
        let snap = Fleet.snapshot(clusters)
        let first = PlacementReconciler.reconcile(p, snapshot: snap)
        #expect(first.selectedClusters == ["a", "b"])
        for _ in 0..<5 {
            #expect(PlacementReconciler.reconcile(p, snapshot: Fleet.snapshot(clusters.reversed())).selectedClusters == ["a", "b"])
        }
        #expect(first.status.condition("PlacementSatisfied")?.reason == "AllDecisionsScheduled")
    }

    @Test func steadyKeepsExistingDecisions() {
        let clusters = ["a", "b", "c"].map { Fleet.cluster($0) }
        let p = PlacementSpec(namespace: "ns", name: "p", numberOfClusters: 1)
        let existing = PlacementDecision(namespace: "ns", name: "p-decision-1", placement: "p", clusterNames: ["c"])
        let out = PlacementReconciler.reconcile(p, snapshot: Fleet.snapshot(clusters, decisions: [existing]))
        #expect(out.selectedClusters == ["c"])
        #expect(out.schedule.trail.totals["c"] == 200)  // Balance 100 + Steady 100
    }

    @Test func balancePrefersLessUsedClusters() {
        let clusters = ["a", "b", "c"].map { Fleet.cluster($0) }
        let other = PlacementDecision(namespace: "ns", name: "q-decision-1", placement: "q", clusterNames: ["a", "b"])
        let other2 = PlacementDecision(namespace: "x", name: "r-decision-1", placement: "r", clusterNames: ["a"])
        let p = PlacementSpec(namespace: "ns", name: "p", numberOfClusters: 1)
        let out = PlacementReconciler.reconcile(p, snapshot: Fleet.snapshot(clusters, decisions: [other, other2]))
        let balance = out.schedule.trail.prioritizers.first { $0.plugin == "Balance" }!.scores
        #expect(balance == ["a": -100, "b": 0, "c": 100])
        #expect(out.selectedClusters == ["c"])
    }

    @Test(arguments: [
        (8.0, 4.0, 2.0, ["a": 100, "b": -33, "c": -100]),
        (4.0, 4.0, 4.0, ["a": 100, "b": 100, "c": 100]),
    ])
    func resourceAllocatable(a: Double, b: Double, c: Double, expected: [String: Int]) {
        let clusters = [Fleet.cluster("a", cpu: a), Fleet.cluster("b", cpu: b), Fleet.cluster("c", cpu: c)]
        let p = PlacementSpec(namespace: "ns", name: "p",
            prioritizerPolicy: PrioritizerPolicy(mode: "Exact", configurations: [(.builtIn("ResourceAllocatableCPU"), 2)]))
        let out = PlacementReconciler.reconcile(p, snapshot: Fleet.snapshot(clusters))
        #expect(out.schedule.trail.prioritizers.map(\.plugin) == ["ResourceAllocatableCPU"])
        #expect(out.schedule.trail.prioritizers[0].scores == expected)
        #expect(out.schedule.trail.totals["a"] == 2 * expected["a"]!)
    }

    @Test func addOnScoresWithExpiry() {
        let clusters = ["a", "b", "c"].map { Fleet.cluster($0) }
        let scores = [
            AddOnPlacementScore(clusterName: "a", name: "load", scores: ["cpu": 10]),
            AddOnPlacementScore(clusterName: "b", name: "load", scores: ["cpu": 90], validUntil: Timestamp(rfc3339: "2025-01-01T00:00:00Z")),
            AddOnPlacementScore(clusterName: "c", name: "load", scores: ["cpu": 50]),
        ]
        let p = PlacementSpec(namespace: "ns", name: "p", numberOfClusters: 1,
            prioritizerPolicy: PrioritizerPolicy(mode: "Exact", configurations: [(.addOn(resourceName: "load", scoreName: "cpu"), 1)]))
        let out = PlacementReconciler.reconcile(p, snapshot: Fleet.snapshot(clusters, scores: scores))
        #expect(out.schedule.trail.prioritizers[0].scores == ["a": 10, "b": 0, "c": 50])
        #expect(out.selectedClusters == ["c"])
        if case .warning(_, let m) = out.schedule.status { #expect(m.contains("b/load")) } else { Issue.record("expected a warning") }
    }

    @Test func misconfiguredPolicyMode() {
        let p = PlacementSpec(namespace: "ns", name: "p", prioritizerPolicy: PrioritizerPolicy(mode: "Weird"))
        let out = PlacementReconciler.reconcile(p, snapshot: Fleet.snapshot([Fleet.cluster("a")]))
        let c = out.status.condition("PlacementMisconfigured")!
        #expect(c.status == "True" && c.message == ":incorrect prioritizer policy mode: Weird")
        #expect(out.selectedClusters.isEmpty)
    }

    @Test func decisionsOf100() {
        let clusters = Fleet.names(150).map { Fleet.cluster($0) }
        let out = PlacementReconciler.reconcile(PlacementSpec(namespace: "ns", name: "p"), snapshot: Fleet.snapshot(clusters))
        #expect(out.decisions.map { $0.string(at: "metadata", "name")! } == ["p-decision-1", "p-decision-2"])
        #expect(out.decisions.map { $0[path: ["status", "decisions"]]!.items!.count } == [100, 50])
        #expect(out.decisions[0].labels == [
            "cluster.open-cluster-management.io/placement": "p",
            "cluster.open-cluster-management.io/decision-group-index": "0",
            "cluster.open-cluster-management.io/decision-group-name": "",
        ])
        #expect(out.status.numberOfSelectedClusters == 150)
        #expect(out.status.decisionGroups.count == 1 && out.status.decisionGroups[0].clustersCount == 150)
    }

    @Test func emptyDecisionWhenNothingSelectedAndStaleOnesDeleted() throws {
        let p = try Fleet.placement("""
            apiVersion: cluster.open-cluster-management.io/v1beta1
            kind: Placement
            metadata: {name: p, namespace: ns}
            spec:
              predicates:
              - requiredClusterSelector:
                  labelSelector: {matchLabels: {env: nowhere}}
            """)
        let old = (1...3).map { PlacementDecision(namespace: "ns", name: "p-decision-\($0)", placement: "p", clusterNames: []) }
        let out = PlacementReconciler.reconcile(p, snapshot: Fleet.snapshot([Fleet.cluster("a")], decisions: old))
        #expect(out.decisions.count == 1)
        #expect(out.decisions[0][path: ["status", "decisions"]]!.items!.isEmpty)
        #expect(out.staleDecisions == ["p-decision-2", "p-decision-3"])
        #expect(out.status.condition("PlacementSatisfied")?.reason == "NoManagedClusterMatched")
        #expect(out.schedule.trail.filters[0].dropped.map(\.cluster) == ["a"])
    }

    /// OCM's worked example: 310 clusters, two named groups of 10, 150 per group → 6 decisions.
    @Test func decisionGroupsWorkedExample() throws {
        var clusters: [ManagedCluster] = []
        for (i, n) in Fleet.names(310).enumerated() {
            var labels: [String: String] = [:]
            if i < 10 { labels["canary"] = "west" } else if i < 20 { labels["canary"] = "east" }
            clusters.append(Fleet.cluster(n, labels: labels))
        }
        let p = try Fleet.placement("""
            apiVersion: cluster.open-cluster-management.io/v1beta1
            kind: Placement
            metadata: {name: p, namespace: ns}
            spec:
              decisionStrategy:
                groupStrategy:
                  clustersPerDecisionGroup: 150
                  decisionGroups:
                  - groupName: canary-west
                    groupClusterSelector: {labelSelector: {matchLabels: {canary: west}}}
                  - groupName: canary-east
                    groupClusterSelector: {labelSelector: {matchLabels: {canary: east}}}
            """)
        let out = PlacementReconciler.reconcile(p, snapshot: Fleet.snapshot(clusters))
        #expect(out.decisions.count == 6)
        let groups = out.status.decisionGroups
        #expect(groups.map(\.name) == ["canary-west", "canary-east", "", ""])
        #expect(groups.map(\.clustersCount) == [10, 10, 150, 140])
        #expect(groups.map(\.decisions) == [["p-decision-1"], ["p-decision-2"], ["p-decision-3", "p-decision-4"], ["p-decision-5", "p-decision-6"]])
        #expect(out.decisions[4].labels["cluster.open-cluster-management.io/decision-group-index"] == "3")
        #expect(out.decisions.map { $0[path: ["status", "decisions"]]!.items!.count } == [10, 10, 100, 50, 100, 40])
    }

    @Test func percentageGroups() throws {
        let clusters = Fleet.names(10).map { Fleet.cluster($0) }
        var p = PlacementSpec(namespace: "ns", name: "p")
        p.groupStrategy = GroupStrategy(clustersPerDecisionGroup: "25%")
        let out = PlacementReconciler.reconcile(p, snapshot: Fleet.snapshot(clusters))
        #expect(out.status.decisionGroups.map(\.clustersCount) == [3, 3, 3, 1])
        p.groupStrategy = GroupStrategy(clustersPerDecisionGroup: "lots")
        let bad = PlacementReconciler.reconcile(p, snapshot: Fleet.snapshot(clusters))
        #expect(bad.status.condition("PlacementMisconfigured")?.status == "True")
    }
}
