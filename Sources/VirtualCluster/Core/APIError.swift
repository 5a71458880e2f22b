import KealmModel
import KealmYAML

/// A failed API request, rendered as a Kubernetes `Status` object with the matching HTTP code.
public struct APIError: Error, KealmError {
    /// The HTTP status code (400, 401, 403, 404, 405, 409, 410, 415, 422, 500).
    public var code: Int
    /// The `Status.reason` (`NotFound`, `AlreadyExists`, `Conflict`, …).
    public var reason: String
    public var message: String
    /// `details` of the Status: the object's name, group and kind.
    public var details: (name: String, group: String, kind: String)?
    /// `details.causes`: the failed fields (reason, message, field), for 422 Invalid.
    public var causes: [(reason: String, message: String, field: String)] = []

    public init(_ code: Int, _ reason: String, _ message: String, details: (name: String, group: String, kind: String)? = nil) {
        self.code = code
        self.reason = reason
        self.message = message
        self.details = details
    }

    public var category: ErrorCategory {
        switch code {
        case 400, 405, 415, 422: return .invalid
        case 401, 403: return .forbidden
        case 404: return .notFound
        case 409: return .conflict
        case 410, 503: return .unavailable
        default: return .internal
        }
    }

    public var description: String { "\(code) \(reason): \(message)" }

    /// The `Status` object.
    public var status: YAMLNode {
        var pairs: [YAMLPair] = [
            YAMLPair("kind", .string("Status")), YAMLPair("apiVersion", .string("v1")), YAMLPair("metadata", .emptyMapping),
            YAMLPair("status", .string("Failure")), YAMLPair("message", .string(message)), YAMLPair("reason", .string(reason)),
        ]
        if let d = details {
            var dp: [YAMLPair] = [YAMLPair("name", .string(d.name))]
            if !d.group.isEmpty { dp.append(YAMLPair("group", .string(d.group))) }
            dp.append(YAMLPair("kind", .string(d.kind)))
            if !causes.isEmpty {
                dp.append(YAMLPair("causes", .sequence(causes.map {
                    .mapping([YAMLPair("reason", .string($0.reason)), YAMLPair("message", .string($0.message)), YAMLPair("field", .string($0.field))])
                })))
            }
            pairs.append(YAMLPair("details", .mapping(dp)))
        }
        pairs.append(YAMLPair("code", .int(code)))
        return .mapping(pairs)
    }

    static func badRequest(_ m: String) -> APIError { APIError(400, "BadRequest", m) }
    static func unauthorized() -> APIError { APIError(401, "Unauthorized", "Unauthorized") }
    static func forbidden(_ m: String) -> APIError { APIError(403, "Forbidden", m) }
    static func notFoundPath(_ path: String) -> APIError { APIError(404, "NotFound", "the server could not find the requested resource") }
    static func notFound(_ r: ResourceInfo, _ name: String) -> APIError {
        APIError(404, "NotFound", "\(r.plural)\(r.group.isEmpty ? "" : "." + r.group) \"\(name)\" not found",
                 details: (name, r.group, r.plural))
    }
    static func alreadyExists(_ r: ResourceInfo, _ name: String) -> APIError {
        APIError(409, "AlreadyExists", "\(r.plural)\(r.group.isEmpty ? "" : "." + r.group) \"\(name)\" already exists",
                 details: (name, r.group, r.plural))
    }
    static func conflict(_ r: ResourceInfo, _ name: String, _ why: String) -> APIError {
        APIError(409, "Conflict", "Operation cannot be fulfilled on \(r.plural)\(r.group.isEmpty ? "" : "." + r.group) \"\(name)\": \(why)",
                 details: (name, r.group, r.plural))
    }
    static func invalid(_ r: ResourceInfo, _ name: String, _ why: String) -> APIError {
        APIError(422, "Invalid", "\(r.kind) \"\(name)\" is invalid: \(why)", details: (name, r.group, r.kind))
    }
    static func gone(_ m: String) -> APIError { APIError(410, "Expired", m) }
    static func methodNotAllowed(_ m: String) -> APIError { APIError(405, "MethodNotAllowed", m) }
    static func unsupportedMedia(_ m: String) -> APIError { APIError(415, "UnsupportedMediaType", m) }
    static func `internal`(_ m: String) -> APIError { APIError(500, "InternalError", m) }
}
