/// One HTTP request to the API server. `path` includes the query and is relative to the
/// server URL (which may itself carry a path prefix).
public struct HTTPRequest: Sendable, Hashable {
    public var method: String
    public var path: String
    /// Extra headers (Accept, Content-Type). Authorization is added by the transport.
    public var headers: [String: String]
    public var body: [UInt8]?

    public init(method: String, path: String, headers: [String: String] = [:], body: [UInt8]? = nil) {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
    }

    /// True for verbs that may be retried without a retry policy allowing all verbs.
    public var isIdempotent: Bool { ["GET", "HEAD", "PUT", "DELETE", "OPTIONS"].contains(method) }

    /// `VERB path` without the query, for messages (never carries credentials).
    public var summary: String {
        let p = path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path
        return "\(method) \(p)"
    }
}

/// An HTTP response: status, headers (names lowercased) and the whole body.
public struct HTTPResponse: Sendable, Hashable {
    public var status: Int
    public var headers: [String: String]
    public var body: [UInt8]
    /// The HTTP version used (`1.1`, `2`).
    public var httpVersion: String

    public init(status: Int, headers: [String: String] = [:], body: [UInt8] = [], httpVersion: String = "1.1") {
        self.status = status
        self.headers = headers
        self.body = body
        self.httpVersion = httpVersion
    }

    /// `Retry-After` in seconds, when the header holds a number.
    public var retryAfterSeconds: Double? { headers["retry-after"].flatMap { Double($0.trimmingCharacters(in: .whitespaces)) } }
}

import Foundation
