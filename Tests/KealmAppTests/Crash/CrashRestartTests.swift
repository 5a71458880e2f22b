import Foundation
import Glibc
import KealmApp
import KealmYAML
import KubeClient
import Testing
import TestSupport

/// kill -9 at random points of a sync, restart, and prove convergence with nothing lost, nothing
/// done twice, nothing orphaned and no ManifestWork deleted (see `FleetInvariants`,
/// `CrashWatch`). A new Git generation is committed before each `kealm up` round and every second
/// controller/agent round (an update of every app, and a prune or a re-creation in half of them),
/// so kills land inside a sync, not in a settled fleet.
///
/// Bounded for `make test`; `KEALM_CRASH_ROUNDS` and `KEALM_CRASH_APPS` make it longer
/// (`bench/crash.bench ROUNDS`). Each round prints the delay of its kill, so a failure can be replayed.
@Suite(.serialized) struct CrashRestartTests {
    static let env = ProcessInfo.processInfo.environment
    static var rounds: Int { env["KEALM_CRASH_ROUNDS"].flatMap { Int($0) } ?? 3 }
    static var apps: Int { env["KEALM_CRASH_APPS"].flatMap { Int($0) } ?? 4 }
    static var kealm: String { FleetControllerTests.kealm }

    static func say(_ line: String) { FileHandle.standardError.write(Data("crash-restart: \(line)\n".utf8)) }

