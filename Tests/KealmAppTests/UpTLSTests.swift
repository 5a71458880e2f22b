import Foundation
import KealmApp
import KealmModel
import KubeClient
import Testing
import TestSupport

/// `kealm up --tls`: the embedded hub and member clusters serve HTTPS (HTTP/2), and every kubeconfig
/// it writes carries the CA and no token in the URL. The full walkthrough runs over plain HTTP
/// (`WalkthroughTests`); this checks the TLS wiring only, so it stops once `kealm up` is ready.
@Suite struct UpTLSTests {
    @Test(.enabled(if: WalkthroughTests.repoRoot != nil)) func upServesHTTPSWhenAsked() async throws {
        let tmp = NSTemporaryDirectory() + "kealm-uptls-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let state = tmp + "/state"
        let up = try SpawnedProcess(["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", WalkthroughTests.repoRoot!, FleetControllerTests.kealm,
            "up", "--tls", "--state", state, "--settle-timeout", "1"], logPath: tmp + "/up.log")
        defer { up.stop(grace: 2) }
        _ = try await up.waitForLog("Kealm keeps reconciling", timeout: 300)

        for path in [state + "/hub.kubeconfig", state + "/clusters/cluster1.kubeconfig", state + "/clusters/cluster2.kubeconfig"] {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.contains("server: \"https://127.0.0.1:") && text.contains("certificate-authority-data:"), "\(path)")
            #expect(!text.contains("/auth/"), "\(path)")
        }
        let mode = try FileManager.default.attributesOfItem(atPath: state + "/hub/pki/ca.key")[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let hub = try KubeClient(kubeconfig: state + "/hub.kubeconfig")
        #expect(try await hub.send(HTTPRequest(method: "GET", path: "/version")).httpVersion == "2")
        #expect(try await hub.list(FleetKinds.managedCluster).items.count == 2)
        let member = try KubeClient(kubeconfig: state + "/clusters/cluster1.kubeconfig")
        #expect(try await member.list(GVK(group: "", version: "v1", kind: "Namespace")).items.isEmpty == false)
    }
}
