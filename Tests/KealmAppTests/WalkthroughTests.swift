import Foundation
import Testing
import KealmApp
import KealmModel
import KealmYAML
import KubeClient
import TestSupport

/// The README walkthrough, end to end, on a temporary clone of this repository: `kealm up` settles,
/// a commit starts the VMs, a manual edit is reverted, and removing the VM from prod prunes it from
/// cluster2 only. Skipped when the test does not run inside a Git checkout.
@Suite(.serialized) struct WalkthroughTests {
    static let repoRoot: String? = {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while dir.path != "/" {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent(".git").path) { return dir.path }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }()

    static let vm = GVK(group: "kubevirt.io", version: "v1", kind: "VirtualMachine")

    /// Runs a command to completion in `dir`; returns its output.
    @discardableResult
    func run(_ argv: [String], in dir: String, log: String, timeout: Double = 120) async throws -> String {
        let p = try SpawnedProcess(["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", dir] + argv, logPath: log)
        let start = Date()
        while !p.hasExited() {
            if Date().timeIntervalSince(start) > timeout {
                p.stop(grace: 0.5)
                Issue.record("\(argv.joined(separator: " ")) did not finish: \(p.log)")
                return p.log
            }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        return p.log
    }

    func eventually(_ what: String, timeout: Double, _ check: () async throws -> Bool) async throws -> Double {
        let start = Date()
        while Date().timeIntervalSince(start) < TestTimeouts.scaled(timeout) {
            if (try? await check()) == true { return Date().timeIntervalSince(start) }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        Issue.record("timed out after \(timeout) s waiting for \(what)")
        return timeout
    }

    @Test(.enabled(if: repoRoot != nil)) func readmeWalkthrough() async throws {
        let tmp = NSTemporaryDirectory() + "kealm-walkthrough-" + UUID().uuidString
        let clone = tmp + "/repo"
        try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        try await run(["git", "clone", "-q", Self.repoRoot!, clone], in: tmp, log: tmp + "/clone.log")
        let git = ["git", "-c", "user.email=walkthrough@kealm.test", "-c", "user.name=walkthrough"]

        let up = try SpawnedProcess(["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", clone, FleetControllerTests.kealm, "up",
            "--settle-timeout", "240"], logPath: tmp + "/up.log")
        defer { up.stop(grace: 2) }
        _ = try await up.waitForLog("Kealm keeps reconciling", timeout: 300)
        let hub = try KubeClient(kubeconfig: clone + "/.kealm/hub.kubeconfig")
        let cluster1 = try KubeClient(kubeconfig: clone + "/.kealm/clusters/cluster1.kubeconfig")
        let cluster2 = try KubeClient(kubeconfig: clone + "/.kealm/clusters/cluster2.kubeconfig")

        // Settled: every application Synced, operators Healthy, VMs Suspended (stopped).
        let apps = try await hub.list(FleetKinds.application, namespace: "argocd").items
        let rows = StatusReport.rows(applications: apps, managedClusters: try await hub.list(FleetKinds.managedCluster).items)
        #expect(Set(rows.map { "\($0.app)/\($0.cluster)" }) == [
            "cdi/cluster1", "cdi/cluster2", "kubevirt/cluster1", "kubevirt/cluster2", "demo-vm/cluster1", "demo-vm/cluster2",
        ])
        for row in rows {
            #expect(row.sync == "Synced", "\(row.application): \(row.message)")
            #expect(row.health == (row.app == "demo-vm" ? "Suspended" : "Healthy"), "\(row.application): \(row.message)")
        }
        let dev = try await cluster1.get(Self.vm, name: "dev-demo-vm", namespace: "demo-vm")
        #expect(dev.string(at: "spec", "template", "spec", "domain", "memory", "guest") == "1Gi")
        let prod = try await cluster2.get(Self.vm, name: "prod-demo-vm", namespace: "demo-vm")
        #expect(prod.string(at: "spec", "template", "spec", "domain", "memory", "guest") == "2Gi")

        // Start the VMs by a commit and a refresh.
        let vmFile = clone + "/kustomize/demo-vm/base/virtualmachine.yaml"
        try String(contentsOfFile: vmFile, encoding: .utf8).replacingOccurrences(of: "running: false", with: "running: true")
            .write(toFile: vmFile, atomically: true, encoding: .utf8)
        try await run(git + ["commit", "-qam", "start the VM"], in: clone, log: tmp + "/commit1.log")
        let startRefresh = Date()
        try await run([FleetControllerTests.kealm, "refresh", "demo-vm", "--wait", "--timeout", "60"], in: clone, log: tmp + "/refresh1.log")
        for (client, name) in [(cluster1, "dev-demo-vm"), (cluster2, "prod-demo-vm")] {
            _ = try await eventually("\(name) running", timeout: 30) {
                try await client.get(Self.vm, name: name, namespace: "demo-vm").string(at: "status", "printableStatus") == "Running"
            }
        }
        let running = Date().timeIntervalSince(startRefresh)
        #expect(running < 30, "VMs running \(running) s after the refresh")

        // A manual edit on cluster1 is reverted and counted.
        _ = try await cluster1.patch(Self.vm, name: "dev-demo-vm", namespace: "demo-vm", type: .merge,
            patch: try YAMLParser.parse("{spec: {template: {spec: {domain: {memory: {guest: 8Gi}}}}}}"))
        let reverted = try await eventually("the edit reverted", timeout: 30) {
            try await cluster1.get(Self.vm, name: "dev-demo-vm", namespace: "demo-vm")
                .string(at: "spec", "template", "spec", "domain", "memory", "guest") == "1Gi"
        }
        #expect(reverted < 10)
        _ = try await eventually("the revert counted in kealm status", timeout: 30) {
            let out = try await run([FleetControllerTests.kealm, "status", "demo-vm", "-o", "json"], in: clone,
                log: tmp + "/status-\(UUID().uuidString).log")
            return out.contains("\"driftReverts\":1") || out.contains("\"driftReverts\":2")
        }

        // Removing the VM from prod prunes it from cluster2 only.
        let prodKust = clone + "/kustomize/demo-vm/prod/kustomization.yaml"
        try (String(contentsOfFile: prodKust, encoding: .utf8) + """
            - patch: |-
                $patch: delete
                apiVersion: kubevirt.io/v1
                kind: VirtualMachine
                metadata:
                  name: demo-vm

            """).write(toFile: prodKust, atomically: true, encoding: .utf8)
        try await run(git + ["commit", "-qam", "prod: no VM"], in: clone, log: tmp + "/commit2.log")
        try await run([FleetControllerTests.kealm, "refresh", "demo-vm", "--wait", "--timeout", "60"], in: clone, log: tmp + "/refresh2.log")
        _ = try await eventually("prod-demo-vm pruned", timeout: 30) {
            (try? await cluster2.get(Self.vm, name: "prod-demo-vm", namespace: "demo-vm")) == nil
        }
        _ = try await cluster1.get(Self.vm, name: "dev-demo-vm", namespace: "demo-vm")
    }
}
