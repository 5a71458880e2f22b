import Foundation
import Testing

@testable import VirtualCluster

/// The HTTPS server in process: a watch ends on the server when its client goes away, over
/// HTTP/2 and over HTTP/1.1 (curl as the client).
@Suite(.serialized) struct HubTLSServerTests {
    static let curlAvailable = FileManager.default.isExecutableFile(atPath: "/usr/bin/curl")

    @Test(.enabled(if: curlAvailable)) func watchesEndWhenTheClientHangsUp() async throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let hub = try Hub(store: MemoryObjectStore())
        let token = try hub.issueToken(cluster: "*", label: "admin").token
        let pki = HubPKI(data: HubDataDirectory(dir))
        var server = HubServer(handler: APIHandler(hub: hub, serverAddress: "127.0.0.1:0"), port: 0)
        server.tls = HubServerTLS(certificates: try pki.servingCertificates())
        let (ports, portSink) = AsyncStream<Int>.makeStream()
        let serving = Task { try await server.run { portSink.yield($0) } }
        defer { serving.cancel() }
        var next = ports.makeAsyncIterator()
        let port = try #require(await next.next())
        let cluster = try hub.cluster(Hub.defaultCluster)

        for (flag, version) in [("--http2", "2"), ("--http1.1", "1.1")] {
            let curl = try Child([
                "curl", "-sS", flag, "--cacert", pki.caCertificatePath, "-H", "Authorization: Bearer \(token)", "--max-time", "2",
                "-o", "/dev/null", "-w", "%{http_version}",
                "https://127.0.0.1:\(port)/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=0",
            ], dir: dir)
            var opened = false
            for _ in 0..<100 where !opened {
                opened = cluster.watchCount == 1
                if !opened { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(opened, "no watch opened over HTTP/\(version): \(curl.stderr)")
            await curl.wait()
            #expect(curl.stdout == version, "curl spoke HTTP/\(curl.stdout)")
            var closed = false
            for _ in 0..<100 where !closed {
                closed = cluster.watchCount == 0
                if !closed { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(closed, "the watch stayed open on the server after the client left (HTTP/\(version))")
        }
    }
}
