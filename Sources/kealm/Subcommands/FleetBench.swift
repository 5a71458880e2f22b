import ArgumentParser
import Foundation
import Generation
import KealmModel
import KealmYAML
import Placement

/// `kealm fleet-bench` (hidden): times the scheduler and ApplicationSet generation on synthetic
/// fleets; `bench/fleet.bench` runs it on a release build.
struct FleetBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "fleet-bench", abstract: "Benchmark placement and generation.",
        shouldDisplay: false)

    @Option(help: "Managed clusters for scheduling.") var clusters = 10_000
    @Option(help: "Placements to schedule.") var placements = 100
    @Option(help: "Argo CD cluster secrets for generation.") var secrets = 1_000
    @Option(help: "ApplicationSets to generate.") var appsets = 50

    func run() throws {
        let now = Timestamp(rfc3339: "2026-01-01T00:00:00Z")!
        // OCM's benchmark shape: one set, AddOn + ResourceAllocatableCPU + Balance (Exact), numberOfClusters 10.
        var mcs: [ManagedCluster] = []
        var scores: [AddOnPlacementScore] = []
        for i in 0..<clusters {
            let name = "cluster-\(i)"
            let cpu = Double(2 + (i * 7919) % 62)
            mcs.append(ManagedCluster(name: name, labels: [ManagedClusterSet.membershipLabel: "bench", "env": i % 2 == 0 ? "dev" : "prod"],
                allocatable: ["cpu": cpu], capacity: ["cpu": 64]))
            scores.append(AddOnPlacementScore(clusterName: name, name: "demo", scores: ["demo": (i * 104729) % 201 - 100]))
        }
        let specs = (0..<placements).map { i in
            PlacementSpec(namespace: "bench", name: "placement-\(i)", numberOfClusters: 10,
                prioritizerPolicy: PrioritizerPolicy(mode: "Exact", configurations: [
                    (.addOn(resourceName: "demo", scoreName: "demo"), 1), (.builtIn("ResourceAllocatableCPU"), 1), (.builtIn("Balance"), 1),
                ]))
        }
        func cpu() -> Double {
            var ts = timespec()
            clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
            return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
        }
        var cpuTimes: [Double] = []
        func round(_ decisions: [PlacementDecision]) -> (Double, [PlacementDecision]) {
            let c0 = cpu()
            defer { cpuTimes.append(cpu() - c0) }
            let start = DispatchTime.now().uptimeNanoseconds
            let snap = FleetSnapshot(clusters: mcs, clusterSets: [ManagedClusterSet(name: "bench")],
                bindings: [ManagedClusterSetBinding(namespace: "bench", clusterSet: "bench")], decisions: decisions, scores: scores, now: now)
            var out: [PlacementDecision] = []
            for p in specs {
                let o = PlacementReconciler.reconcile(p, snapshot: snap)
                for d in o.decisions { if let v = try? PlacementDecision(node: d) { out.append(v) } }
            }
            return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, out)
        }
        let (first, decided) = round([])
        let (second, _) = round(decided)

        // Generation: cluster secrets × ApplicationSets (half fasttemplate, half Go templates).
        let cs = (0..<secrets).map { i in
            ClusterSecret(secretName: "c\(i)", namespace: "argocd", name: "cluster-\(i)", server: "https://cluster-\(i):6443",
                labels: [ClusterSecret.typeLabel: ClusterSecret.typeValue, "env": i % 2 == 0 ? "dev" : "prod"])
        }
        var sets: [ApplicationSetSpec] = []
        for i in 0..<appsets {
            let go = i % 2 == 1
            let name = go ? "{{.nameNormalized}}" : "{{nameNormalized}}"
            let env = go ? #"{{index .metadata.labels \"env\"}}"# : "{{metadata.labels.env}}"
            let server = go ? "{{.server}}" : "{{server}}"
            let yaml = """
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata: {name: app-\(i), namespace: argocd}
                spec:
                  goTemplate: \(go)
                  generators: [{clusters: {selector: {matchLabels: {argocd.argoproj.io/secret-type: cluster}}}}]
                  template:
                    metadata: {name: "\(name)-app-\(i)"}
                    spec:
                      project: default
                      source: {repoURL: "https://git.example/fleet.git", targetRevision: HEAD,
                        path: "apps/\(i)/overlays/\(env)"}
                      destination: {server: "\(server)", namespace: app-\(i)}
                      syncPolicy: {automated: {prune: true, selfHeal: true}}
                """
            sets.append(try ApplicationSetSpec(node: YAMLParser.parse(yaml)))
        }
        let inputs = GenerationInputs(clusterSecrets: cs)
        let gcpu = cpu()
        let gstart = DispatchTime.now().uptimeNanoseconds
        var apps = 0
        for s in sets { apps += try ApplicationGenerator.generate(s, inputs: inputs).count }
        let gen = Double(DispatchTime.now().uptimeNanoseconds - gstart) / 1e9
        let genCPU = cpu() - gcpu
        print("""
            {"clusters": \(clusters), "placements": \(placements), "schedule_first_s": \(first), "schedule_steady_s": \(second), \
            "decisions": \(decided.count), "secrets": \(secrets), "appsets": \(appsets), "applications": \(apps), "generate_s": \(gen), \
            "schedule_first_cpu_s": \(cpuTimes[0]), "schedule_steady_cpu_s": \(cpuTimes[1]), "generate_cpu_s": \(genCPU)}
            """)
    }
}
