import Foundation
import KealmApp
import KubeClient
import Synchronization
import TestSupport

/// The fleet as separate processes: `kealm hub serve` (hub = logical cluster `default`, members =
/// logical clusters with the builtin stages), one `kealm controller`, and one pull-mode `kealm agent`
/// per member. Each agent reaches the hub with a token scoped to its own cluster namespace (what a
/// real agent should get), so these rounds also prove the agent needs nothing more.
final class SplitFleet: @unchecked Sendable {
    let dir: String
    let fixture: CrashFixture
    let hubProcess: SpawnedProcess
    let hub: KubeClient
    let members: [String: KubeClient]
    private let processes = Mutex<[String: SpawnedProcess]>([:])
    private let starts = Mutex<[String: Int]>([:])

    var adminKubeconfig: String { dir + "/data/admin.kubeconfig" }
    static var kealm: String { FleetControllerTests.kealm }

    private init(dir: String, fixture: CrashFixture, hubProcess: SpawnedProcess, hub: KubeClient, members: [String: KubeClient]) {
        self.dir = dir
        self.fixture = fixture
        self.hubProcess = hubProcess
        self.hub = hub
        self.members = members
    }

    /// Runs a short `kealm` command to completion; returns its standard output.
    static func kealmOutput(_ args: [String]) throws -> String {
        let r = try ShortCommand.run([kealm] + args)
        guard r.status == 0 else { throw CrashRoundError("kealm \(args.joined(separator: " ")) failed: \(r.err)") }
        return r.out
    }

    static func start(in dir: String, fixture: CrashFixture) async throws -> SplitFleet {
        let data = dir + "/data"
        let hubProcess = try SpawnedProcess([kealm, "hub", "serve", "--data", data, "--port", "0", "--stages", "builtin"],
            logPath: dir + "/hub.log")
        let line = try await hubProcess.waitForLog("listening on ")
        guard let base = line.split(separator: " ").first(where: { $0.hasPrefix("http") }).map(String.init) else {
            throw CrashRoundError("no URL in \(line)")
        }
        var members: [String: KubeClient] = [:]
        for c in fixture.clusters {
            _ = try kealmOutput(["hub", "cluster", "create", c, "--data", data])
            try kealmOutput(["hub", "kubeconfig", "--data", data, "--cluster", c, "--user", "admin-\(c)"])
                .write(toFile: dir + "/\(c).kubeconfig", atomically: true, encoding: .utf8)
            try kealmOutput(["hub", "kubeconfig", "--data", data, "--cluster", "default", "--namespaces", c, "--user", "agent-\(c)"])
                .write(toFile: dir + "/agent-\(c).kubeconfig", atomically: true, encoding: .utf8)
            members[c] = try KubeClient(kubeconfig: dir + "/\(c).kubeconfig")
        }
        let hub = try KubeClient(kubeconfig: data + "/admin.kubeconfig")
        let envs = ["dev", "prod"]
        let spec = fixture.clusters.enumerated().map { "\($0.element)=\(envs[$0.offset % 2])" }.joined(separator: ",")
        let bootstrap = FleetBootstrap(client: hub, members: MemberCluster.parseList(spec, clusterSet: "managed"),
            memberServerPrefix: base + "/clusters/", repoRoot: fixture.dir, repoURL: fixture.dir)
        try await bootstrap.run { _ in }
        let fleet = SplitFleet(dir: dir, fixture: fixture, hubProcess: hubProcess, hub: hub, members: members)
        try fleet.spawn("controller")
        for c in fixture.clusters { try fleet.spawn(c) }
        return fleet
    }

    /// Starts the controller (`controller`) or the agent of a member cluster (its name).
    func spawn(_ who: String) throws {
        let n = starts.withLock { s in
            s[who, default: 0] += 1
            return s[who]!
        }
        let argv: [String]
        if who == "controller" {
            argv = [Self.kealm, "controller", "--kubeconfig", adminKubeconfig, "--state", dir + "/controller",
                "--poll", "1", "--resync", "2", "--wave-delay", "0"]
        } else {
            argv = [Self.kealm, "agent", "--hub-kubeconfig", dir + "/agent-\(who).kubeconfig", "--cluster-name", who,
                "--kubeconfig", dir + "/\(who).kubeconfig", "--wave-delay", "0"]
        }
        let p = try SpawnedProcess(argv, logPath: dir + "/\(who)-\(n).log")
        processes.withLock { $0[who] = p }
    }

    /// kill -9 of one process of the fleet, then a new one in its place.
    func killAndRestart(_ who: String) throws {
        if let p = processes.withLock({ $0[who] }) { CrashRestartTests.kill9(p) }
        try spawn(who)
    }

    /// The tails of the current processes' logs, for failure messages.
    func logs() -> String {
        processes.withLock { ps in
            ps.sorted { $0.key < $1.key }.map { "== \($0.key)\n\($0.value.log.suffix(1500))" }.joined(separator: "\n")
        }
    }

    func stopAll() {
        for p in processes.withLock({ Array($0.values) }) { p.stop(grace: 2) }
        hubProcess.stop(grace: 2)
    }
}
