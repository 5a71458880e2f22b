import CCurl
import Foundation

/// Limits and tuning of a transport.
public struct TransportOptions: Sendable, Hashable {
    /// Seconds to establish a connection (TCP + TLS).
    public var connectTimeout: Double = 10
    /// Seconds for a whole non-watch request.
    public var requestTimeout: Double = 60
    /// Seconds without a byte after which a watch stream is considered dead.
    public var watchIdleTimeout: Double = 120
    /// Threads running blocking transfers (watches run on their own threads).
    public var maxConcurrentRequests: Int = 8
    /// Offer HTTP/2 over TLS (ALPN); plain HTTP stays 1.1.
    public var http2: Bool = true
    public var userAgent: String = "kealm/0.1"

    public init() {}
}

/// Sends HTTP requests to one API server through libcurl.
///
/// One easy handle per transfer, taken from a pool that keeps connections warm; DNS and TLS
/// sessions shared through a share handle; blocking `curl_easy_perform` calls run on
/// dedicated threads, never on the cooperative pool. Cancelling the calling task aborts the
/// transfer within about a second (the progress callback checks a flag).
public final class CurlTransport: Sendable {
    public let config: ClientConfig
    public let options: TransportOptions
    let auth: AuthProvider
    let pool: EasyHandlePool
    let workers: BlockingWorkers
    let base: (url: String, hostHeader: String?, connectTo: String?)

    public init(config: ClientConfig, options: TransportOptions = TransportOptions()) throws(KubeError) {
        self.config = config
        self.options = options
        auth = AuthProvider(config.credentials)
        let share = CurlShare()
        pool = EasyHandlePool(share: share, maxIdle: options.maxConcurrentRequests + 4)
        workers = BlockingWorkers(name: "kube-http", maxThreads: options.maxConcurrentRequests)
        base = try Self.baseURL(config)
    }

    /// Splits the server URL; with `tls-server-name`, the URL is rewritten to that name and
    /// CONNECT_TO sends the connection to the real host, keeping the original Host header.
    static func baseURL(_ c: ClientConfig) throws(KubeError) -> (url: String, hostHeader: String?, connectTo: String?) {
        var server = c.server
        while server.hasSuffix("/") { server.removeLast() }
        guard let comps = URLComponents(string: server), let scheme = comps.scheme, let host = comps.host,
            scheme == "http" || scheme == "https"
        else {
            throw .config("server \(c.server) is not an http(s) URL", field: "cluster.server",
                hint: "write it as https://host:port")
        }
        guard let name = c.tlsServerName, scheme == "https", name != host else { return (server, nil, nil) }
        let port = comps.port ?? 443
        let hostForURL = host.contains(":") ? "[\(host)]" : host
        var rewritten = comps
        rewritten.host = name
        return (rewritten.string ?? server, "\(hostForURL):\(port)", "\(name):\(port):\(hostForURL):\(port)")
    }

    func settings(for request: HTTPRequest, material: AuthProvider.Material) -> TransferSettings {
        TransferSettings(
            url: base.url + request.path, hostHeader: base.hostHeader, connectTo: base.connectTo,
            caCertificate: config.caCertificate,
            clientCertificate: material.clientCertificate ?? config.clientCertificate,
            clientKey: material.clientKey ?? config.clientKey,
            insecure: config.insecureSkipTLSVerify, proxy: config.proxyURL, authorization: material.authorization,
            userAgent: options.userAgent, http2: options.http2)
    }

    /// Sends a request and returns the response, whatever its status. Throws only when no
    /// complete response arrived (transport) or on cancellation. A 401 with refreshable
    /// credentials (token file, exec plugin) is retried once with fresh credentials.
    public func send(_ request: HTTPRequest) async throws(KubeError) -> HTTPResponse {
        var response = try await sendOnce(request)
        if response.status == 401 && auth.canRefresh {
            auth.invalidate()
            response = try await sendOnce(request)
        }
        return response
    }

    func sendOnce(_ request: HTTPRequest) async throws(KubeError) -> HTTPResponse {
        let flag = CancelFlag()
        let limit = TransferLimit.total(connect: options.connectTimeout, total: options.requestTimeout)
        let result: Result<HTTPResponse, KubeError> = await withTaskCancellationHandler {
            await withCheckedContinuation { cont in
                workers.submit { [self] in
                    cont.resume(returning: Result { () throws(KubeError) in try perform(request, limit: limit, flag: flag) })
                }
            }
        } onCancel: {
            flag.cancel()
        }
        return try result.get()
    }

    /// One blocking transfer on the current thread. `onData` streams the body of a 2xx answer.
    func perform(_ request: HTTPRequest, limit: TransferLimit, flag: CancelFlag, onData: (([UInt8]) -> Bool)? = nil)
        throws(KubeError) -> HTTPResponse
    {
        if flag.isCancelled { throw .cancelled(request: request.summary) }
        let material = try auth.material()
        let box = TransferBox(cancel: flag, onData: onData)
        let h = pool.take()
        let (code, detail) = performTransfer(
            handle: h, request: request, settings: settings(for: request, material: material), limit: limit, box: box)
        let version = negotiatedHTTPVersion(h)
        pool.give(h, reusable: code == CURLE_OK)
        if flag.isCancelled { throw .cancelled(request: request.summary) }
        guard code == CURLE_OK else {
            if code == CURLE_WRITE_ERROR && box.streaming {
                // The consumer stopped reading; report what arrived.
                return HTTPResponse(status: box.status, headers: box.headers, body: box.body, httpVersion: version)
            }
            throw Self.transportError(code, detail, request: request, server: config.server)
        }
        return HTTPResponse(status: box.status, headers: box.headers, body: box.body, httpVersion: version)
    }

    static func transportError(_ code: CURLcode, _ detail: String, request: HTTPRequest, server: String? = nil) -> KubeError {
        var hint: String?
        var detail = detail
        switch code {
        case CURLE_COULDNT_CONNECT: hint = "is the API server running and the address right?"
        case CURLE_OPERATION_TIMEDOUT: hint = "the server did not answer in time; it may be overloaded"
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE:
            hint = "check certificate-authority(-data) and tls-server-name in the kubeconfig"
            if let server { detail = "the certificate of \(server) is not trusted: \(detail)" }
        case CURLE_SSL_CONNECT_ERROR:
            hint = "the TLS handshake failed; if a client certificate is configured, is it signed by the server's CA?"
            if let server { detail = "TLS handshake with \(server): \(detail)" }
        case CURLE_SSL_CERTPROBLEM: hint = "check client-certificate(-data) and client-key(-data)"
        default: break
        }
        var e = KubeError.transport("\(detail) (curl \(code.rawValue))", request: request.summary, hint: hint)
        if code == CURLE_SSL_CERTPROBLEM || code == CURLE_SSL_CACERT_BADFILE || code == CURLE_URL_MALFORMAT {
            e.category = .invalid
        } else if code == CURLE_PEER_FAILED_VERIFICATION {
            // An untrusted server stays untrusted: refuse without retrying.
            e.category = .forbidden
        }
        return e
    }
}
