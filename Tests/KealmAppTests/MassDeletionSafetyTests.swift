import Foundation
import Testing
import KealmApp
import KealmModel
import KealmYAML
import KubeClient
import TestSupport

/// Mass-deletion safety of the fleet side against a real `kealm hub serve`: when every selected
/// cluster drops out of a Placement, the ApplicationSet keeps its Applications and says why until
/// it is annotated `kealm.io/allow-empty: "true"`.
@Suite(.serialized) struct MassDeletionSafetyTests {
    @Test func dropToZeroClustersIsHeldUntilAllowed() async throws {
        let t = FleetControllerTests()
        let dir = NSTemporaryDirectory() + "kealm-massdel-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let server = try SpawnedProcess([FleetControllerTests.kealm, "hub", "serve", "--data", dir + "/data", "--port", "0", "--stages", "none"],
            logPath: dir + "/hub.log")
        defer { server.stop(grace: 0.5) }
        _ = try await server.waitForLog("listening on ")
        let hub = try KubeClient(kubeconfig: dir + "/data/admin.kubeconfig")
        for crd in HubCRDs.all { _ = try await hub.apply(crd, fieldManager: "test", force: true) }
        _ = try await t.eventually("CRDs served") { (try? await hub.list(FleetKinds.applicationSet, namespace: "argocd")) != nil }
        for doc in try YAMLParser.parseStream(FleetControllerTests.fleetObjects) { _ = try await hub.apply(doc, fieldManager: "test", force: true) }

        let controller = FleetController(client: hub, interval: 0.2)
        let task = Task { try await controller.run() }
        defer { task.cancel() }
        func apps() async throws -> [String] {
            try await hub.list(FleetKinds.application, namespace: "argocd").items.compactMap { $0.string(at: "metadata", "name") }.sorted()
        }
        func appSetCondition() async throws -> (reason: String, message: String)? {
            let a = try await hub.get(FleetKinds.applicationSet, name: "demo-vm", namespace: "argocd")
            return a[path: ["status", "conditions"]]?.items?.first {
                $0.string(at: "type") == "ErrorOccurred" && $0.string(at: "status") == "True"
            }.map { ($0.string(at: "reason") ?? "", $0.string(at: "message") ?? "") }
        }
        _ = try await t.eventually("the dev cluster's Application") { try await apps() == ["c1-demo-vm"] }

        // The only selected cluster loses its env label: the placement selects nothing.
        _ = try await hub.patch(FleetKinds.managedCluster, name: "c1", type: .merge,
            patch: try YAMLParser.parse("{metadata: {labels: {env: null}}}"))
        _ = try await t.eventually("the ApplicationSet reports the held deletion") {
            try await appSetCondition()?.reason == "EmptyGenerationHeld"
        }
        let held = try await appSetCondition()
        #expect(held?.message.contains("kealm.io/allow-empty") == true)
        try await Task.sleep(nanoseconds: 1_000_000_000)
        #expect(try await apps() == ["c1-demo-vm"], "the Application is kept")

        // The explicit setting lets the deletion through.
        _ = try await hub.patch(FleetKinds.applicationSet, name: "demo-vm", namespace: "argocd", type: .merge,
            patch: try YAMLParser.parse(#"{metadata: {annotations: {kealm.io/allow-empty: "true"}}}"#))
        _ = try await t.eventually("the Application is deleted once allowed") { try await apps().isEmpty }
        #expect(try await appSetCondition() == nil)
    }
}
