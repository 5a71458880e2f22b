import Foundation
import Testing
import KealmApp
import KealmModel
import KealmYAML
import KubeClient
import TestSupport

/// `kealm diff` on a drifted object, against a real `kealm hub serve` with one logical member
/// cluster and no agent running (an agent would revert the edit within a fraction of a second).
@Suite(.serialized) struct DiffDriftTests {
    static func run(_ args: [String]) throws -> (status: Int32, output: String) {
        let p = Process()
        let pipe = Pipe()
        p.executableURL = URL(fileURLWithPath: FleetControllerTests.kealm)
        p.arguments = args
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.terminationStatus, out)
    }

    @Test func driftedObjectIsShownWithExitStatusOne() async throws {
        let dir = NSTemporaryDirectory() + "kealm-diff-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir + "/clusters", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let server = try SpawnedProcess([FleetControllerTests.kealm, "hub", "serve", "--data", dir + "/data", "--port", "0", "--stages", "none"],
            logPath: dir + "/hub.log")
        defer { server.stop(grace: 0.5) }
        _ = try await server.waitForLog("listening on ")
        let hubKubeconfig = dir + "/data/admin.kubeconfig"
        let hub = try KubeClient(kubeconfig: hubKubeconfig)
        for crd in HubCRDs.all { _ = try await hub.apply(crd, fieldManager: "test", force: true) }
        _ = try await FleetControllerTests().eventually("CRDs served") {
            let works = try? await hub.list(FleetKinds.manifestWork, namespace: "c1")
            let apps = try? await hub.list(FleetKinds.application, namespace: "argocd")
            return works != nil && apps != nil
        }
        _ = try Self.run(["hub", "cluster", "create", "c1", "--data", dir + "/data"])
        let kc = try Self.run(["hub", "kubeconfig", "--data", dir + "/data", "--cluster", "c1"])
        #expect(kc.status == 0)
        try kc.output.write(toFile: dir + "/clusters/c1.kubeconfig", atomically: true, encoding: .utf8)
        let member = try KubeClient(kubeconfig: dir + "/clusters/c1.kubeconfig")

        for doc in try YAMLParser.parseStream("""
            apiVersion: v1
            kind: Namespace
            metadata: {name: argocd}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: c1}
            ---
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata: {name: web-c1, namespace: argocd}
            spec:
              source: {repoURL: "https://example.invalid/repo.git", targetRevision: main, path: web}
              destination: {name: c1, namespace: demo}
            ---
            apiVersion: work.open-cluster-management.io/v1
            kind: ManifestWork
            metadata: {name: web-c1, namespace: c1, labels: {kealm.io/application-name: web-c1}}
            spec:
              workload:
                manifests:
                - {apiVersion: v1, kind: ConfigMap, metadata: {name: web-config, namespace: default}, data: {level: info}}
            """)
        {
            _ = try await hub.apply(doc, fieldManager: "test", force: true)
        }
        // Live on the member, as the agent applied it, then edited by someone (the agent is paused).
        let cm = try YAMLParser.parse("{apiVersion: v1, kind: ConfigMap, metadata: {name: web-config, namespace: default}, data: {level: info}}")
        _ = try await member.apply(cm, fieldManager: "kealm", force: true)
        let base = ["diff", "web-c1", "--kubeconfig", hubKubeconfig, "--cluster-kubeconfigs", dir + "/clusters"]
        let clean = try Self.run(base)
        #expect(clean.status == 0, "\(clean.output)")
        #expect(clean.output.contains("no differences"))

        _ = try await member.patch(GVK(group: "", version: "v1", kind: "ConfigMap"), name: "web-config", namespace: "default", type: .merge,
            patch: try YAMLParser.parse("{data: {level: debug}}"))
        let drifted = try Self.run(base)
        #expect(drifted.status == 1, "\(drifted.output)")
        #expect(drifted.output.contains("=== web-c1 on c1"))
        #expect(drifted.output.contains("level"))
        #expect(drifted.output.contains("debug") && drifted.output.contains("info"))

        // Deleted live: reported as missing, still exit 1.
        try await member.delete(GVK(group: "", version: "v1", kind: "ConfigMap"), name: "web-config", namespace: "default")
        let missing = try Self.run(base)
        #expect(missing.status == 1, "\(missing.output)")
    }
}
