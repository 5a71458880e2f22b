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

        for (flag, version) in [("--http2", "HTTP/2 200"), ("--http1.1", "HTTP/1.1 200")] {
            let headers = dir + "/headers-\(flag)"
            let curl = try Child([
                "curl", "-sS", "-N", flag, "--cacert", pki.caCertificatePath, "-H", "Authorization: Bearer \(token)",
                "-D", headers, "-o", "/dev/null",
                "https://127.0.0.1:\(port)/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=0",
            ], dir: dir)
            // Hang up only once the answer has started, so the server has its stream running.
            var answered = false
            for _ in 0..<400 where !answered {
                answered = cluster.watchCount == 1 && ((try? String(contentsOfFile: headers, encoding: .utf8)) ?? "").contains(version)
                if !answered { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(answered, "no \(version) watch: \(curl.stderr)")
            curl.signal(SIGTERM)
            await curl.wait()
            var closed = false
            for _ in 0..<400 where !closed {
                closed = cluster.watchCount == 0
                if !closed { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(closed, "the watch stayed open on the server after the client left (\(version))")
        }
    }
}
