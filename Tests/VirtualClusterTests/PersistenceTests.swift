import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import KealmYAML
import Testing

/// A minimal HTTP client for the spawned hub.
struct HubClient {
    let base: String
    let token: String

    func send(_ method: String, _ path: String, _ body: String? = nil) async throws -> (Int, String) {
        var req = URLRequest(url: URL(string: base + path)!)
        req.httpMethod = method
        req.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        req.setValue("application/json", forHTTPHeaderField: "Content-Type")
        req.timeoutInterval = 10
        if let body { req.httpBody = Data(body.utf8) }
        let (data, res) = try await URLSession.shared.data(for: req)
        return ((res as! HTTPURLResponse).statusCode, String(decoding: data, as: UTF8.self))
    }

    static func adminToken(_ hub: HubProcess) throws -> String {
        let text = try String(contentsOfFile: hub.data + "/admin.kubeconfig", encoding: .utf8)
        return try YAMLParser.parse(text)["users"]!.items![0].string(at: "user", "token")!
    }
}

@Suite(.serialized) struct PersistenceTests {
    @Test func restartKeepsObjectsAndResourceVersions() async throws {
        let hub = try await HubProcess(dir: temporaryDirectory())
        var client = HubClient(base: hub.base, token: try HubClient.adminToken(hub))
        let (c1, body) = try await client.send("POST", "/api/v1/namespaces/default/configmaps", cm("keep"))
        #expect(c1 == 201)
        let rv = Int(try JSON.decode(body).string(at: "metadata", "resourceVersion")!)!
        try await hub.restart(tag: "hub-1")
        client = HubClient(base: hub.base, token: client.token)
        let (c2, _) = try await client.send("GET", "/api/v1/namespaces/default/configmaps/keep")
        #expect(c2 == 200)
        let (_, b3) = try await client.send("POST", "/api/v1/namespaces/default/configmaps", cm("next"))
        #expect(Int(try JSON.decode(b3).string(at: "metadata", "resourceVersion")!)! > rv)
        await hub.stop()
    }

    @Test func killDuringWritesLosesNoAcknowledgedWrite() async throws {
        let hub = try await HubProcess(dir: temporaryDirectory())
        let client = HubClient(base: hub.base, token: try HubClient.adminToken(hub))
        let acknowledged = Counter()
        var acked: [String] = []
        let writer = Task { () -> [String] in
            var names: [String] = []
            for i in 0..<100_000 {
                guard let (code, _) = try? await client.send("POST", "/api/v1/namespaces/default/configmaps", cm("w\(i)")) else { break }
                if code == 201 { names.append("w\(i)"); _ = acknowledged.next() } else { break }
            }
            return names
        }
        while acknowledged.peek() < 200 { try await Task.sleep(for: .milliseconds(20)) }
        hub.child.signal(SIGKILL)
        acked = await writer.value
        await hub.child.wait()
        try await hub.restart(tag: "hub-after-kill")
        let fresh = HubClient(base: hub.base, token: client.token)
        let (code, list) = try await fresh.send("GET", "/api/v1/namespaces/default/configmaps")
        #expect(code == 200)
        let present = Set((try JSON.decode(list))["items"]?.items?.compactMap { $0.string(at: "metadata", "name") } ?? [])
        let lost = acked.filter { !present.contains($0) }
        #expect(acked.count >= 200 && lost.isEmpty, "lost \(lost.count) of \(acked.count)")
        await hub.stop()
    }
}