    static func tempDir(_ name: String) throws -> String {
        let dir = NSTemporaryDirectory() + "kealm-\(name)-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// SIGKILL to the process group: no handler runs, nothing is flushed.
    static func kill9(_ p: SpawnedProcess) {
        kill(-p.pid, SIGKILL)
        p.stop(grace: 0)
    }

    /// A random kill point: anywhere in the first seconds of a process's life, where the sync happens.
    static func randomDelay(_ range: ClosedRange<Double> = 0.2...6) -> Double { Double.random(in: range) }

    /// Waits until the invariants hold (or the timeout), then checks that they still hold a moment later.
    static func converge(_ inv: FleetInvariants, generation: Int, revision: String, timeout: Double) async throws -> [String] {
        let start = Date()
        var last: [String] = []
        while Date().timeIntervalSince(start) < timeout {
            last = await inv.violations(generation: generation, revision: revision)
            if last.isEmpty {
                say("converged in \(Int(Date().timeIntervalSince(start))) s")
                try await Task.sleep(nanoseconds: 2_000_000_000)
                return await inv.violations(generation: generation, revision: revision)
            }
            try await Task.sleep(nanoseconds: 500_000_000)
        }
        return last
    }

    @Test(.enabled(if: CrashFixture.repoRoot != nil)) func killingKealmUpLosesNothing() async throws {
        let tmp = try Self.tempDir("crash-up")
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let fixture = try CrashFixture.create(in: tmp, apps: Self.apps)
        let state = tmp + "/state"
        func up(_ round: Int) throws -> SpawnedProcess {
            try SpawnedProcess(["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", fixture.dir, Self.kealm, "up", "--state", state,
                "--poll", "1", "--wave-delay", "0", "--settle-timeout", "1"], logPath: tmp + "/up-\(round).log")
        }
        let watch = CrashWatch(hubKubeconfig: state + "/hub.kubeconfig",
            memberKubeconfigs: Dictionary(uniqueKeysWithValues: fixture.clusters.map { ($0, state + "/clusters/\($0).kubeconfig") }))
        defer { watch.stop() }
        var generation = 1
        for round in 0..<Self.rounds {
            if round > 0 {
                generation += 1
                try fixture.commitGeneration(generation)
            }
            let p = try up(round)
            if round == 0 {
                _ = try await p.waitForLog("hub: serving on", timeout: 120)
                watch.start()
            }
            let delay = Self.randomDelay()
            try await Task.sleep(nanoseconds: UInt64(delay * 1e9))
            Self.kill9(p)
            Self.say("kealm up round \(round + 1)/\(Self.rounds): kill -9 after \(String(format: "%.2f", delay)) s "
                + "(generation \(generation), \(watch.works.log.events) work events so far)")
        }
        let final = try up(Self.rounds)
        defer { final.stop(grace: 5) }
        _ = try await final.waitForLog("hub: serving on", timeout: 120)
        let hub = try KubeClient(kubeconfig: state + "/hub.kubeconfig")
        var members: [String: KubeClient] = [:]
        for c in fixture.clusters { members[c] = try KubeClient(kubeconfig: state + "/clusters/\(c).kubeconfig") }
        let inv = FleetInvariants(fixture: fixture, hub: hub, members: members)
        let violations = try await Self.converge(inv, generation: generation, revision: fixture.head, timeout: 240)
        #expect(violations.isEmpty, "after \(Self.rounds) kills of kealm up: \(violations.joined(separator: "\n"))\n\(final.log.suffix(3000))")
        watch.check(fixture: fixture, generation: generation, scenario: "kealm up")
        Self.say("scenario=up rounds=\(Self.rounds) applications=\(fixture.applicationNames.count) violations=\(violations.count) "
            + watch.summary)
    }

    @Test func killingTheControllerAndTheAgentsLosesNothing() async throws {
        let tmp = try Self.tempDir("crash-split")
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let fixture = try CrashFixture.create(in: tmp, apps: Self.apps)
        let fleet = try await SplitFleet.start(in: tmp, fixture: fixture)
        defer { fleet.stopAll() }
        let watch = CrashWatch(hubKubeconfig: fleet.adminKubeconfig,
            memberKubeconfigs: Dictionary(uniqueKeysWithValues: fixture.clusters.map { ($0, tmp + "/\($0).kubeconfig") }))
        watch.start()
        defer { watch.stop() }
        var generation = 1
        var kills: [String: Int] = [:]
        for round in 0..<Self.rounds * 2 {
            if round > 0 && round % 2 == 0 {
                generation += 1
                try fixture.commitGeneration(generation)
            }
            // The victim: the controller, one agent, or everything of the fleet but the hub.
            let victims: [String]
            switch round % 3 {
            case 0: victims = ["controller"]
            case 1: victims = [fixture.clusters.randomElement()!]
            default: victims = ["controller"] + fixture.clusters
            }
            let delay = Self.randomDelay(0.2...4)
            try await Task.sleep(nanoseconds: UInt64(delay * 1e9))
            for v in victims {
                try fleet.killAndRestart(v)
                kills[v, default: 0] += 1
            }
            Self.say("split round \(round + 1)/\(Self.rounds * 2): kill -9 of \(victims.joined(separator: "+")) after "
                + "\(String(format: "%.2f", delay)) s (generation \(generation), \(watch.works.log.events) work events so far)")
        }
        let inv = FleetInvariants(fixture: fixture, hub: fleet.hub, members: fleet.members)
        let violations = try await Self.converge(inv, generation: generation, revision: fixture.head, timeout: 240)
        #expect(violations.isEmpty, "after kills \(kills): \(violations.joined(separator: "\n"))\n\(fleet.logs())")
        watch.check(fixture: fixture, generation: generation, scenario: "controller/agents")
        Self.say("scenario=split rounds=\(Self.rounds * 2) kills=\(kills.values.reduce(0, +)) applications=\(fixture.applicationNames.count) "
            + "violations=\(violations.count) " + watch.summary)

        // No log of the hub, the controller or the agents (every incarnation) shows a token.
        let tokens = try ([fleet.adminKubeconfig] + fixture.clusters.flatMap { [tmp + "/\($0).kubeconfig", tmp + "/agent-\($0).kubeconfig"] })
            .map(AgentScopeTests.token(in:))
        for file in ShortCommand.files(under: tmp) where file.hasSuffix(".log") {
            let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
            #expect(!tokens.contains { text.contains($0) }, "a hub token appears in \(file)")
        }

        // The checks are not vacuous: an object the works do not name, carrying Kealm's tracking
        // annotation, is reported as an orphan.
        _ = try await fleet.members[fixture.clusters[0]]!.create(try YAMLParser.parse("""
            {apiVersion: v1, kind: ConfigMap, metadata: {name: stray, namespace: crash-a00,
             annotations: {kealm.io/tracking-id: "argocd_x:/ConfigMap:crash-a00/stray"}}}
            """))
        let caught = await inv.violations(generation: generation, revision: fixture.head)
        #expect(caught.contains { $0.contains("orphaned") && $0.contains("stray") }, "\(caught)")
    }
}
