import ArgumentParser
import Foundation
import KealmApp

/// `kealm appctl-bench`: the application controller's engine at scale over an in-memory hub
/// (bench/appctl.bench), and `kealm appctl-bench hub-setup|hub-agents|hub-controller` over the real
/// hub API (bench/appctl-hub.bench).
struct AppctlBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "appctl-bench", abstract: "Benchmark the application controller (bench/appctl.bench, bench/appctl-hub.bench).",
        shouldDisplay: false, subcommands: [Memory.self, HubSetup.self, HubAgents.self, HubControllerRun.self], defaultSubcommand: Memory.self)

    /// Commits a change to `apps/app-<i>/cm.yaml` (or `apps/app-<i>/base/cm.yaml` in a layout with
    /// overlays) in a work tree with the git CLI; returns the commit id.
    static func push(repo: String, app i: Int) throws -> String {
        let flat = repo + "/apps/app-\(i)/cm.yaml"
        let file = FileManager.default.fileExists(atPath: flat) ? flat : repo + "/apps/app-\(i)/base/cm.yaml"
        let text = try String(contentsOfFile: file, encoding: .utf8) + "# bump \(Date().timeIntervalSince1970)\n"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        for args in [["add", "-A"], ["-c", "user.name=b", "-c", "user.email=b@example.invalid", "commit", "-q", "-m", "bump"]] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["git", "-C", repo] + args
            try p.run()
            p.waitUntilExit()
        }
        let p = Process()
        let out = Pipe()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git", "-C", repo, "rev-parse", "HEAD"]
        p.standardOutput = out
        try p.run()
        let id = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return id.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

    struct Memory: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "memory", abstract: "Over an in-memory hub (bench/appctl.bench).")

        @Option(help: "Work tree of a git repository with apps/app-<i> directories (pushed to with the git CLI).")
        var repo: String

        @Option var appsets: Int = 50
        @Option var clusters: Int = 200
        @Option var workers: Int = 8
        @Option var state: String
        @Flag(help: "Put every key in the normal lane (the peer without the urgent lane).") var noUrgentLane = false

        func run() async throws {
            let repo = self.repo
            let f = try await AppctlBench.run(repoURL: "file://" + repo, stateDirectory: state, appsets: appsets, clusters: clusters,
                workers: workers, urgentLane: !noUrgentLane) { i in try AppctlBenchCommand.push(repo: repo, app: i) }
            print("applications \(f.applications)")
            print("seconds_to_all_synced_healthy \(String(format: "%.2f", f.secondsToSettled))")
            print("reconcile_passes \(f.passes)")
            print("renders \(f.renders) cache_hits \(f.cacheHits)")
            print("push_to_synced_refresh_during_initial_sync_ms \(String(format: "%.0f", f.refreshDuringSyncLatency * 1000)) (queue depth \(f.queueDepthAtRefresh))")
            print("push_to_synced_refresh_ms \(String(format: "%.0f", f.refreshLatency * 1000))")
            print("push_to_synced_webhook_ms \(String(format: "%.0f", f.webhookLatency * 1000)) (\(clusters) applications refreshed)")
            print("cpu_seconds \(String(format: "%.2f", f.cpuSeconds))")
            print("peak_rss_mib \(String(format: "%.0f", f.peakRSSMiB))")
        }
    }

    struct HubOptions: ParsableArguments {
        @Option(help: "The hub's data directory (of a running `kealm hub serve`).") var data: String
        @Option(help: "Where member kubeconfigs are written and read.") var out: String
        @Option var clusters: Int = 200
    }

    struct HubSetup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "hub-setup", abstract: "Members, CRDs, fleet objects and ApplicationSets on a running hub.")
        @OptionGroup var hub: HubOptions
        @Option var appsets: Int = 50
        @Option(help: "Work tree of the git repository.") var repo: String

        func run() async throws {
            let t0 = Date()
            try await AppctlHubBench.setup(data: hub.data, out: hub.out, clusters: hub.clusters, appsets: appsets, repoURL: "file://" + repo)
            AppctlBenchCommand.say("setup_seconds \(String(format: "%.1f", Date().timeIntervalSince(t0)))")
        }
    }

    struct HubAgents: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "hub-agents", abstract: "Push agents for the members, until killed.")
        @OptionGroup var hub: HubOptions
        @Option(help: "Hub clients shared by the agents (1: one client for all, as `kealm up` does).") var hubClients: Int = 1
        @Option(help: "Rate limit of each hub client (0: none).") var qps: Double = 50

        func run() async throws {
            try await AppctlHubBench.agents(data: hub.data, out: hub.out, clusters: hub.clusters, hubClients: hubClients, qps: qps)
        }
    }

    struct HubControllerRun: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "hub-controller",
            abstract: "The fleet and application controllers from nothing to all Synced/Healthy, then push-to-Synced latencies.")
        @OptionGroup var hub: HubOptions
        @Option var appsets: Int = 50
        @Option(help: "Work tree of the git repository.") var repo: String
        @Option(help: "Directory for the controller's git mirrors.") var state: String
        @Option var workers: Int = 8
        @Option(help: "Rate limit of the controller's hub client (0: none).") var qps: Double = 50
        @Option(help: "Poll and resync interval in seconds.") var poll: Double = 30
        @Option(help: "Give up after this many seconds.") var timeout: Double = 1800
        @Option var trials: Int = 10
        @Option var pollTrials: Int = 3

        func run() async throws {
            let repo = self.repo
            let f = try await AppctlHubBench.controller(data: hub.data, state: state, repoURL: "file://" + repo, appsets: appsets,
                clusters: hub.clusters, workers: workers, qps: qps, poll: poll, timeout: timeout, trials: trials, pollTrials: pollTrials,
                push: { try AppctlBenchCommand.push(repo: repo, app: $0) }, progress: { AppctlBenchCommand.say("  " + $0) })
            let ms = { (v: [Double]) in String(format: "%.0f", AppctlHubBench.median(v)) }
            AppctlBenchCommand.say("applications \(f.applications)")
            AppctlBenchCommand.say("seconds_to_all_synced_healthy \(String(format: "%.1f", f.secondsToSettled))")
            let s = f.statsAtSettled
            AppctlBenchCommand.say("at_settled: passes \(s.passes) works_written \(s.worksWritten) status_writes \(s.statusWrites) errors \(s.errors)")
            AppctlBenchCommand.say("at_end: passes \(f.stats.passes) works_written \(f.stats.worksWritten) status_writes \(f.stats.statusWrites) errors \(f.stats.errors)")
            if let e = f.stats.lastError { AppctlBenchCommand.say("last_error \(e.prefix(300))") }
            let total = f.requests.values.reduce(0, +)
            AppctlBenchCommand.say("hub_requests_at_settled \(total) (\(String(format: "%.1f", Double(total) / Double(max(1, f.applications)))) per Application)")
            for (k, n) in f.requests.sorted(by: { $0.value > $1.value }).prefix(12) {
                AppctlBenchCommand.say("  \(k) \(n) (\(String(format: "%.2f", Double(n) / Double(max(1, f.applications)))) per Application)")
            }
            AppctlBenchCommand.say("push_to_synced_refresh_median_ms \(ms(f.refreshMillis)) (n=\(f.refreshMillis.count))")
            AppctlBenchCommand.say("push_to_synced_webhook_median_ms \(ms(f.webhookMillis)) all_\(hub.clusters)_median_ms \(ms(f.webhookAllMillis)) (n=\(f.webhookMillis.count))")
            AppctlBenchCommand.say("push_to_synced_poll_median_ms \(ms(f.pollMillis)) (n=\(f.pollMillis.count), poll \(Int(poll)) s)")
            AppctlBenchCommand.say("controller_cpu_seconds \(String(format: "%.1f", f.cpuSeconds))")
            AppctlBenchCommand.say("controller_peak_rss_mib \(String(format: "%.0f", f.peakRSSMiB))")
        }
    }
}
