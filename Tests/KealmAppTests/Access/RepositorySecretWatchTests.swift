import Foundation
import KealmApp
import KealmModel
import KealmYAML
import KubeClient
import Synchronization
import Testing
import TestSupport

/// Repository credentials follow the hub's Argo CD repository Secrets while the controller runs:
/// against a real `kealm hub serve` (and, for the controller, a smart-HTTP Git server with Basic
/// auth), a Secret created, changed or deleted applies without a restart. No test output shows a
/// password: expectations compare, and messages print only what is not secret.
@Suite(.serialized) struct RepositorySecretWatchTests {
    static let gitServer = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("GitSourceTests/Fixtures/git-http-server.py").path
    static let repoURL = "https://git.example.invalid/org/app.git"

    /// A repository Secret for user `alice`; with a nil `url`, one that cannot be read (no url).
    static func secret(_ name: String, url: String?, password: String) -> String {
        """
        apiVersion: v1
        kind: Secret
        metadata: {name: \(name), namespace: argocd, labels: {argocd.argoproj.io/secret-type: repository}}
        stringData: {\(url.map { "url: '\($0)', " } ?? "")username: alice, password: '\(password)'}
        """
    }

    /// The watch rebuilds the store on create, update and delete; a broken Secret is reported by name once.
    @Test func storeFollowsSecretCreateUpdateDelete() async throws {
        let hub = try await FleetTestHub()
        defer { hub.stop() }
        try await hub.apply("{apiVersion: v1, kind: Namespace, metadata: {name: argocd}}")
        let warnings = Mutex<[String]>([])
        let creds = HubRepositoryCredentials(client: hub.client) { w in warnings.withLock { $0.append(w) } }
        #expect(try await creds.load() == 0)
        creds.start()
        defer { creds.stop() }
        let password = { creds.credentials(for: Self.repoURL).password }

        try await hub.apply(Self.secret("app-repo", url: Self.repoURL, password: "first-pw"))
        try await FleetTestHub.eventually("the created Secret is used", timeout: 10) { password() == "first-pw" }
        try await hub.apply(Self.secret("app-repo", url: Self.repoURL, password: "second-pw"))
        try await FleetTestHub.eventually("the changed Secret is used", timeout: 10) { password() == "second-pw" }
        // An unreadable Secret is skipped and named; the readable one stays in use.
        try await hub.apply(Self.secret("broken-repo", url: nil, password: "hidden-pw"))
        try await FleetTestHub.eventually("the broken Secret is reported", timeout: 10) { !warnings.withLock { $0 }.isEmpty }
        try await hub.client.delete(FleetKinds.secret, name: "app-repo", namespace: "argocd")
        try await FleetTestHub.eventually("the deleted Secret is forgotten", timeout: 10) { password() == nil }
        let told = warnings.withLock { $0 }
        #expect(told.count == 1 && told.first?.contains("argocd/broken-repo") == true)
        #expect(!told.joined().contains("hidden-pw") && !told.joined().contains("alice"))
        #expect(creds.credentials(for: Self.repoURL).isEmpty)
    }

    /// The controller starts with no repository Secret (the fetch fails on authentication), then the
    /// Secret is created (the Application syncs, no restart), then its password changed to a wrong one
    /// (the next fetch fails again).
    @Test func controllerPicksUpACreatedAndAChangedSecret() async throws {
        let hub = try await FleetTestHub()
        defer { hub.stop() }
        let password = "pw-" + UUID().uuidString.lowercased()
        let work = hub.dir + "/work", served = hub.dir + "/served"
        try FileManager.default.createDirectory(atPath: work + "/web", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: served, withIntermediateDirectories: true)
        try "{apiVersion: v1, kind: ConfigMap, metadata: {name: web-config, namespace: demo}, data: {level: info}}\n"
            .write(toFile: work + "/web/cm.yaml", atomically: true, encoding: .utf8)
        try "resources: [cm.yaml]\n".write(toFile: work + "/web/kustomization.yaml", atomically: true, encoding: .utf8)
        for args in [["init", "-q", "-b", "main"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@e", "commit", "-q", "-m", "one"]] {
            #expect(try ShortCommand.run(["git", "-C", work] + args).status == 0)
        }
        #expect(try ShortCommand.run(["git", "clone", "-q", "--bare", work, served + "/repo.git"]).status == 0)
        let head = try ShortCommand.run(["git", "-C", work, "rev-parse", "HEAD"]).out.trimmingCharacters(in: .whitespacesAndNewlines)
        let port = ShortCommand.freePort()
        let git = try SpawnedProcess(["python3", Self.gitServer, served, "\(port)", "alice:\(password)"], logPath: hub.dir + "/git.log")
        defer { git.stop(grace: 0.5) }
        let url = "http://127.0.0.1:\(port)/repo.git"
        try await FleetTestHub.eventually("the Git server answers", timeout: 10) {
            try ShortCommand.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", url + "/info/refs"]).out == "401"
        }
        try await hub.apply("""
            {apiVersion: v1, kind: Namespace, metadata: {name: argocd}}
            ---
            {apiVersion: v1, kind: Namespace, metadata: {name: c1}}
            ---
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata: {name: web-c1, namespace: argocd}
            spec:
              source: {repoURL: "\(url)", targetRevision: main, path: web}
              destination: {name: c1, namespace: demo}
              syncPolicy: {automated: {}}
            """)

        let logs = Mutex<[String]>([])
        var process = ControllerProcess(kubeconfig: hub.dir + "/data/admin.kubeconfig", context: nil, stateDirectory: hub.dir + "/state")
        process.fleet = false
        process.emitEvents = false
        process.workers = 2
        process.resync = 1
        process.poll = 1
        process.waveDelay = 0
        process.log = { line in logs.withLock { $0.append(line) } }
        let controller = Task { try await process.run() }
        defer { controller.cancel() }

        let comparisonError = { @Sendable () async throws -> String? in
            let app = try await hub.client.get(FleetKinds.application, name: "web-c1", namespace: "argocd")
            return (app[path: ["status", "conditions"]]?.items ?? []).first { $0.string(at: "type") == "ComparisonError" }?
                .string(at: "message")
        }
        try await FleetTestHub.eventually("a ComparisonError on authentication", timeout: 15) {
            try await comparisonError()?.contains("authentication") == true
        }

        try await hub.apply(Self.secret("web-repo", url: url, password: password))
        let synced = try await FleetTestHub.eventually("the Application synced with the new Secret", timeout: 15) {
            let app = try await hub.client.get(FleetKinds.application, name: "web-c1", namespace: "argocd")
            let works = try await hub.client.list(FleetKinds.manifestWork, namespace: "c1").items
            return try await comparisonError() == nil && app.string(at: "status", "sync", "revision") == head && !works.isEmpty
        }
        if !synced {
            let app = try await hub.client.get(FleetKinds.application, name: "web-c1", namespace: "argocd")
            Issue.record("status: \(app[path: ["status"]].map { JSON.encode($0) } ?? "none")")
        }

        try await hub.apply(Self.secret("web-repo", url: url, password: "wrong-" + password.prefix(6)))
        try await FleetTestHub.eventually("the ComparisonError back after the password changed", timeout: 15) {
            try await comparisonError()?.contains("authentication") == true
        }
        let message = try await comparisonError() ?? ""
        let shown = logs.withLock { $0.joined(separator: "\n") } + message
        #expect(!shown.contains(password) && !shown.contains(String(password.dropFirst(3).prefix(12))))
        #expect(!shown.contains(Data(password.utf8).base64EncodedString()))
    }
}
