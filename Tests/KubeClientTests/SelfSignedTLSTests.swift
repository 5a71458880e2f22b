import Foundation
import KealmYAML
import Testing
import TestSupport

@testable import KubeClient

/// TLS verification is on by default: a server with a self-signed certificate (valid for
/// 127.0.0.1, so only trust is at stake) is refused through a kubeconfig that neither trusts it nor
/// says `insecure-skip-tls-verify: true`; trusting it (`certificate-authority`) or skipping
/// verification explicitly are the only ways in. The bearer token is never sent to a refused server.
@Suite(.serialized) struct SelfSignedTLSTests {
    func kubeconfig(_ url: String, extra: String) -> String {
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: c
          cluster:
            server: \(url)
        \(extra.isEmpty ? "" : "    " + extra)
        users:
        - name: u
          user: {token: not-for-strangers}
        contexts:
        - name: c
          context: {cluster: c, user: u}
        current-context: c

        """
    }

    @Test func selfSignedServerIsRefusedUnlessTrustedOrExplicitlyInsecure() async throws {
        let dir = TempDir("selfsigned")
        defer { dir.cleanup() }
        let (status, _) = try run(["sh", "-c", """
            openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout srv.key -out srv.crt -days 2 \
              -subj /CN=self-signed -addext subjectAltName=IP:127.0.0.1 2>/dev/null
            """], cwd: dir.path)
        #expect(status == 0)
        let server = try SpawnedProcess(["python3", TLSTests.fixtures + "/tls_echo.py", dir.path + "/srv.crt", dir.path + "/srv.key"],
            logPath: dir.path + "/server.log")
        defer { server.stop() }
        let log = try server.waitFor("listening on ")
        let url = "https://127.0.0.1:" + log.split(separator: " ").last!.trimmingCharacters(in: .whitespacesAndNewlines)

        func get(_ extra: String) async throws -> Bool? {
            let path = dir.path + "/kc-\(UUID().uuidString)"
            try kubeconfig(url, extra: extra).write(toFile: path, atomically: true, encoding: .utf8)
            let client = try KubeClient(kubeconfig: path)
            let r = try await client.send(HTTPRequest(method: "GET", path: "/version"))
            return try JSON.decode(r.body)["auth"]?.boolValue
        }
        // Default: verification on, the self-signed certificate is refused before any request is sent.
        do {
            _ = try await get("")
            Issue.record("a self-signed server was accepted without being trusted")
        } catch let e as KubeError {
            #expect(e.kind == .transport, "\(e)")
            #expect(e.hint?.contains("certificate-authority") == true, "\(e)")
            #expect(!"\(e)".contains("not-for-strangers"))
        }
        // Explicitly false is the same as the default.
        await #expect(throws: KubeError.self) { _ = try await get("insecure-skip-tls-verify: false") }
        // Trusting the certificate, or skipping verification explicitly, lets the request through.
        #expect(try await get("certificate-authority: \(dir.path)/srv.crt") == true)
        #expect(try await get("insecure-skip-tls-verify: true") == true)
    }
}
