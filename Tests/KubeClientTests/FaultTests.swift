import Foundation
import KealmModel
import KealmYAML
import Synchronization
import Testing

@testable import KubeClient

@Suite struct RetryPolicyTests {
    @Test(arguments: [
        // (code, kind, idempotent, retryNonIdempotent, expected)
        (429, KubeError.Kind.status, false, false, true),
        (503, .status, true, false, true),
        (503, .status, false, false, false),
        (503, .status, false, true, true),
        (500, .status, true, false, true),
        (409, .status, true, false, false),
        (404, .status, true, false, false),
        (0, .transport, true, false, true),
        (0, .transport, false, false, false),
        (0, .cancelled, true, true, false),
        (0, .config, true, true, false),
    ])
    func decides(code: Int, kind: KubeError.Kind, idempotent: Bool, all: Bool, expected: Bool) {
        var e = KubeError(kind: kind, category: kind == .transport ? .unavailable : KubeError.category(forHTTPStatus: code),
            code: code, message: "x")
        if kind == .cancelled || kind == .config { e.category = .unavailable }
        let p = RetryPolicy(retryNonIdempotent: all)
        #expect(p.shouldRetry(e, attempt: 1, idempotent: idempotent) == expected)
        #expect(!p.shouldRetry(e, attempt: p.maxAttempts, idempotent: idempotent))
    }

    @Test func backoffGrowsWithJitterAndHonoursRetryAfter() {
        let p = RetryPolicy(baseDelay: 0.1, maxDelay: 1, jitter: 0.5, maxRetryAfter: 5)
        #expect(p.delay(afterAttempt: 1, retryAfter: nil, unit: 0.5) == 0.1)
        #expect(p.delay(afterAttempt: 3, retryAfter: nil, unit: 0.5) == 0.4)
        #expect(p.delay(afterAttempt: 10, retryAfter: nil, unit: 0.5) == 1)
        #expect(p.delay(afterAttempt: 2, retryAfter: nil, unit: 0) == 0.1)
        #expect(abs(p.delay(afterAttempt: 2, retryAfter: nil, unit: 0.999) - 0.2999) < 0.001)
        #expect(p.delay(afterAttempt: 1, retryAfter: 3, unit: 0) == 3)
        #expect(p.delay(afterAttempt: 1, retryAfter: 100, unit: 0) == 5)
    }

    @Test func tokenBucket() {
        let r = RateLimiter(qps: 10, burst: 3)
        let t0 = RateLimiter.now()
        #expect(r.reserve(at: t0) == 0)
        #expect(r.reserve(at: t0) == 0)
        #expect(r.reserve(at: t0) == 0)
        #expect(abs(r.reserve(at: t0) - 0.1) < 1e-6)
        #expect(abs(r.reserve(at: t0) - 0.2) < 1e-6)
        // One second later the bucket is full again (capped at burst).
        #expect(r.reserve(at: t0 + 1.0) == 0)
        #expect(RateLimiter(qps: 0, burst: 1).reserve(at: t0) == 0)
    }
}

/// Retries against a real loopback socket server that answers 429 and 503.
@Suite struct RetryOverHTTPTests {
    static func client(_ url: String, retry: RetryPolicy = RetryPolicy(baseDelay: 0.05)) throws -> KubeClient {
        var o = ClientOptions()
        o.retry = retry
        return try KubeClient(config: ClientConfig(server: url), options: o)
    }

