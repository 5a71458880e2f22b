import Foundation
import KealmApp
import KealmModel
import KealmYAML
import KubeClient
import Testing
import TestSupport

/// The hub refuses unauthenticated and out-of-scope requests: an agent's token, scoped to its
/// cluster namespace, reads and writes there and nowhere else — not another cluster's namespace,
/// not its Secrets, not the cluster scope, not another logical cluster. Checked with the real
/// `kealm hub serve`, the real KubeClient and the real kubectl.
@Suite(.serialized) struct AgentScopeTests {
    static let kubectl = FileManager.default.isExecutableFile(atPath: "/usr/bin/kubectl")
    static let secret = GVK(group: "", version: "v1", kind: "Secret")
    static let configMap = GVK(group: "", version: "v1", kind: "ConfigMap")
    static let namespace = GVK(group: "", version: "v1", kind: "Namespace")

    static func object(_ yaml: String) throws -> YAMLNode { try YAMLParser.parse(yaml) }

    @Test func agentTokenStaysInItsNamespace() async throws {
        let dir = try CrashRestartTests.tempDir("access")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let server = try SpawnedProcess([FleetControllerTests.kealm, "hub", "serve", "--data", dir + "/data", "--port", "0", "--stages", "none"],
            logPath: dir + "/hub.log")
        defer { server.stop(grace: 0.5) }
        _ = try await server.waitForLog("listening on ")
        let admin = try KubeClient(kubeconfig: dir + "/data/admin.kubeconfig")
        let secretValue = "other-cluster-" + UUID().uuidString
        for c in ["cluster1", "cluster2"] {
            _ = try await admin.create(try Self.object("{apiVersion: v1, kind: Namespace, metadata: {name: \(c)}}"))
            _ = try await admin.create(try Self.object(
                "{apiVersion: v1, kind: Secret, metadata: {name: creds, namespace: \(c)}, stringData: {password: \(secretValue)-\(c)}}"))
        }
        _ = try await admin.create(try Self.object("{apiVersion: v1, kind: Secret, metadata: {name: hub-creds, namespace: default}, stringData: {k: v}}"))
        _ = try SplitFleet.kealmOutput(["hub", "cluster", "create", "cluster1", "--data", dir + "/data"])
        let agentConfig = dir + "/agent.kubeconfig"
        try SplitFleet.kealmOutput(["hub", "kubeconfig", "--data", dir + "/data", "--cluster", "default", "--namespaces", "cluster1",
            "--user", "agent-cluster1"]).write(toFile: agentConfig, atomically: true, encoding: .utf8)
        let agent = try KubeClient(kubeconfig: agentConfig)

        // In scope: its own namespace, its own Secrets, writes there, its Namespace object.
        #expect(try await agent.get(Self.secret, name: "creds", namespace: "cluster1").string(at: "metadata", "name") == "creds")
        _ = try await agent.create(try Self.object("{apiVersion: v1, kind: ConfigMap, metadata: {name: mine, namespace: cluster1}}"))
        _ = try await agent.get(Self.namespace, name: "cluster1")

        // Out of scope: every read or write elsewhere is 403, and the answer carries no secret.
        func refused(_ what: String, _ body: () async throws -> Void) async {
            do {
                try await body()
                Issue.record("\(what): allowed")
            } catch let e as KubeError {
                #expect(e.category == .forbidden, "\(what): \(e)")
                #expect(!"\(e)".contains(secretValue), "\(what): the error carries the secret")
            } catch {
                Issue.record("\(what): \(error)")
            }
        }
        await refused("get another cluster's Secret") { _ = try await agent.get(Self.secret, name: "creds", namespace: "cluster2") }
        await refused("list another cluster's Secrets") { _ = try await agent.list(Self.secret, namespace: "cluster2") }
        await refused("list Secrets in every namespace") { _ = try await agent.list(Self.secret) }
        await refused("get a hub Secret") { _ = try await agent.get(Self.secret, name: "hub-creds", namespace: "default") }
        await refused("list another cluster's ConfigMaps") { _ = try await agent.list(Self.configMap, namespace: "cluster2") }
        await refused("write in another cluster's namespace") {
            _ = try await agent.create(try Self.object("{apiVersion: v1, kind: ConfigMap, metadata: {name: x, namespace: cluster2}}"))
        }
        await refused("delete another cluster's Secret") { _ = try await agent.delete(Self.secret, name: "creds", namespace: "cluster2") }
        await refused("list Namespaces") { _ = try await agent.list(Self.namespace) }
        await refused("get another Namespace") { _ = try await agent.get(Self.namespace, name: "cluster2") }
        await refused("watch another cluster's Secrets") {
            for try await _ in agent.watch(Self.secret, namespace: "cluster2") { break }
        }
        // Another logical cluster (the member `cluster1` itself): the token belongs to the hub only.
        let base = try Self.baseURL(agentConfig)
        let token = try Self.token(in: agentConfig)
        let otherCluster = try KubeClient(config: ClientConfig(server: base + "/auth/\(token)/clusters/cluster1", credentials: .token(token)))
        await refused("read another logical cluster") { _ = try await otherCluster.list(Self.configMap, namespace: "cluster1") }

        // Unauthenticated and wrong-token requests: 401, mapped to .forbidden.
        for (what, config) in [("no token", ClientConfig(server: base)), ("a wrong token", ClientConfig(server: base + "/auth/0123", credentials: .token("0123")))] {
            await refused(what) { _ = try await KubeClient(config: config).list(Self.secret, namespace: "cluster1") }
        }

        // The same with the real kubectl.
        if Self.kubectl {
            func kubectl(_ args: [String], _ kubeconfig: String = agentConfig) throws -> ShortCommand.Result {
                try ShortCommand.run(["kubectl", "--kubeconfig", kubeconfig] + args)
            }
            var r = try kubectl(["get", "secrets", "-n", "cluster1", "-o", "name"])
            #expect(r.status == 0 && r.out.contains("secret/creds"), "\(r.all)")
            for args in [["get", "secrets", "-n", "cluster2"], ["get", "secret", "creds", "-n", "cluster2", "-o", "yaml"],
                         ["get", "secrets", "-A"], ["get", "secret", "hub-creds", "-n", "default"], ["get", "namespaces"],
                         ["-n", "cluster2", "create", "configmap", "x", "--from-literal=a=1"]] {
                r = try kubectl(args)
                #expect(r.status != 0 && r.err.lowercased().contains("forbidden"), "kubectl \(args.joined(separator: " ")): \(r.all)")
                #expect(!r.all.contains(secretValue))
            }
            let anonymous = dir + "/anonymous.kubeconfig"
            try String(contentsOfFile: agentConfig, encoding: .utf8)
                .replacingOccurrences(of: token, with: "not-a-token").write(toFile: anonymous, atomically: true, encoding: .utf8)
            r = try kubectl(["get", "secrets", "-n", "cluster1"], anonymous)
            #expect(r.status != 0 && (r.err.contains("Unauthorized") || r.err.contains("credentials")), "\(r.all)")
            #expect(!r.all.contains(secretValue))
        }
    }

    /// The hub's base URL in a kubeconfig written by `kealm hub kubeconfig` (without `/auth/…` or `/clusters/…`).
    static func baseURL(_ kubeconfig: String) throws -> String {
        let text = try String(contentsOfFile: kubeconfig, encoding: .utf8)
        guard let line = text.split(separator: "\n").first(where: { $0.contains("server:") }) else { throw CrashRoundError("no server") }
        var s = line.split(separator: ":", maxSplits: 1)[1].trimmingCharacters(in: CharacterSet(charactersIn: " \""))
        if let r = s.range(of: "/auth/") ?? s.range(of: "/clusters/") { s = String(s[..<r.lowerBound]) }
        return s
    }

    static func token(in kubeconfig: String) throws -> String {
        let text = try String(contentsOfFile: kubeconfig, encoding: .utf8)
        guard let line = text.split(separator: "\n").first(where: { $0.contains("token:") }) else { throw CrashRoundError("no token") }
        return line.split(separator: ":", maxSplits: 1)[1].trimmingCharacters(in: CharacterSet(charactersIn: " \""))
    }
}
