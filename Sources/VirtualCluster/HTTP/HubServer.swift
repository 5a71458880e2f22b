import Foundation
import Hummingbird

import KealmYAML
import Logging
import NIOCore

/// The HTTP server (Hummingbird) in front of an `APIHandler`.
public struct HubServer: Sendable {
    public let handler: APIHandler
    public let host: String
    public let port: Int
    /// Serve HTTPS (and HTTP/2 through ALPN) instead of plain HTTP.
    public var tls: HubServerTLS?
    /// Fault rules applied before the API (nil: fault injection is off and `/kealm/faults` does not exist).
    public var faults: HubFaultInjector?

    public init(handler: APIHandler, host: String = "127.0.0.1", port: Int = 0) {
        self.handler = handler
        self.host = host
        self.port = port
    }

    /// Runs until cancelled or signalled; `onListening` receives the bound port (useful with port 0).
    public func run(onListening: @escaping @Sendable (Int) async -> Void) async throws {
        let handler = self.handler
        let tls = self.tls
        let faultLayer = faults.map { HubFaultMiddleware(injector: $0, handler: handler) }
        let responder = CallbackResponder<HubRequestContext> { request, context in
            // A client certificate is only looked at when no bearer token was sent.
            let certificate = tls != nil && request.headers[.authorization] == nil ? await context.clientCertificateFingerprint() : nil
            guard let faultLayer else { return await Self.respond(handler, request, clientCertificate: certificate) }
            return try await faultLayer.handle(request, context: context) { r, _ in
                await Self.respond(handler, r, clientCertificate: certificate)
            }
        }
        var logger = Logger(label: "kealm.hub")
        logger.logLevel = .warning
        let app = Application(
            responder: responder,
            server: try tls?.serverBuilder() ?? .http1(),
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: logger
        )
        try await app.runService()
    }

    static func respond(_ handler: APIHandler, _ request: Request, clientCertificate: String? = nil) async -> Response {
        var request = request
        var bodyBytes: [UInt8] = []
        if request.method != .get && request.method != .head {
            do {
                let buf = try await request.collectBody(upTo: 32 << 20)
                bodyBytes = Array(buf.readableBytesView)
            } catch {
                return json(413, APIError(413, "RequestEntityTooLarge", "the request body is too large (limit 32 MiB)").status)
            }
        }
        var token: String?
        if let auth = request.headers[.authorization], auth.hasPrefix("Bearer ") {
            token = String(auth.dropFirst(7)).trimmingCharacters(in: " ")
        }
        var apiReq = APIRequest(
            method: request.method.rawValue, path: request.uri.path, query: APIRequest.parseQuery(request.uri.query),
            contentType: request.headers[.contentType] ?? "application/json", accept: request.headers[.accept] ?? "application/json",
            token: token, body: bodyBytes, host: request.head.authority)
        apiReq.clientCertificate = clientCertificate
        let res = await handler.handle(apiReq)
        if Self.trace { Self.traceLine(apiReq, status: res.status, userAgent: request.headers[.userAgent]) }
        var headers = HTTPFields()
        headers[.contentType] = res.contentType
        switch res.body {
        case .json(let text):
            return Response(status: .init(code: res.status), headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
        case .watch(let session):
            headers[.contentType] = "application/json"
            headers[.cacheControl] = "no-cache, private"
            let requestBody = request.body
            return Response(status: .ok, headers: headers, body: ResponseBody { writer in
                // Watching the inbound side tells when the client hangs up, even when no event is due.
                try await requestBody.consumeWithInboundCloseHandler({ _ in
                    await session.run { line in try await writer.write(ByteBuffer(string: line)) }
                }, onInboundClosed: { session.stop() })
                try await writer.finish(nil)
            })
        }
    }

    /// `KEALM_HUB_TRACE=1`: one line per request on stderr (method, path with any `/auth/<token>`
    /// prefix removed, field manager, status, user agent); never a token or a body.
    static let trace = ProcessInfo.processInfo.environment["KEALM_HUB_TRACE"] != nil

    static func traceLine(_ r: APIRequest, status: Int, userAgent: String?) {
        var path = r.path
        if path.hasPrefix("/auth/"), let end = path.dropFirst(6).firstIndex(of: "/") { path = String(path[end...]) }
        let manager = r.query["fieldManager"].map { " fieldManager=\($0)" } ?? ""
        let watch = r.query["watch"] == "true" || r.query["watch"] == "1" ? " watch" : ""
        FileHandle.standardError.write(Data("hub: \(r.method) \(path)\(watch)\(manager) \(status) ua=\(userAgent ?? "-")\n".utf8))
    }

    static func json(_ code: Int, _ node: YAMLNode) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: .init(code: code), headers: headers, body: .init(byteBuffer: ByteBuffer(string: JSONText.encode(node))))
    }
}

