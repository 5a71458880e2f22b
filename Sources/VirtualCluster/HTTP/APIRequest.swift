/// An HTTP request as the API layer sees it (independent of the HTTP server library).
public struct APIRequest: Sendable {
    public var method: String
    /// The path, percent-encoded as received.
    public var path: String
    /// Decoded query parameters (the last value wins).
    public var query: [String: String]
    public var contentType: String
    public var accept: String
    /// The bearer token, when an `Authorization: Bearer` header was sent.
    public var token: String?
    public var body: [UInt8]
    /// The `Host` the client addressed (`127.0.0.1:6443`), when known.
    public var host: String?
    /// The SHA-256 fingerprint of the client certificate the TLS handshake verified, if any.
    public var clientCertificate: String?

    public init(method: String, path: String, query: [String: String] = [:], contentType: String = "application/json",
                accept: String = "application/json", token: String? = nil, body: [UInt8] = [], host: String? = nil) {
        self.host = host
        self.method = method
        self.path = path
        self.query = query
        self.contentType = contentType
        self.accept = accept
        self.token = token
        self.body = body
    }

    /// Splits and decodes a raw query string (`a=1&b=x+y`).
    public static func parseQuery(_ raw: String?) -> [String: String] {
        var out: [String: String] = [:]
        guard let raw, !raw.isEmpty else { return out }
        for part in raw.split(separator: "&") {
            let kv = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let k = percentDecode(String(kv[0]))
            out[k] = kv.count > 1 ? percentDecode(String(kv[1])) : ""
        }
        return out
    }

    /// Decodes `%XX` escapes and `+` as a space.
    public static func percentDecode(_ s: String) -> String {
        guard s.contains("%") || s.contains("+") else { return s }
        var bytes: [UInt8] = []
        var it = Array(s.utf8)[...]
        while let b = it.popFirst() {
            if b == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if b == UInt8(ascii: "%"), it.count >= 2, let v = UInt8(String(decoding: it.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(v)
                it = it.dropFirst(2)
            } else {
                bytes.append(b)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// What the API layer answers: a complete JSON body, or a watch stream.
public enum APIResponseBody: Sendable {
    case json(String)
    case watch(WatchSession)
}

/// An HTTP response from the API layer.
public struct APIResponse: Sendable {
    public var status: Int
    public var contentType: String
    public var body: APIResponseBody

    public init(status: Int, contentType: String = "application/json", body: APIResponseBody) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }

    /// The JSON text of a complete body (empty for a watch).
    public var text: String {
        if case .json(let s) = body { return s }
        return ""
    }

    static func json(_ status: Int, _ text: String) -> APIResponse { APIResponse(status: status, body: .json(text)) }
    static func error(_ e: APIError) -> APIResponse { .json(e.code, JSONText.encode(e.status)) }
}
