import Foundation
import KealmModel
import KealmYAML
import Testing

@testable import KubeClient

/// The client against `kealm hub serve --tls` over loopback: tokens and client certificates, HTTP/2,
/// verification on by default, refusals over TLS.
@Suite(.enabled(if: HubProcess.available)) struct HubTLSTests {
    static func withTLSHub(_ arguments: [String] = [], _ body: (HubProcess, TempDir) async throws -> Void) async throws {
        let dir = TempDir("hubtls")
        defer { dir.cleanup() }
        let hub = try HubProcess(data: dir.path + "/data", arguments: ["--tls"] + arguments)
        defer { hub.stop() }
        try await body(hub, dir)
    }

    static func client(_ kubeconfig: String, attempts: Int = 4) throws -> KubeClient {
        var o = ClientOptions()
        o.retry = RetryPolicy(maxAttempts: attempts, baseDelay: 0.05, maxDelay: 0.3)
        return try KubeClient(kubeconfig: kubeconfig, options: o)
    }

    /// `kealm hub kubeconfig …` for the hub's data directory, written to a file.
    static func issue(_ hub: HubProcess, _ dir: TempDir, _ name: String, _ arguments: [String]) throws -> String {
        let (status, text) = try run([HubProcess.binary!, "hub", "kubeconfig", "--data", hub.data] + arguments)
        #expect(status == 0, "kealm hub kubeconfig \(arguments) failed")
        return dir.write(name, text)
    }

    /// Creates a namespace, a ConfigMap, reads, patches, watches and deletes it.
    static func crudAndWatch(_ c: KubeClient, namespace ns: String, createNamespace: Bool = true) async throws {
        if createNamespace { try await HubIntegrationTests.namespace(c, ns) }
        let start = try await c.list(configMapGVK, namespace: ns)
        let seen = Recorder<WatchEvent>()
        let consumer = Task {
            for try await e in c.watch(configMapGVK, namespace: ns, options: WatchOptions(resourceVersion: start.resourceVersion)) {
                seen.add(e)
            }
        }
        defer { consumer.cancel() }
        _ = try await c.create(configMap("tls", ns, data: ["v": "1"]))
        _ = try await c.patch(configMapGVK, name: "tls", namespace: ns, type: .merge, patch: object(#"{"data":{"v":"2"}}"#))
        #expect(try await c.get(configMapGVK, name: "tls", namespace: ns).string(at: "data", "v") == "2")
        try await c.delete(configMapGVK, name: "tls", namespace: ns)
        #expect(await seen.wait {
            $0.contains { if case .deleted = $0 { return true } else { return false } }
        })
        let kinds = seen.items.compactMap { e -> String? in
            switch e {
            case .added: return "ADDED"
            case .modified: return "MODIFIED"
            case .deleted: return "DELETED"
            default: return nil
            }
        }
        #expect(kinds == ["ADDED", "MODIFIED", "DELETED"])
    }

    @Test func tokenOverHTTPSWithHTTP2() async throws {
        try await Self.withTLSHub { hub, _ in
            #expect(hub.base.hasPrefix("https://127.0.0.1:"))
            let text = try String(contentsOfFile: hub.kubeconfig, encoding: .utf8)
            #expect(text.contains("certificate-authority-data") && !text.contains("/auth/"))
            let c = try Self.client(hub.kubeconfig)
            let version = try await c.send(HTTPRequest(method: "GET", path: "/version"))
            #expect(version.httpVersion == "2", "libcurl negotiated HTTP/\(version.httpVersion)")
            try await Self.crudAndWatch(c, namespace: "tok")
        }
    }

    @Test func tokenOverHTTP1WhenHTTP2IsOff() async throws {
        try await Self.withTLSHub(["--no-http2"]) { hub, _ in
            let c = try Self.client(hub.kubeconfig)
            let version = try await c.send(HTTPRequest(method: "GET", path: "/version"))
            #expect(version.httpVersion == "1.1")
            try await Self.crudAndWatch(c, namespace: "h1")
        }
    }

    @Test func clientCertificateAuthenticatesAndIsScoped() async throws {
        try await Self.withTLSHub { hub, dir in
            let admin = try Self.client(hub.kubeconfig)
            try await HubIntegrationTests.namespace(admin, "team")
            let kc = try Self.issue(hub, dir, "team.kubeconfig", ["--client-cert", "--user", "alice", "--namespaces", "team"])
            let text = try String(contentsOfFile: kc, encoding: .utf8)
            #expect(text.contains("client-certificate-data") && !text.contains("token:"))
            let c = try Self.client(kc)
            try await Self.crudAndWatch(c, namespace: "team", createNamespace: false)
            // Outside its namespace: 403 naming the certificate's user.
            do throws(KubeError) {
                _ = try await c.list(configMapGVK, namespace: "default")
                Issue.record("expected 403")
            } catch {
                #expect(error.code == 403 && error.category == .forbidden, "\(error)")
                #expect(error.description.contains("alice"), "\(error)")
            }
            // An admin certificate may do everything.
            let full = try Self.client(try Self.issue(hub, dir, "root.kubeconfig", ["--client-cert", "--user", "root"]))
            _ = try await full.list(configMapGVK, namespace: "default")
        }
    }

    @Test func unauthenticatedAndForgedRequestsAreRefused() async throws {
        try await Self.withTLSHub { hub, dir in
            let text = try String(contentsOfFile: hub.kubeconfig, encoding: .utf8)
            let ca = try #require(text.firstMatch(of: /certificate-authority-data: "([^"]+)"/)?.1)
            // No credential at all: 401.
            let anonymous = dir.write("anon.kubeconfig", """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "\(hub.base)", certificate-authority-data: "\(ca)"}}]
                users: [{name: u, user: {}}]
                contexts: [{name: c, context: {cluster: c, user: u}}]
                current-context: c
                """)
            do throws(KubeError) {
                _ = try await Self.client(anonymous).list(configMapGVK, namespace: "default")
                Issue.record("expected 401")
            } catch {
                #expect(error.code == 401 && error.category == .forbidden, "\(error)")
            }
            // A certificate's scope record key is public (its fingerprint): presented as a bearer token it is refused.
            let kc = try String(contentsOfFile: try Self.issue(hub, dir, "cert.kubeconfig", ["--client-cert", "--user", "bob"]), encoding: .utf8)
            let pem = try #require(kc.firstMatch(of: /client-certificate-data: "([^"]+)"/).flatMap { Data(base64Encoded: String($0.1)) })
            let pemPath = dir.write("bob.crt", String(decoding: pem, as: UTF8.self))
            let (st, out) = try run(["openssl", "x509", "-in", pemPath, "-noout", "-fingerprint", "-sha256"])
            #expect(st == 0)
            let fingerprint = String(out.split(separator: "=").last ?? "").replacingOccurrences(of: ":", with: "")
                .trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            #expect(fingerprint.count == 64)
            let forged = dir.write("forged.kubeconfig", text.replacingOccurrences(
                of: #"token: "[0-9a-f]+""#, with: "token: \"x509-sha256:\(fingerprint)\"", options: .regularExpression))
            do throws(KubeError) {
                _ = try await Self.client(forged).list(configMapGVK, namespace: "default")
                Issue.record("expected 401")
            } catch {
                #expect(error.code == 401, "\(error)")
            }
        }
    }

    @Test func verificationIsOnByDefault() async throws {
        try await Self.withTLSHub { hub, dir in
            // Another hub's CA: the handshake fails with an error naming the server; no retry helps.
            let other = TempDir("othertls")
            defer { other.cleanup() }
            let otherHub = try HubProcess(data: other.path + "/data", arguments: ["--tls"])
            otherHub.stop()
            let otherCA = try #require(
                try String(contentsOfFile: otherHub.kubeconfig, encoding: .utf8).firstMatch(of: /certificate-authority-data: "([^"]+)"/)?.1)
            let text = try String(contentsOfFile: hub.kubeconfig, encoding: .utf8)
            let ourCA = try #require(text.firstMatch(of: /certificate-authority-data: "([^"]+)"/)?.1)
            let wrong = dir.write("wrong.kubeconfig", text.replacingOccurrences(of: String(ourCA), with: String(otherCA)))
            do throws(KubeError) {
                _ = try await Self.client(wrong).list(configMapGVK, namespace: "default")
                Issue.record("expected a TLS verification failure")
            } catch {
                #expect(error.kind == .transport && error.category == .forbidden, "\(error)")
                #expect(error.description.contains(hub.base), "\(error)")
            }
            // No CA at all: the system trust store does not know the hub either.
            let none = dir.write("none.kubeconfig", text.replacingOccurrences(
                of: #"\n    certificate-authority-data: "[^"]+""#, with: "", options: .regularExpression))
            do throws(KubeError) {
                _ = try await Self.client(none).list(configMapGVK, namespace: "default")
                Issue.record("expected a TLS verification failure")
            } catch {
                #expect(error.category == .forbidden, "\(error)")
            }
            // insecure-skip-tls-verify accepts any server certificate.
            let insecure = dir.write("insecure.kubeconfig", text.replacingOccurrences(
                of: #"certificate-authority-data: "[^"]+""#, with: "insecure-skip-tls-verify: true", options: .regularExpression))
            _ = try await Self.client(insecure).list(configMapGVK, namespace: "default")
            // A client certificate from another hub's CA is refused in the handshake.
            let foreign = try Self.issue(otherHub, other, "foreign.kubeconfig", ["--client-cert", "--user", "mallory"])
            let foreignText = try String(contentsOfFile: foreign, encoding: .utf8)
                .replacingOccurrences(of: otherHub.base, with: hub.base)
                .replacingOccurrences(of: String(otherCA), with: String(ourCA))
            do throws(KubeError) {
                _ = try await Self.client(dir.write("foreign2.kubeconfig", foreignText), attempts: 1).list(configMapGVK, namespace: "default")
                Issue.record("expected the foreign certificate to be refused")
            } catch {
                #expect(error.kind == .transport || error.code == 401, "\(error)")
            }
        }
    }
}
