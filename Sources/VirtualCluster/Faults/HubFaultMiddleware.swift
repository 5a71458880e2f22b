import Foundation
import Hummingbird
import NIOCore

/// Hummingbird middleware that applies the fault rules of a `HubFaultInjector` before the API
/// sees a request, and serves the admin endpoint `/kealm/faults` (GET the rules and how often
/// they fired, PUT to replace them, POST to add, DELETE to remove all).
///
/// It is installed only when the hub runs with `--allow-fault-injection`; without it the
/// endpoint does not exist (404) and no rule can be loaded.
struct HubFaultMiddleware: RouterMiddleware {
    typealias Context = HubRequestContext
    /// The path of the admin endpoint.
    static let endpoint = "/kealm/faults"

    let injector: HubFaultInjector
    /// True when a bearer token (nil: none sent) may change the rules.
    let isAdmin: @Sendable (String?) -> Bool

    /// Admin means authentication off, or a token for every cluster without namespace or verb limits.
    init(injector: HubFaultInjector, handler: APIHandler) {
        self.injector = injector
        isAdmin = { token in
            guard handler.requireAuth else { return true }
            guard let token, let t = handler.hub.authenticate(token) else { return false }
            return t.isAdmin
        }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let route = Self.adminRoute(request.uri.path) { return await admin(request, pathToken: route.token) }
        let target = HubFaultTarget(method: request.method.rawValue, path: request.uri.path,
                                    query: APIRequest.parseQuery(request.uri.query), userAgent: request.headers[.userAgent])
        let actions = injector.actions(for: target)
        if actions.isEmpty { return try await next(request, context) }
        var drop: (events: Int?, seconds: Double?)?
        for action in actions {
            switch action {
            case .delay(let ms):
                try await Task.sleep(for: .milliseconds(ms))
            case .dropWatch(let events, let seconds):
                // Several drop rules: the earliest cut wins.
                drop = (Self.earliest(drop?.events, events), Self.earliest(drop?.seconds, seconds))
            case .respond(let status, let retryAfter, let message):
                let text = message ?? "injected fault: the server answers \(status) (kealm hub fault mode)"
                var response = Self.status(APIError(status, Self.reason(status), text))
                if let retryAfter { response.headers[.retryAfter] = String(retryAfter) }
                return response
            case .conflict:
                return Self.status(APIError(409, "Conflict", "Operation cannot be fulfilled on \(target.resource ?? "the object"): "
                    + "the object has been modified; please apply your changes to the latest version and try again (injected fault)"))
            case .reset:
                context.channel.close(promise: nil)
                throw HubFaultConnectionClosed()
            }
        }
        var response = try await next(request, context)
        if let drop, response.status == .ok {
            response.body = Self.cut(response.body, afterLines: drop.events, afterSeconds: drop.seconds, channel: context.channel)
        }
        return response
    }

    /// A body that ends cleanly after `afterLines` writes (one watch event each) or whose
    /// connection is closed after `afterSeconds`.
    static func cut(_ body: ResponseBody, afterLines: Int?, afterSeconds: Double?, channel: any Channel) -> ResponseBody {
        ResponseBody { writer in
            let timer = afterSeconds.map { s in
                Task {
                    try? await Task.sleep(for: .milliseconds(Int(s * 1000)))
                    if !Task.isCancelled { channel.close(promise: nil) }
                }
            }
            defer { timer?.cancel() }
            try await body.write(HubFaultCuttingWriter(base: writer, remaining: afterLines ?? Int.max))
        }
    }

    /// The admin endpoint as addressed: `/kealm/faults`, or `/auth/<token>/kealm/faults` (the token
    /// in the path, as in the hub's kubeconfigs).
    struct AdminRoute {
        var token: String?
    }

    /// The admin route of a path, or nil for any other path.
    static func adminRoute(_ path: String) -> AdminRoute? {
        if path == endpoint { return AdminRoute(token: nil) }
        let segs = path.split(separator: "/", omittingEmptySubsequences: false)
        if segs.count == 5, segs[1] == "auth", "/" + segs[3...].joined(separator: "/") == endpoint { return AdminRoute(token: String(segs[2])) }
        return nil
    }

    func admin(_ request: Request, pathToken: String?) async -> Response {
        var token = pathToken
        if let auth = request.headers[.authorization], auth.hasPrefix("Bearer ") { token = String(auth.dropFirst(7)) }
        guard isAdmin(token) else {
            return Self.status(APIError(403, "Forbidden", "only the hub admin may read or change fault rules"))
        }
        switch request.method {
        case .get: break
        case .delete: injector.replace([])
        case .put, .post:
            do {
                let body = try await request.body.collect(upTo: 1 << 20)
                let rules = try HubFaultRuleSet.parse(String(decoding: body.readableBytesView, as: UTF8.self), file: "request body")
                if request.method == .put { injector.replace(rules) } else { injector.append(rules) }
            } catch let e as HubFaultRuleError {
                return Self.status(APIError(400, "BadRequest", e.description))
            } catch {
                return Self.status(APIError(413, "RequestEntityTooLarge", "fault rules are limited to 1 MiB"))
            }
        default:
            return Self.status(APIError(405, "MethodNotAllowed", "\(Self.endpoint) takes GET, PUT, POST or DELETE"))
        }
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: injector.reportJSON())))
    }

    static func earliest<T: Comparable>(_ a: T?, _ b: T?) -> T? {
        guard let a else { return b }
        guard let b else { return a }
        return min(a, b)
    }

    static func status(_ e: APIError) -> Response { HubServer.json(e.code, e.status) }

    static func reason(_ status: Int) -> String {
        switch status {
        case 429: return "TooManyRequests"
        case 503: return "ServiceUnavailable"
        case 504: return "Timeout"
        case 400..<500: return "BadRequest"
        default: return "InternalError"
        }
    }
}

/// Thrown after a `reset` fault closed the connection (nothing more is written).
struct HubFaultConnectionClosed: Error {}

/// Passes writes through until `remaining` is spent, then fails the next write (which ends a
/// watch session); `finish` still ends the response cleanly.
struct HubFaultCuttingWriter: ResponseBodyWriter {
    var base: any ResponseBodyWriter
    var remaining: Int

    mutating func write(_ buffer: ByteBuffer) async throws {
        guard remaining > 0 else { throw HubFaultConnectionClosed() }
        remaining -= 1
        try await base.write(buffer)
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {
        try await base.finish(trailingHeaders)
    }
}
