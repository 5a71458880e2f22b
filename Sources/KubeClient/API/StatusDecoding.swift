import KealmYAML

extension KubeError {
    /// Decodes a failed response: the Kubernetes `Status` object when the body is one,
    /// otherwise the HTTP status and a short, printable excerpt of the body.
    public static func fromResponse(_ r: HTTPResponse, request: HTTPRequest) -> KubeError {
        var e = KubeError(kind: .status, category: category(forHTTPStatus: r.status), code: r.status,
            message: "the server answered HTTP \(r.status)", request: request.summary)
        if let node = try? JSONReader.decode(r.body), node.string(at: "kind") == "Status" {
            e.apply(status: node)
        } else if !r.body.isEmpty {
            let text = String(decoding: r.body.prefix(200), as: UTF8.self)
                .map { $0.isASCII && ($0.isLetter || $0.isNumber || $0.isPunctuation || $0 == " ") ? $0 : " " }
            e.message += ": " + String(text).trimmingCharacters(in: .whitespaces)
        }
        if e.retryAfterSeconds == nil { e.retryAfterSeconds = r.retryAfterSeconds }
        return e
    }

    /// Decodes a `Status` object met outside a response (a watch `ERROR` event).
    public static func fromStatus(_ node: YAMLNode, request: String?) -> KubeError {
        var e = KubeError(kind: .status, category: .internal, code: 0, message: "error status", request: request)
        e.apply(status: node)
        return e
    }

    mutating func apply(status node: YAMLNode) {
        if let c = node["code"]?.intValue, c != 0 {
            code = c
            category = Self.category(forHTTPStatus: c)
        }
        if let r = node.string(at: "reason"), !r.isEmpty { reason = r }
        if let m = node.string(at: "message"), !m.isEmpty { message = m }
        if let d = node["details"] {
            group = d.string(at: "group").flatMap { $0.isEmpty ? nil : $0 }
            objectKind = d.string(at: "kind")
            objectName = d.string(at: "name")
            if let ra = d["retryAfterSeconds"]?.intValue, ra > 0 { retryAfterSeconds = Double(ra) }
            causes = (d["causes"]?.items ?? []).map {
                Cause(reason: $0.string(at: "reason"), message: $0.string(at: "message"), field: $0.string(at: "field"))
            }
        }
        // Reasons that decide the category even when the code is unusual.
        switch reason {
        case "NotFound", "Gone", "Expired": category = .notFound
        case "AlreadyExists", "Conflict": category = .conflict
        case "Unauthorized", "Forbidden": category = .forbidden
        case "Invalid", "BadRequest", "MethodNotAllowed", "UnsupportedMediaType", "RequestEntityTooLarge": category = .invalid
        case "TooManyRequests", "ServerTimeout", "Timeout", "ServiceUnavailable", "InternalError": category = .unavailable
        default: break
        }
    }
}
