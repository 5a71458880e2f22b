import ArgumentParser
import Foundation
import KealmApp

/// `kealm appctl-bench`: the application controller's engine at scale over an in-memory hub (see bench/appctl.bench).
struct AppctlBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "appctl-bench", abstract: "Benchmark the application controller over an in-memory hub (bench/appctl.bench).",
        shouldDisplay: false)

    @Option(help: "Work tree of a git repository with apps/app-<i> directories (pushed to with the git CLI).")
    var repo: String

    @Option var appsets: Int = 50
    @Option var clusters: Int = 200
    @Option var workers: Int = 8
    @Option var state: String

    func run() async throws {
        let repo = self.repo
        let f = try await AppctlBench.run(repoURL: "file://" + repo, stateDirectory: state, appsets: appsets, clusters: clusters,
            workers: workers) { i in
            let file = repo + "/apps/app-\(i)/cm.yaml"
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
        print("applications \(f.applications)")
        print("seconds_to_all_synced_healthy \(String(format: "%.2f", f.secondsToSettled))")
        print("reconcile_passes \(f.passes)")
        print("renders \(f.renders) cache_hits \(f.cacheHits)")
        print("push_to_synced_refresh_ms \(String(format: "%.0f", f.refreshLatency * 1000))")
        print("push_to_synced_webhook_ms \(String(format: "%.0f", f.webhookLatency * 1000)) (\(clusters) applications refreshed)")
        print("cpu_seconds \(String(format: "%.2f", f.cpuSeconds))")
        print("peak_rss_mib \(String(format: "%.0f", f.peakRSSMiB))")
    }
}
