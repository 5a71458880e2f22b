import Foundation

/// The source of time and identity for a logical cluster (injected so tests can pin it).
public struct ServerClock: Sendable {
    /// Seconds since 1970.
    public var now: @Sendable () -> Double
    /// A fresh object uid.
    public var uid: @Sendable () -> String

    public init(now: @escaping @Sendable () -> Double, uid: @escaping @Sendable () -> String) {
        self.now = now
        self.uid = uid
    }

    /// The wall clock and random UUIDs.
    public static let system = ServerClock(now: { Date().timeIntervalSince1970 }, uid: { UUID().uuidString.lowercased() })

    /// The current time as RFC 3339 UTC with second precision (`2026-11-21T01:31:25Z`).
    public func timestamp() -> String { Self.rfc3339(now()) }

    /// Formats seconds since 1970 as RFC 3339 UTC with second precision.
    public static func rfc3339(_ seconds: Double) -> String {
        var t = time_t(seconds)
        var tm = tm()
        gmtime_r(&t, &tm)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(tm.tm_year + 1900)-\(two(tm.tm_mon + 1))-\(two(tm.tm_mday))T\(two(tm.tm_hour)):\(two(tm.tm_min)):\(two(tm.tm_sec))Z"
    }

    /// Parses an RFC 3339 UTC timestamp written by `rfc3339`; nil for any other form.
    public static func parse(_ s: String) -> Double? {
        let parts = s.split(whereSeparator: { "-T:Z".contains($0) }).compactMap { Int32($0) }
        guard parts.count == 6 else { return nil }
        var tm = tm()
        tm.tm_year = parts[0] - 1900
        tm.tm_mon = parts[1] - 1
        tm.tm_mday = parts[2]
        tm.tm_hour = parts[3]
        tm.tm_min = parts[4]
        tm.tm_sec = parts[5]
        return Double(timegm(&tm))
    }
}
