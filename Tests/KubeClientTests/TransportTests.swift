import Foundation
import KealmModel
import KealmYAML
import Testing

@testable import KubeClient

@Suite struct TransportTests {
    @Test func reusesConnectionAndSendsAuthAndBody() async throws {
        let server = LoopbackServer { req in
            .full(status: 200, headers: [:], body: #"{"method":"\#(req.method)","len":\#(req.body.count)}"#)
        }
        defer { server.stop() }
        let t = try CurlTransport(config: ClientConfig(server: server.url + "/", credentials: .token("s3cret")))
        for _ in 0..<5 {
            let r = try await t.send(HTTPRequest(method: "GET", path: "/api"))
            #expect(r.status == 200)
        }
        let body = Array(String(repeating: "x", count: 100_000).utf8)
        let r = try await t.send(HTTPRequest(method: "PATCH", path: "/p", headers: ["Content-Type": "application/json"], body: body))
        #expect(String(decoding: r.body, as: UTF8.self) == #"{"method":"PATCH","len":100000}"#)
        #expect(server.connections.load(ordering: .sequentiallyConsistent) == 1)
        let seen = server.requests.withLock { $0 }
        #expect(seen.allSatisfy { $0.headers["authorization"] == "Bearer s3cret" })
        #expect(seen.last?.headers["content-type"] == "application/json")
    }

    @Test func basicAuthAndTokenFileRefreshOn401() async throws {
        let dir = TempDir("tok")
        defer { dir.cleanup() }
        let tokenPath = dir.write("token", "old\n")
        let server = LoopbackServer { req in
            req.headers["authorization"] == "Bearer new" || req.headers["authorization"] == "Basic dTpw"
                ? .full(status: 200, headers: [:], body: "{}")
                : .full(status: 401, headers: [:], body: #"{"kind":"Status","code":401,"reason":"Unauthorized","message":"Unauthorized"}"#)
        }
        defer { server.stop() }
        let basic = try CurlTransport(config: ClientConfig(server: server.url, credentials: .basic(username: "u", password: "p")))
        #expect(try await basic.send(HTTPRequest(method: "GET", path: "/")).status == 200)
        let t = try CurlTransport(config: ClientConfig(server: server.url, credentials: .tokenFile(tokenPath)))
        #expect(try await t.send(HTTPRequest(method: "GET", path: "/")).status == 401)
        _ = dir.write("token", "new\n")
        // The cached token is younger than a minute, but a 401 forces a re-read.
        #expect(try await t.send(HTTPRequest(method: "GET", path: "/")).status == 200)
    }

    @Test func connectionRefusedIsUnavailable() async throws {
        let server = LoopbackServer { _ in .drop }
        let url = server.url
        server.stop()
        let t = try CurlTransport(config: ClientConfig(server: url))
        do {
            _ = try await t.send(HTTPRequest(method: "GET", path: "/api"))
            Issue.record("expected a transport error")
        } catch {
            #expect(error.kind == .transport)
            #expect(error.category == .unavailable)
            #expect(error.request == "GET /api")
        }
    }

    @Test func decodesStatusObjects() {
        let body = #"{"kind":"Status","apiVersion":"v1","status":"Failure","message":"ConfigMap \"x\" is invalid","reason":"Invalid","details":{"name":"x","kind":"configmaps","causes":[{"reason":"FieldValueInvalid","message":"bad key","field":"data.a b"}]},"code":422}"#
        let e = KubeError.fromResponse(HTTPResponse(status: 422, body: Array(body.utf8)), request: HTTPRequest(method: "POST", path: "/api/v1/namespaces/d/configmaps?x=1"))
        #expect(e.category == .invalid)
        #expect(e.reason == "Invalid")
        #expect(e.objectName == "x")
        #expect(e.causes == [.init(reason: "FieldValueInvalid", message: "bad key", field: "data.a b")])
        #expect(e.description.contains("POST /api/v1/namespaces/d/configmaps: "))
        #expect(!e.description.contains("x=1"))
        let table: [(Int, ErrorCategory)] = [(404, .notFound), (409, .conflict), (403, .forbidden), (401, .forbidden),
            (429, .unavailable), (500, .unavailable), (503, .unavailable), (422, .invalid), (400, .invalid)]
        for (code, cat) in table {
            #expect(KubeError.fromResponse(HTTPResponse(status: code, body: Array("oops".utf8)), request: HTTPRequest(method: "GET", path: "/")).category == cat)
        }
        let throttled = KubeError.fromResponse(HTTPResponse(status: 429, headers: ["retry-after": "3"]), request: HTTPRequest(method: "GET", path: "/"))
        #expect(throttled.retryAfterSeconds == 3)
    }

    @Test func streamsLinesIncrementallyAndCancels() async throws {
        let server = LoopbackServer { req in
            if req.path == "/slow" {
                return .stream(status: 200, chunks: [("{\"a\":", 0), ("1}\n{\"a\"", 0.2), (":2}\n", 0.2), ("", 30)])
            }
            return .stream(status: 200, chunks: [("l1\nl2", 0), ("\nl3", 0.1)])
        }
        defer { server.stop() }
        var opts = TransportOptions()
        opts.watchIdleTimeout = 60
        let t = try CurlTransport(config: ClientConfig(server: server.url), options: opts)
        var got: [String] = []
        for try await line in t.lines(HTTPRequest(method: "GET", path: "/fast")) { got.append(String(decoding: line, as: UTF8.self)) }
        #expect(got == ["l1", "l2", "l3"])
        let start = Date()
        var slow: [String] = []
        for try await line in t.lines(HTTPRequest(method: "GET", path: "/slow")) {
            slow.append(String(decoding: line, as: UTF8.self))
            if slow.count == 2 { break }
        }
        #expect(slow == [#"{"a":1}"#, #"{"a":2}"#])
        // The server holds the stream open for 30 s more: leaving early proves the break cancelled it.
        #expect(Date().timeIntervalSince(start) < 25)
    }

    @Test func idleWatchTimesOut() async throws {
        let server = LoopbackServer { _ in .stream(status: 200, chunks: [("a\n", 0), ("", 20)]) }
        defer { server.stop() }
        var opts = TransportOptions()
        opts.watchIdleTimeout = 1
        let t = try CurlTransport(config: ClientConfig(server: server.url), options: opts)
        var lines = 0
        await #expect(throws: KubeError.self) {
            for try await _ in t.lines(HTTPRequest(method: "GET", path: "/w")) { lines += 1 }
        }
        #expect(lines == 1)
    }

    @Test func tlsServerNameRewritesURL() throws {
        let b = try CurlTransport.baseURL(ClientConfig(server: "https://10.0.0.1:6443/clusters/a", tlsServerName: "kubernetes"))
        #expect(b.url == "https://kubernetes:6443/clusters/a")
        #expect(b.connectTo == "kubernetes:6443:10.0.0.1:6443")
        #expect(b.hostHeader == "10.0.0.1:6443")
        #expect(throws: KubeError.self) { try CurlTransport.baseURL(ClientConfig(server: "ftp://x")) }
    }
}

@Suite struct CredentialTests {
    @Test func printedConfigsHideSecrets() {
        let c = ClientConfig(server: "https://h", clientKey: .data(Array("-----BEGIN KEY-----".utf8)), credentials: .token("s3cret-token"))
        let printed = "\(c) \(String(reflecting: c)) \(Credentials.basic(username: "u", password: "pw-123"))"
        #expect(!printed.contains("s3cret-token"))
        #expect(!printed.contains("BEGIN KEY"))
        #expect(!printed.contains("pw-123"))
        let a = Kubeconfig.AuthInfo(token: "tok-1", password: "pw-2")
        #expect(!"\(a)".contains("tok-1") && !"\(a)".contains("pw-2"))
    }