    @Test func honoursRetryAfterThenSucceeds() async throws {
        let n = Atomic<Int>(0)
        let server = LoopbackServer { _ in
            switch n.add(1, ordering: .sequentiallyConsistent).newValue {
            case 1: return .full(status: 429, headers: ["Retry-After": "1"],
                body: #"{"kind":"Status","code":429,"reason":"TooManyRequests","message":"slow down"}"#)
            case 2: return .full(status: 503, headers: [:], body: "unavailable")
            default: return .full(status: 200, headers: [:], body: #"{"ok":true}"#)
            }
        }
        defer { server.stop() }
        let c = try Self.client(server.url)
        let start = Date()
        let r = try await c.send(HTTPRequest(method: "GET", path: "/x"))
        #expect(r.status == 200)
        #expect(n.load(ordering: .sequentiallyConsistent) == 3)
        #expect(Date().timeIntervalSince(start) >= 0.95)
    }

    @Test func postIsRetriedOn429ButNotOn503() async throws {
        let n = Atomic<Int>(0)
        let server = LoopbackServer { _ in
            n.add(1, ordering: .sequentiallyConsistent).newValue == 1
                ? .full(status: 429, headers: ["Retry-After": "0"], body: "{}")
                : .full(status: 503, headers: [:], body: #"{"kind":"Status","code":503,"reason":"ServiceUnavailable","message":"down"}"#)
        }
        defer { server.stop() }
        let c = try Self.client(server.url)
        do {
            _ = try await c.send(HTTPRequest(method: "POST", path: "/x", body: Array("{}".utf8)))
            Issue.record("expected 503")
        } catch {
            #expect(error.code == 503)
            #expect(error.category == .unavailable)
            #expect(error.reason == "ServiceUnavailable")
        }
        #expect(n.load(ordering: .sequentiallyConsistent) == 2)
    }

    @Test func givesUpAfterMaxAttempts() async throws {
        let server = LoopbackServer { _ in .full(status: 500, headers: [:], body: "{}") }
        defer { server.stop() }
        let c = try Self.client(server.url, retry: RetryPolicy(maxAttempts: 3, baseDelay: 0.01))
        await #expect(throws: KubeError.self) { _ = try await c.send(HTTPRequest(method: "GET", path: "/x")) }
        #expect(server.requests.withLock { $0.count } == 3)
    }

    @Test func cancellationStopsRetrying() async throws {
        let server = LoopbackServer { _ in .full(status: 429, headers: ["Retry-After": "120"], body: "{}") }
        defer { server.stop() }
        let c = try Self.client(server.url)
        let task = Task { try await c.send(HTTPRequest(method: "GET", path: "/x")) }
        try await Task.sleep(nanoseconds: 300_000_000)
        let start = Date()
        task.cancel()
        let result = await task.result
        // Retry-After is 120 s: finishing well before it proves cancellation cut the wait short
        // (the bound is loose because a loaded CI machine can be slow to schedule the task).
        #expect(Date().timeIntervalSince(start) < 60)
        guard case .failure(let e) = result, let ke = e as? KubeError else {
            Issue.record("expected a cancelled error")
            return
        }
        #expect(ke.kind == .cancelled)
    }
}

@Suite struct RateLimitOverHTTPTests {
    @Test func qpsAndBurstSpaceRequests() async throws {
        let server = LoopbackServer { _ in .full(status: 200, headers: [:], body: "{}") }
        defer { server.stop() }
        var o = ClientOptions()
        o.qps = 20
        o.burst = 5
        let c = try KubeClient(config: ClientConfig(server: server.url), options: o)
        let start = Date()
        for _ in 0..<15 { _ = try await c.send(HTTPRequest(method: "GET", path: "/x")) }
        // 5 from the burst, then 10 at 20/s: at least 0.5 s.
        #expect(Date().timeIntervalSince(start) >= 0.45)
    }

    @Test func expiredContinueTokenRestartsTheList() async throws {
        let calls = Mutex<[String]>([])
        let server = LoopbackServer { req in
            if req.path == "/api/v1" { return .full(status: 200, headers: [:], body: WatchResumeTests.resources) }
            let cont = req.query["continue"] ?? ""
            let n = calls.withLock { $0.append(cont); return $0.count }
            if cont == "t1" && n == 2 {
                return .full(status: 410, headers: [:], body: #"{"kind":"Status","code":410,"reason":"Expired","message":"continue token expired"}"#)
            }
            if cont.isEmpty {
                return .full(status: 200, headers: [:], body: #"{"metadata":{"continue":"t1","resourceVersion":"5"},"items":[{"metadata":{"name":"a"}}]}"#)
            }
            return .full(status: 200, headers: [:], body: #"{"metadata":{"resourceVersion":"9"},"items":[{"metadata":{"name":"b"}}]}"#)
        }
        defer { server.stop() }
        let c = try KubeClient(config: ClientConfig(server: server.url))
        let list = try await c.list(configMapGVK, namespace: "d", options: ListOptions(limit: 1))
        #expect(list.items.compactMap { $0.string(at: "metadata", "name") } == ["a", "b"])
        #expect(list.resourceVersion == "9")
        #expect(calls.withLock { $0 } == ["", "t1", "", "t1"])
    }
}
