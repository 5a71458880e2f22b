import ArgumentParser
import Foundation
import KealmApp
import KubeClient

/// `kealm fleet-watch-bench` (hidden): the watch-driven fleet controller against a running hub
/// (see bench/fleet.bench): convergence time, the controller's memory, label → Application latency.
struct FleetWatchBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "fleet-watch-bench",
        abstract: "Benchmark the fleet controller against a hub (bench/fleet.bench).", shouldDisplay: false)

    @Option(help: "Kubeconfig of the hub (an empty `kealm hub serve`).") var kubeconfig: String
    @Option(help: "ManagedClusters to create.") var clusters = 100
    @Option(help: "numberOfClusters of the Placement (Applications generated).") var selected = 20
    @Option(help: "Label flips to time.") var changes = 25

    func run() async throws {
        let client = try KubeClient(kubeconfig: kubeconfig)
        let f = try await FleetWatchBench.run(client: client, clusters: clusters, selected: selected, changes: changes) {
            FileHandle.standardError.write(Data(("fleet-watch-bench: " + $0 + "\n").utf8))
        }
        let sorted = f.latenciesMs.sorted()
        func pct(_ p: Double) -> Double { sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p + 0.5))] }
        print("""
            {"clusters": \(f.clusters), "selected": \(selected), "changes": \(sorted.count), \
            "create_s": \(String(format: "%.2f", f.secondsToCreate)), "converge_s": \(String(format: "%.3f", f.secondsToConverge)), \
            "latency_median_ms": \(String(format: "%.1f", pct(0.5))), "latency_p90_ms": \(String(format: "%.1f", pct(0.9))), \
            "latency_min_ms": \(String(format: "%.1f", sorted.first ?? 0)), "latency_max_ms": \(String(format: "%.1f", sorted.last ?? 0)), \
            "rss_before_mib": \(String(format: "%.1f", f.rssBeforeMiB)), "rss_after_mib": \(String(format: "%.1f", f.rssAfterMiB)), \
            "controller_cpu_s": \(String(format: "%.2f", f.cpuSeconds))}
            """)
    }
}
