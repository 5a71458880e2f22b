import KealmModel
import KealmYAML
import Testing
@testable import Placement

/// `celSelector`: OCM's expression examples, its extension functions, and what is rejected.
@Suite struct CELSelectorTests {
    static let cluster: ManagedCluster = try! ManagedCluster(node: YAMLParser.parse("""
        metadata:
          name: prod-east-1
          labels: {env: prod, region: us-east, tier: gold, cluster.open-cluster-management.io/clusterset: all}
          annotations: {team: payments}
        spec: {hubAcceptsClient: true}
        status:
          version: {kubernetes: v1.30.2}
          allocatable: {cpu: "8", memory: 32Gi}
          clusterClaims:
          - {name: platform.open-cluster-management.io, value: AWS}
          - {name: kubeversion.open-cluster-management.io, value: v1.30.2}
        """))
    static let scores = ["resource-usage": AddOnPlacementScore(clusterName: "prod-east-1", name: "resource-usage",
        scores: ["cpuAvailable": 60, "memAvailable": 20])]

    @Test(arguments: [
        // labels, in, &&, ||, !
        (#"managedCluster.metadata.labels["env"] == "prod""#, true),
        (#"managedCluster.metadata.labels["env"] == "dev""#, false),
        (#"managedCluster.metadata.labels["region"] in ["us-east", "us-west"]"#, true),
        (#""tier" in managedCluster.metadata.labels && managedCluster.metadata.labels.tier != "bronze""#, true),
        (#"managedCluster.metadata.labels["env"] == "dev" || managedCluster.metadata.labels["tier"] == "gold""#, true),
        (#"!(managedCluster.metadata.labels["env"] == "prod")"#, false),
        (#"!("canary" in managedCluster.metadata.labels)"#, true),
        // has()
        ("has(managedCluster.metadata.annotations)", true),
        ("has(managedCluster.metadata.annotations.team)", true),
        ("has(managedCluster.metadata.annotations.owner)", false),
        ("has(managedCluster.status.taints)", false),
        // strings
        (#"managedCluster.metadata.name.startsWith("prod-")"#, true),
        (#"managedCluster.metadata.name.endsWith("-1")"#, true),
        (#"managedCluster.metadata.name.contains("west")"#, false),
        (#"managedCluster.metadata.labels.region.upperAscii() == "US-EAST""#, true),
        // the kubernetes version: string equality, semver comparisons (with or without v)
        (#"managedCluster.status.version.kubernetes == "v1.30.2""#, true),
        (#"managedCluster.status.version.kubernetes.versionIsGreaterThan("1.29.9")"#, true),
        (#"managedCluster.status.version.kubernetes.versionIsGreaterThan("v1.30.2")"#, false),
        (#"managedCluster.status.version.kubernetes.versionIsLessThan("1.31.0")"#, true),
        (#"versionIsGreaterThan(managedCluster.status.version.kubernetes, "1.30.10")"#, false),
        (#"managedCluster.status.version.kubernetes.versionIsGreaterThan("not-a-version")"#, false),
        // claims
        (#"managedCluster.status.clusterClaims.exists(c, c.name == "platform.open-cluster-management.io" && c.value == "AWS")"#, true),
        (#"managedCluster.status.clusterClaims.filter(c, c.value.startsWith("v1.")).size() == 1"#, true),
        // quantities and scores
        (#"managedCluster.status.allocatable.memory.quantityIsGreaterThan("16Gi")"#, true),
        (#"managedCluster.status.allocatable.memory.quantityIsLessThan("30000Mi")"#, false),
        (#"managedCluster.scores("resource-usage").exists(s, s.name == "cpuAvailable" && s.value >= 50)"#, true),
        (#"managedCluster.scores("resource-usage").filter(s, s.value > 30).size() == 1"#, true),
        (#"managedCluster.scores("missing").size() == 0"#, true),
        // runtime errors are false, not failures
        ("managedCluster.metadata.labels.missing == \"x\"", false),
        ("managedCluster.metadata.name == 3 || managedCluster.metadata.labels.nope == \"x\"", false),
    ])
    func evaluates(expr: String, expected: Bool) throws {
        let program = try CELProgram(expr)
        #expect(program.isTrue(for: Self.cluster, scores: Self.scores) == expected, "\(expr)")
    }

    /// Expressions CEL would not compile: the placement becomes misconfigured with a message
    /// that names the expression and the problem.
    @Test(arguments: [
        (#"managedCluster.metadata.labels["env"] =="#, "unexpected token"),
        (#"managedCluster.metadata.labels["env" == "prod""#, "expected ']'"),
        (#"cluster.metadata.labels["env"] == "prod""#, "undeclared reference to 'cluster'"),
        (#"semver("1.0") > 1"#, "undeclared function 'semver'"),
        (#"managedCluster.metadata.name.startsWith()"#, "startsWith takes 2 argument(s), not 1"),
        (#"managedCluster.metadata.labels.exists("k", true)"#, "exists() takes a variable"),
        (#"managedCluster.metadata.name == 'unterminated"#, "unterminated string"),
        ("managedCluster.metadata.name ~ 1", "unexpected character"),
    ])
    func rejects(expr: String, message: String) throws {
        let p = try PlacementSpec(node: YAMLParser.parse("""
            metadata: {name: p, namespace: ns}
            spec: {predicates: [{requiredClusterSelector: {celSelector: {celExpressions: [\(JSON.encode(.string(expr)))]}}}]}
            """))
        let out = PlacementReconciler.reconcile(p, snapshot: Fleet.snapshot([Self.cluster]))
        let condition = out.status.condition("PlacementMisconfigured")
        #expect(condition?.status == "True")
        #expect(condition?.message.contains(message) == true, "\(condition?.message ?? "no condition")")
        #expect(condition?.message.contains("spec.predicates[0]") == true)
        #expect(out.selectedClusters.isEmpty)
    }

    @Test(arguments: [
        ("1.2.3", "1.2.10", true), ("v1.30.2", "1.30.2", false), ("1.0.0-alpha", "1.0.0", true), ("1.0.0-alpha.1", "1.0.0-alpha.beta", true),
        ("1.0.0-beta.2", "1.0.0-beta.11", true), ("1.0.0-rc.1", "1.0.0-rc.1+build.5", false), ("2.0.0", "10.0.0", true),
    ])
    func semverOrder(a: String, b: String, less: Bool) throws {
        #expect((try CELVersion(a) < CELVersion(b)) == less)
    }
}
