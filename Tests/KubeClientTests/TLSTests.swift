import Foundation
import KealmYAML
import Testing
import TestSupport

@testable import KubeClient

/// HTTPS with a CA, client certificates (files and in-memory blobs), insecure mode and
/// tls-server-name, against a Python `ssl` server on loopback that requires a client cert.
@Suite(.serialized) struct TLSTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path + "/Fixtures"

    struct PKI {
        let dir: TempDir
        func path(_ f: String) -> String { dir.path + "/" + f }
        func bytes(_ f: String) -> [UInt8] { [UInt8](FileManager.default.contents(atPath: path(f))!) }
    }

    static func makePKI() throws -> PKI {
        let dir = TempDir("pki")
        let script = """
            set -e
            openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout ca.key -out ca.crt -days 2 -subj /CN=test-ca 2>/dev/null
            printf 'subjectAltName=DNS:kube.test\\n' > srv.ext
            openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout srv.key -out srv.csr -subj /CN=kube.test 2>/dev/null
            openssl x509 -req -in srv.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out srv.crt -days 2 -extfile srv.ext 2>/dev/null
            printf 'extendedKeyUsage=clientAuth\\n' > cli.ext
            openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout cli.key -out cli.csr -subj /CN=reconciler 2>/dev/null
            openssl x509 -req -in cli.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out cli.crt -days 2 -extfile cli.ext 2>/dev/null
            """
        let (status, _) = try run(["sh", "-c", script], cwd: dir.path)
        #expect(status == 0)
        return PKI(dir: dir)
    }

    @Test func clientCertificatesCAAndServerName() async throws {
        let pki = try Self.makePKI()
        defer { pki.dir.cleanup() }
        let server = try SpawnedProcess(["python3", Self.fixtures + "/tls_echo.py", pki.path("srv.crt"), pki.path("srv.key"), pki.path("ca.crt")],
            logPath: pki.path("server.log"))
        defer { server.stop() }
        let log = try server.waitFor("listening on ")
        let port = log.split(separator: " ").last!.trimmingCharacters(in: .whitespacesAndNewlines)
        let url = "https://127.0.0.1:\(port)"

        func cn(_ c: ClientConfig) async throws -> String? {
            let r = try await CurlTransport(config: c).send(HTTPRequest(method: "GET", path: "/"))
            return try JSON.decode(r.body).string(at: "cn")
        }
        // Files, with tls-server-name matching the certificate's only name.
        let files = ClientConfig(server: url, caCertificate: .file(pki.path("ca.crt")),
            clientCertificate: .file(pki.path("cli.crt")), clientKey: .file(pki.path("cli.key")), tlsServerName: "kube.test")
        #expect(try await cn(files) == "reconciler")
        // In-memory PEM (kubeconfig *-data) through libcurl blobs, plus a bearer token.
        var blobs = ClientConfig(server: url, caCertificate: .data(pki.bytes("ca.crt")),
            clientCertificate: .data(pki.bytes("cli.crt")), clientKey: .data(pki.bytes("cli.key")), tlsServerName: "kube.test",
            credentials: .token("t"))
        #expect(try await cn(blobs) == "reconciler")
        // The certificate does not name 127.0.0.1: without tls-server-name verification fails.
        blobs.tlsServerName = nil
        await #expect(throws: KubeError.self) { _ = try await cn(blobs) }
        // insecure-skip-tls-verify accepts it.
        blobs.insecureSkipTLSVerify = true
        #expect(try await cn(blobs) == "reconciler")
        // No client certificate: the server refuses the handshake.
        let noCert = ClientConfig(server: url, caCertificate: .file(pki.path("ca.crt")), tlsServerName: "kube.test")
        await #expect(throws: KubeError.self) { _ = try await cn(noCert) }
        // Unknown CA.
        let noCA = ClientConfig(server: url, clientCertificate: .file(pki.path("cli.crt")), clientKey: .file(pki.path("cli.key")),
            tlsServerName: "kube.test")
        do {
            _ = try await cn(noCA)
            Issue.record("expected a TLS error")
        } catch let e as KubeError {
            #expect(e.kind == .transport)
            #expect(e.hint?.contains("certificate-authority") == true)
        }
    }
}
