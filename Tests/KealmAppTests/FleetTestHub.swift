import Foundation
import Testing
import KealmApp
import KealmYAML
import KubeClient
import TestSupport

/// A `kealm hub serve` on loopback with the hub CRDs installed, in a unique temp directory,
/// for the fleet controller tests.
final class FleetTestHub: @unchecked Sendable {
    let dir: String
    let server: SpawnedProcess
    let client: KubeClient

    init() async throws {
        dir = NSTemporaryDirectory() + "kealm-fleet-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        server = try SpawnedProcess([FleetControllerTests.kealm, "hub", "serve", "--data", dir + "/data", "--port", "0", "--stages", "none"],
            logPath: dir + "/hub.log")
        _ = try await server.waitForLog("listening on ", timeout: 120)
        client = try KubeClient(kubeconfig: dir + "/data/admin.kubeconfig")
        for crd in HubCRDs.all { _ = try await client.apply(crd, fieldManager: "test", force: true) }
        _ = try await Self.eventually("CRDs served") { [client] in (try? await client.list(FleetKinds.applicationSet, namespace: "argocd")) != nil }
    }

    func stop() {
        server.stop(grace: 0.5)
        try? FileManager.default.removeItem(atPath: dir)
    }

    func apply(_ yaml: String) async throws {
        for doc in try YAMLParser.parseStream(yaml) { _ = try await client.apply(doc, fieldManager: "test", force: true) }
    }

    /// Names of the Applications in `argocd`, sorted.
    func applications() async throws -> [String] {
        try await client.list(FleetKinds.application, namespace: "argocd").items.compactMap { $0.string(at: "metadata", "name") }.sorted()
    }

    /// Polls until `check` holds; records an issue after `timeout` (generous: convergence, not speed, is tested).
    @discardableResult
    static func eventually(_ what: String, timeout: Double = 60, _ check: () async throws -> Bool) async throws -> Bool {
        let start = Date()
        while Date().timeIntervalSince(start) < TestTimeouts.scaled(timeout) {
            if (try? await check()) == true { return true }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        Issue.record("timed out waiting for \(what)")
        return false
    }

    /// Runs a shell script in `dir` to completion; returns its output (the script should end with a marker to check).
    static func sh(_ script: String, in dir: String, log: String) async throws -> String {
        let p = try SpawnedProcess(["/bin/sh", "-c", "cd \"$0\" && " + script, dir], logPath: log)
        let start = Date()
        while !p.hasExited() {
            if Date().timeIntervalSince(start) > 60 {
                p.stop(grace: 0.5)
                break
            }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        return p.log
    }
}
