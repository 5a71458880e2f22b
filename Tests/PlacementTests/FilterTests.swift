import KealmModel
import KealmYAML
import Testing
@testable import Placement

@Suite struct FilterTests {
    static let added = Timestamp(rfc3339: "2026-01-01T00:00:00Z")!

    /// Taint effect, toleration, seconds since the taint was added, cluster already decided → kept?
    @Test(arguments: [
        (Taint.Effect.noSelect, nil, 0, false, false),
        (.noSelect, Toleration(key: "gpu", op: "Exists"), 0, false, true),
        (.noSelect, Toleration(key: "gpu", value: "yes"), 0, false, true),
        (.noSelect, Toleration(key: "gpu", value: "no"), 0, false, false),
        (.noSelect, Toleration(key: "gpu", op: "Exists", effect: "NoSelectIfNew"), 0, false, false),
        (.preferNoSelect, nil, 0, false, true),
        (.noSelectIfNew, nil, 0, false, false),
        (.noSelectIfNew, nil, 0, true, true),
        (.noSelect, Toleration(key: "gpu", op: "Exists", tolerationSeconds: 60), 59, true, true),
        (.noSelect, Toleration(key: "gpu", op: "Exists", tolerationSeconds: 60), 60, true, false),
        (.noSelect, Toleration(op: "Exists"), 0, false, true),
    ] as [(Taint.Effect, Toleration?, Int64, Bool, Bool)])
    func taintToleration(effect: Taint.Effect, toleration: Toleration?, elapsed: Int64, decided: Bool, kept: Bool) {
        let c = Fleet.cluster("a", taints: [Taint(key: "gpu", value: "yes", effect: effect, timeAdded: Self.added)])
        let p = PlacementSpec(namespace: "ns", name: "p", tolerations: toleration.map { [$0] } ?? [])
        let decisions = decided ? [PlacementDecision(namespace: "ns", name: "p-decision-1", placement: "p", clusterNames: ["a"])] : []
        let snap = Fleet.snapshot([c], decisions: decisions, now: Self.added.adding(seconds: elapsed))
        let r = TaintTolerationFilter().filter([c], PlacementContext(placement: p, snapshot: snap))
        #expect((r.kept.count == 1) == kept)
    }

    @Test func tolerationExpiryGivesRequeueTime() {
        let c = Fleet.cluster("a", taints: [Taint(key: "unreachable", effect: .noSelect, timeAdded: Self.added)])
        let p = PlacementSpec(namespace: "ns", name: "p", tolerations: [Toleration(key: "unreachable", op: "Exists", tolerationSeconds: 300)])
        let out = PlacementReconciler.reconcile(p, snapshot: Fleet.snapshot([c], now: Self.added.adding(seconds: 10)))
        #expect(out.selectedClusters == ["a"])
        #expect(out.schedule.requeueAt == Self.added.adding(seconds: 300))
        let later = PlacementReconciler.reconcile(p, snapshot: Fleet.snapshot([c], now: Self.added.adding(seconds: 301)))
        #expect(later.selectedClusters.isEmpty)
        #expect(later.schedule.trail.filters[1].dropped[0].reason.contains("expired"))
    }

    @Test func badTolerationIsMisconfigured() {
        let p = PlacementSpec(namespace: "ns", name: "p", tolerations: [Toleration(key: "", op: "Equal")])
        let out = PlacementReconciler.reconcile(p, snapshot: Fleet.snapshot([Fleet.cluster("a")]))
        #expect(out.status.condition("PlacementMisconfigured")?.message == "TaintToleration:If the key is empty, operator must be Exists.")
    }

    /// Predicates are ORed; within one, label, claim and CEL selectors are ANDed.
    @Test(arguments: [
        ("[{requiredClusterSelector: {labelSelector: {matchLabels: {env: prod}}}}]", ["p1", "p2"]),
        ("[{requiredClusterSelector: {labelSelector: {matchLabels: {env: prod}}, claimSelector: {matchExpressions: [{key: region, operator: In, values: [eu]}]}}}]", ["p1"]),
        ("[{requiredClusterSelector: {labelSelector: {matchLabels: {env: dev}}}}, {requiredClusterSelector: {claimSelector: {matchExpressions: [{key: region, operator: In, values: [us]}]}}}]", ["d1", "p2"]),
        ("[{requiredClusterSelector: {celSelector: {celExpressions: ['managedCluster.metadata.labels[\"env\"] == \"prod\" && managedCluster.status.clusterClaims.exists(c, c.name == \"region\" && c.value == \"us\")']}}}]", ["p2"]),
        ("[{requiredClusterSelector: {celSelector: {celExpressions: ['\"env\" in managedCluster.metadata.labels', 'managedCluster.metadata.name.startsWith(\"d\")']}}}]", ["d1"]),
    ])
    func predicates(yaml: String, expected: [String]) throws {
        func c(_ n: String, _ env: String, _ region: String) throws -> ManagedCluster {
            try ManagedCluster(node: YAMLParser.parse("""
                metadata: {name: \(n), labels: {env: \(env), cluster.open-cluster-management.io/clusterset: all}}
                status: {clusterClaims: [{name: region, value: \(region)}]}
                """))
        }
        let clusters = [try c("d1", "dev", "eu"), try c("p1", "prod", "eu"), try c("p2", "prod", "us")]
        let p = try Fleet.placement("metadata: {name: p, namespace: ns}\nspec: {predicates: \(yaml)}")
        #expect(PlacementReconciler.reconcile(p, snapshot: Fleet.snapshot(clusters)).selectedClusters == expected)
    }

    @Test func parseErrorsNameObjectAndField() {
        #expect(throws: ModelError.self) { try Fleet.placement("metadata: {name: p, namespace: ns}\nspec: {numberOfClusters: many}") }
        do {
            _ = try Fleet.placement("metadata: {name: p, namespace: ns}\nspec: {tolerations: [{key: a, operator: Maybe}]}")
        } catch let e as ModelError {
            #expect(e.object == "Placement ns/p" && e.field == "spec.tolerations[0].operator")
        } catch { Issue.record("unexpected \(error)") }
    }
}

@Suite struct CELTests {
    @Test func syntaxErrorIsMisconfigured() throws {
        let p = try Fleet.placement("""
            metadata: {name: p, namespace: ns}
            spec: {predicates: [{requiredClusterSelector: {celSelector: {celExpressions: ['managedCluster.metadata.name ==']}}}]}
            """)
        let out = PlacementReconciler.reconcile(p, snapshot: Fleet.snapshot([Fleet.cluster("a")]))
        #expect(out.status.condition("PlacementMisconfigured")?.status == "True")
        #expect(out.selectedClusters.isEmpty)
    }

    @Test(arguments: [
        ("size(managedCluster.metadata.name) == 1", true),
        ("managedCluster.metadata.labels.exists(k, k.startsWith(\"cluster.\"))", true),
        ("has(managedCluster.spec) || 1 + 2 * 3 == 7", true),
        ("managedCluster.metadata.name in [\"b\", \"c\"]", false),
        ("managedCluster.status.unknown == 1", false),
    ])
    func expressions(expr: String, matches: Bool) throws {
        let prog = try CELProgram(expr)
        #expect(prog.isTrue(for: Fleet.cluster("a")) == matches)
    }
}
