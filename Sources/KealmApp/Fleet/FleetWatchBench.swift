import Foundation
import KealmYAML
import KubeClient

/// The watch-driven fleet controller against a real hub (`bench/fleet.bench` starts
/// `kealm hub serve`): N ManagedClusters, one Placement choosing `selected` of them, a
/// GitOpsCluster and a `clusters` ApplicationSet whose path follows the cluster's `env` label.
/// Measures the time to converge, the controller's memory (RSS of this process before and after
/// it started), and the reaction latency of `changes` label flips (label patched → the
/// Application's path updated, seen through a watch).
public enum FleetWatchBench {
    public struct Figures: Sendable {
        public var clusters = 0
        public var secondsToCreate = 0.0
        public var secondsToConverge = 0.0
        public var rssBeforeMiB = 0.0
        public var rssAfterMiB = 0.0
        public var latenciesMs: [Double] = []
        public var cpuSeconds = 0.0
    }

    public static func run(client: KubeClient, clusters: Int, selected: Int, changes: Int, log: @Sendable (String) -> Void) async throws
        -> Figures
    {
        var f = Figures()
        f.clusters = clusters
        for crd in HubCRDs.all { _ = try await client.apply(crd, fieldManager: "bench", force: true) }
        while (try? await client.list(FleetKinds.applicationSet, namespace: "argocd")) == nil { try await Task.sleep(nanoseconds: 100_000_000) }
        for doc in try YAMLParser.parseStream(objects(selected: selected)) { _ = try await client.apply(doc, fieldManager: "bench", force: true) }
        let t0 = Date()
        try await withThrowingTaskGroup(of: Void.self) { group in
            let lanes = 8
            for lane in 0..<lanes {
                group.addTask {
                    for i in stride(from: lane, to: clusters, by: lanes) {
                        _ = try await client.apply(cluster(i), fieldManager: "bench", force: true)
                    }
                }
            }
            try await group.waitForAll()
        }
        f.secondsToCreate = Date().timeIntervalSince(t0)
        log("created \(clusters) ManagedClusters in \(String(format: "%.1f", f.secondsToCreate)) s")

        let apps = Informer(client: client, gvk: FleetKinds.application, namespace: "argocd")
        apps.start()
        defer { apps.stop() }
        await apps.waitForSync()
        f.rssBeforeMiB = rssMiB()
        let cpu0 = cpuSeconds()
        let controller = FleetController(client: client, interval: 3600)
        let task = Task { try await controller.run() }
        defer { task.cancel() }
        let t1 = Date()
        while apps.store.count < selected { try await Task.sleep(nanoseconds: 20_000_000) }
        f.secondsToConverge = Date().timeIntervalSince(t1)
        log("\(selected) Applications in \(String(format: "%.2f", f.secondsToConverge)) s")

        // The label flips: one selected cluster, dev ↔ prod.
        guard let app = apps.store.list().first, let clusterName = app.string(at: "metadata", "name").map({ String($0.dropLast("-app".count)) })
        else { return f }
        var env = "dev"
        for _ in 0..<changes {
            env = env == "dev" ? "prod" : "dev"
            let start = Date()
            _ = try await client.patch(FleetKinds.managedCluster, name: clusterName, type: .merge,
                patch: .mapping([YAMLPair("metadata", .mapping([YAMLPair("labels", .mapping([YAMLPair("env", .string(env))]))]))]))
            while apps.get(namespace: "argocd", name: clusterName + "-app")?.string(at: "spec", "source", "path") != "overlays/\(env)" {
                if Date().timeIntervalSince(start) > 60 { throw FleetBenchTimeout() }
                try await Task.sleep(nanoseconds: 1_000_000)
            }
            f.latenciesMs.append(Date().timeIntervalSince(start) * 1000)
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        f.rssAfterMiB = rssMiB()
        f.cpuSeconds = cpuSeconds() - cpu0
        return f
    }

    struct FleetBenchTimeout: Error, CustomStringConvertible {
        var description: String { "an Application did not follow its cluster's label within 60 s" }
    }

    static func objects(selected: Int) -> String {
        """
        apiVersion: v1
        kind: Namespace
        metadata: {name: argocd}
        ---
        \(fleetSelection(numberOfClusters: selected))
        ---
        apiVersion: argoproj.io/v1alpha1
        kind: ApplicationSet
        metadata: {name: bench, namespace: argocd}
        spec:
          generators:
          - clusters: {selector: {matchLabels: {argocd.argoproj.io/secret-type: cluster}}}
          template:
            metadata: {name: "{{name}}-app"}
            spec:
              project: default
              source: {repoURL: "https://example.invalid/fleet.git", targetRevision: HEAD, path: "overlays/{{metadata.labels.env}}"}
              destination: {server: "{{server}}", namespace: bench}
        """
    }

    /// The benches' fleet selection: ManagedClusterSet `bench`, its binding in `argocd`, a Placement
    /// of the members labelled `env` dev or prod (`numberOfClusters` of them, nil: all), and a
    /// GitOpsCluster that registers the chosen ones with Argo CD.
    static func fleetSelection(numberOfClusters: Int?) -> String {
        """
        apiVersion: cluster.open-cluster-management.io/v1beta2
        kind: ManagedClusterSet
        metadata: {name: bench}
        spec: {clusterSelector: {selectorType: ExclusiveClusterSetLabel}}
        ---
        apiVersion: cluster.open-cluster-management.io/v1beta2
        kind: ManagedClusterSetBinding
        metadata: {name: bench, namespace: argocd}
        spec: {clusterSet: bench}
        ---
        apiVersion: cluster.open-cluster-management.io/v1beta1
        kind: Placement
        metadata: {name: bench, namespace: argocd}
        spec:
          \(numberOfClusters.map { "numberOfClusters: \($0)" } ?? "")
          predicates:
          - requiredClusterSelector:
              labelSelector: {matchExpressions: [{key: env, operator: In, values: [dev, prod]}]}
        ---
        apiVersion: apps.open-cluster-management.io/v1beta1
        kind: GitOpsCluster
        metadata: {name: bench, namespace: argocd}
        spec:
          argoServer: {cluster: local-cluster, argoNamespace: argocd}
          placementRef: {apiVersion: cluster.open-cluster-management.io/v1beta1, kind: Placement, name: bench}
        """
    }

    static func cluster(_ i: Int) -> YAMLNode {
        let name = "cluster-" + String(repeating: "0", count: max(0, 5 - String(i).count)) + String(i)
        return .mapping([
            YAMLPair("apiVersion", .string("cluster.open-cluster-management.io/v1")), YAMLPair("kind", .string("ManagedCluster")),
            YAMLPair("metadata", .mapping([
                YAMLPair("name", .string(name)),
                YAMLPair("labels", .mapping([
                    YAMLPair("cluster.open-cluster-management.io/clusterset", .string("bench")), YAMLPair("env", .string("dev")),
                    YAMLPair("region", .string(i % 3 == 0 ? "eu" : "us")),
                ])),
            ])),
            YAMLPair("spec", .mapping([
                YAMLPair("hubAcceptsClient", .bool(true)),
                YAMLPair("managedClusterClientConfigs", .sequence([.mapping([YAMLPair("url", .string("https://\(name):6443"))])])),
            ])),
        ])
    }

    static func rssMiB() -> Double {
        guard let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for l in s.split(separator: "\n") where l.hasPrefix("VmRSS:") {
            return Double(l.split(separator: " ").dropFirst().first ?? "0").map { $0 / 1024 } ?? 0
        }
        return 0
    }

    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }
}