    @Test func execPluginTokenIsSentAndRefreshedAfter401() async throws {
        let dir = TempDir("execx")
        defer { dir.cleanup() }
        let counter = dir.path + "/n"
        let plugin = dir.write("p.sh", """
            #!/bin/sh
            echo x >> "\(counter)"
            printf '{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"tok%s"}}' "$(wc -l < "\(counter)" | tr -d ' ')"
            """, mode: 0o755)
        let server = LoopbackServer { req in
            req.headers["authorization"] == "Bearer tok2"
                ? .full(status: 200, headers: [:], body: "{}")
                : .full(status: 401, headers: [:], body: #"{"kind":"Status","code":401,"reason":"Unauthorized"}"#)
        }
        defer { server.stop() }
        let exec = Kubeconfig.ExecConfig(command: plugin, apiVersion: "client.authentication.k8s.io/v1beta1")
        let t = try CurlTransport(config: ClientConfig(server: server.url, credentials: .exec(exec, cluster: .init(server: server.url))))
        // tok1 is refused, the cache is dropped, the plugin runs again and tok2 is accepted.
        #expect(try await t.send(HTTPRequest(method: "GET", path: "/")).status == 200)
        #expect(try await t.send(HTTPRequest(method: "GET", path: "/")).status == 200)
        #expect(server.requests.withLock { $0.map { $0.headers["authorization"] ?? "" } } == ["Bearer tok1", "Bearer tok2", "Bearer tok2"])
    }
}
