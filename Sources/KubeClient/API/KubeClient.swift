import Foundation
import KealmModel
import KealmYAML

/// Tuning of a `KubeClient`.
public struct ClientOptions: Sendable, Hashable {
    public var transport = TransportOptions()
    public var retry = RetryPolicy()
    /// Client-side rate limit; `qps <= 0` disables it.
    public var qps: Double = 50
    public var burst: Int = 100
    /// Page size of list calls (`limit`); 0 asks for everything at once.
    public var pageSize: Int = 500
    public init() {}
}

/// A Kubernetes API client over libcurl, working on `YAMLNode` objects.
///
/// Every call goes through the rate limiter and the retry policy, maps the kind through
/// cached discovery, and fails with a `KubeError` decoded from the server's `Status`.
public final class KubeClient: Sendable {
    public let transport: CurlTransport
    public let options: ClientOptions
    public let discovery: Discovery
    let limiter: RateLimiter

    public init(config: ClientConfig, options: ClientOptions = ClientOptions()) throws(KubeError) {
        let transport = try CurlTransport(config: config, options: options.transport)
        let limiter = RateLimiter(qps: options.qps, burst: options.burst)
        self.transport = transport
        self.options = options
        self.limiter = limiter
        let retry = options.retry
        discovery = Discovery { (path) throws(KubeError) in
            let r = try await Self.execute(transport, limiter, retry, HTTPRequest(method: "GET", path: path,
                headers: ["Accept": "application/json"]), idempotent: true)
            return try Self.decode(r, HTTPRequest(method: "GET", path: path))
        }
    }

    /// A client for a kubeconfig context (`--kubeconfig` / `KUBECONFIG` / `~/.kube/config`).
    public convenience init(kubeconfig path: String? = nil, context: String? = nil, options: ClientOptions = ClientOptions())
        throws(KubeError)
    {
        try self.init(config: KubeconfigLoader.load(explicitPath: path).clientConfig(context: context), options: options)
    }

    /// The namespace used for namespaced objects that name none.
    public var defaultNamespace: String { transport.config.namespace }

    /// Sends a request with rate limiting and retries; returns a 2xx response or throws.
    public func send(_ request: HTTPRequest, idempotent: Bool? = nil) async throws(KubeError) -> HTTPResponse {
        try await Self.execute(transport, limiter, options.retry, request, idempotent: idempotent ?? request.isIdempotent)
    }

    static func execute(
        _ transport: CurlTransport, _ limiter: RateLimiter, _ retry: RetryPolicy, _ request: HTTPRequest, idempotent: Bool
    ) async throws(KubeError) -> HTTPResponse {
        var attempt = 0
        while true {
            attempt += 1
            try await limiter.acquire()
            let error: KubeError
            do {
                let r = try await transport.send(request)
                if (200..<300).contains(r.status) { return r }
                error = KubeError.fromResponse(r, request: request)
            } catch {
                if error.kind == .cancelled { throw error }
                var e = error
                e.request = e.request ?? request.summary
                if !retry.shouldRetry(e, attempt: attempt, idempotent: idempotent) { throw e }
                try await pause(retry.delay(afterAttempt: attempt, retryAfter: nil, unit: Double.random(in: 0..<1)))
                continue
            }
            guard retry.shouldRetry(error, attempt: attempt, idempotent: idempotent) else { throw error }
            try await pause(retry.delay(afterAttempt: attempt, retryAfter: error.retryAfterSeconds, unit: Double.random(in: 0..<1)))
        }
    }

    static func pause(_ seconds: Double) async throws(KubeError) {
        do { try await Task.sleep(nanoseconds: UInt64(seconds * 1e9)) } catch { throw .cancelled(request: nil) }
    }

    static func decode(_ r: HTTPResponse, _ request: HTTPRequest) throws(KubeError) -> YAMLNode {
        do { return try JSONReader.decode(r.body) } catch {
            throw KubeError(kind: .decode, category: .internal, code: r.status,
                message: "cannot decode the server's answer: \(error)", request: request.summary)
        }
    }

    /// Sends a request and decodes the JSON answer.
    func call(_ request: HTTPRequest, idempotent: Bool? = nil) async throws(KubeError) -> YAMLNode {
        try Self.decode(try await send(request, idempotent: idempotent), request)
    }

    /// Maps a kind and runs `body` with the mapping; when the server answers 404 for the
    /// resource itself (not for a named object), discovery is refreshed and `body` runs once more.
    func withMapping<T>(_ gvk: GVK, _ body: (ResourceMapping) async throws(KubeError) -> T) async throws(KubeError) -> T {
        let m = try await discovery.mapping(for: gvk)
        do { return try await body(m) } catch where error.code == 404 && error.objectName == nil && error.objectKind == nil {
            discovery.invalidate()
            return try await body(try await discovery.mapping(for: gvk))
        }
    }

    /// The namespace to use for a mapping: nil for cluster-scoped kinds.
    func scope(_ m: ResourceMapping, _ namespace: String?) -> String? {
        guard m.namespaced else { return nil }
        if let namespace, !namespace.isEmpty { return namespace }
        return defaultNamespace
    }
}
