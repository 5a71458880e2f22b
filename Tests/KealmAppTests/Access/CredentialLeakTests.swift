import Foundation
import KealmApp
import KubeClient
import Testing
import TestSupport

/// A full `kealm up` delivering from a smart-HTTP Git server with Basic auth (credentials given as
/// `KEALM_GIT_USERNAME`/`KEALM_GIT_PASSWORD`, stored by `kealm up` as an Argo CD repository Secret
/// and read back by the controller), then the password changed on the server so every fetch fails
/// with the old one: every byte Kealm shows is searched for the password (as is and base64) and for
/// the hub's bearer tokens. Searched: stdout and stderr of `kealm up` and of the CLI commands,
/// every file under the state directory except the SQLite store and the kubeconfigs (which hold
/// them by design), and every object on the hub and on both members dumped as YAML by kubectl —
/// except the Secrets (the one place credentials belong; checked separately: only the repository
/// Secret holds the password).
@Suite(.serialized) struct CredentialLeakTests {
    static let gitServer = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("GitSourceTests/Fixtures/git-http-server.py").path

    @Test(.enabled(if: CrashFixture.repoRoot != nil && AgentScopeTests.kubectl)) func fullRunNeverShowsACredential() async throws {
        let tmp = try CrashRestartTests.tempDir("leak")
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let fixture = try CrashFixture.create(in: tmp, apps: 2)
        let served = tmp + "/served"
        try FileManager.default.createDirectory(atPath: served, withIntermediateDirectories: true)
        _ = try ShortCommand.run(["git", "clone", "-q", "--bare", fixture.dir, served + "/repo.git"])
        let password = "pw-" + UUID().uuidString.lowercased()
        let port = ShortCommand.freePort()
        var git = try SpawnedProcess(["python3", Self.gitServer, served, "\(port)", "alice:\(password)"], logPath: tmp + "/git.log")
        defer { git.stop(grace: 0.5) }
        try await Task.sleep(nanoseconds: 500_000_000)
        let repoURL = "http://127.0.0.1:\(port)/repo.git"

        var env = ProcessInfo.processInfo.environment
        env["KEALM_GIT_USERNAME"] = "alice"
        env["KEALM_GIT_PASSWORD"] = password
        let state = tmp + "/state"
        let up = try SpawnedProcess(["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", fixture.dir, FleetControllerTests.kealm, "up",
            "--state", state, "--repo", repoURL, "--poll", "1", "--wave-delay", "0", "--settle-timeout", "90"],
            environment: env, logPath: tmp + "/up.log")
        defer { up.stop(grace: 2) }
        _ = try await up.waitForLog("hub: serving on", timeout: 120)
        let hub = try KubeClient(kubeconfig: state + "/hub.kubeconfig")
        var members: [String: KubeClient] = [:]
        for c in fixture.clusters { members[c] = try KubeClient(kubeconfig: state + "/clusters/\(c).kubeconfig") }
        let inv = FleetInvariants(fixture: fixture, hub: hub, members: members)
        let violations = try await CrashRestartTests.converge(inv, generation: 1, revision: fixture.head, timeout: 180)
        #expect(violations.isEmpty, "the credentials did not reach Git: \(violations)\n\(up.log.suffix(3000))")

        // The password changes on the server: fetches with the old one now fail, and say so.
        git.stop(grace: 0.5)
        git = try SpawnedProcess(["python3", Self.gitServer, served, "\(port)", "alice:changed-\(password.prefix(4))"], logPath: tmp + "/git2.log")
        try await Task.sleep(nanoseconds: 500_000_000)
        try fixture.commitGeneration(2)
        _ = try ShortCommand.run(["git", "-C", fixture.dir, "push", "-q", served + "/repo.git", "main"])
        _ = try ShortCommand.run([FleetControllerTests.kealm, "refresh", "--all", "--hard"], cwd: fixture.dir)
        let failed = try await eventually(timeout: 60) {
            let apps = try await hub.list(FleetKinds.application, namespace: "argocd").items
            return apps.contains { ($0[path: ["status", "conditions"]]?.items ?? []).contains { $0.string(at: "type") == "ComparisonError" } }
        }
        #expect(failed, "no Application reported the failed fetch")

        // Everything shown, searched.
        var shown: [(String, String)] = [("kealm up output", up.log)]
        for args in [["status"], ["status", "-o", "yaml"], ["status", "-o", "json"], ["status", "-o", "wide"], ["clusters"],
                     ["diff", "cluster1-a00"], ["explain", "placement", "all-envs"]] {
            let r = try ShortCommand.run([FleetControllerTests.kealm] + args + ["--kubeconfig", state + "/hub.kubeconfig"], cwd: fixture.dir)
            shown.append(("kealm \(args.joined(separator: " "))", r.all))
        }
        for file in ShortCommand.files(under: state, skipping: [".kubeconfig", "hub.sqlite"]) {
            if let data = FileManager.default.contents(atPath: file) { shown.append((file, String(decoding: data, as: UTF8.self))) }
        }
        var secretDumps: [(String, String)] = []
        for (name, kubeconfig) in [("hub", state + "/hub.kubeconfig")] + fixture.clusters.map({ ($0, state + "/clusters/\($0).kubeconfig") }) {
            let kinds = try ShortCommand.run(["kubectl", "--kubeconfig", kubeconfig, "api-resources", "--verbs=list", "-o", "name"])
            #expect(kinds.status == 0, "\(kinds.all)")
            let all = kinds.out.split(separator: "\n").map(String.init).filter { $0 != "secrets" }
            let dump = try ShortCommand.run(["kubectl", "--kubeconfig", kubeconfig, "get", all.joined(separator: ","), "-A", "-o", "yaml"])
            #expect(dump.status == 0 && dump.out.count > 1000, "\(name): \(dump.err)")
            shown.append(("every object on \(name) but Secrets", dump.all))
            secretDumps.append((name, try ShortCommand.run(["kubectl", "--kubeconfig", kubeconfig, "get", "secrets", "-A", "-o", "yaml"]).out))
        }
        let tokens = try [state + "/hub.kubeconfig"].map(AgentScopeTests.token(in:))
            + fixture.clusters.map { try AgentScopeTests.token(in: state + "/clusters/\($0).kubeconfig") }
        let needles = [("the Git password", password), ("the Git password in base64", Data(password.utf8).base64EncodedString())]
            + tokens.enumerated().map { ("hub token \($0.offset)", $0.element) }
        var searched = 0
        for (source, text) in shown {
            searched += text.utf8.count
            for (what, needle) in needles {
                #expect(!text.contains(needle), "\(what) appears in \(source)")
            }
        }
        // Only the repository Secret holds the password.
        for (name, text) in secretDumps {
            let holders = text.components(separatedBy: "\n- apiVersion").filter { $0.contains(Data(password.utf8).base64EncodedString()) || $0.contains(password) }
            #expect(holders.count == (name == "hub" ? 1 : 0), "\(name): \(holders.count) Secrets hold the password")
            if name == "hub" { #expect(holders.first?.contains("kealm-up-repository") == true) }
        }
        CrashRestartTests.say("credential search: \(shown.count) sources, \(searched) bytes, \(needles.count) secrets, none found")
    }

    func eventually(timeout: Double, _ check: () async throws -> Bool) async throws -> Bool {
        let start = Date()
        while Date().timeIntervalSince(start) < TestTimeouts.scaled(timeout) {
            if (try? await check()) == true { return true }
            try await Task.sleep(nanoseconds: 300_000_000)
        }
        return false
    }
}
