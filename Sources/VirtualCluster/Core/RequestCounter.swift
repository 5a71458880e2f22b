import Synchronization

/// Counts the API requests a hub served, by verb, group, resource and subresource (all logical
/// clusters together), as kube-apiserver's `apiserver_request_total` does; `/metrics` prints them
/// in the Prometheus text format. Benchmarks read it to tell how many requests a change costs.
public final class RequestCounter: Sendable {
    public struct Key: Hashable, Sendable, Comparable {
        public var verb: String
        public var group: String
        public var resource: String
        public var subresource: String

        public static func < (a: Key, b: Key) -> Bool {
            (a.group, a.resource, a.subresource, a.verb) < (b.group, b.resource, b.subresource, b.verb)
        }
    }

    private let counts = Mutex<[Key: Int]>([:])

    public init() {}

    func record(verb: String, group: String, resource: String, subresource: String) {
        counts.withLock { $0[Key(verb: verb, group: group, resource: resource, subresource: subresource), default: 0] += 1 }
    }

    /// A snapshot of the counts.
    public var snapshot: [Key: Int] { counts.withLock { $0 } }

    /// The Prometheus text exposition of the counts.
    public func prometheusText() -> String {
        var out = "# HELP apiserver_request_total Requests served, by verb, group, resource and subresource.\n"
        out += "# TYPE apiserver_request_total counter\n"
        for (k, n) in snapshot.sorted(by: { $0.key < $1.key }) {
            out += "apiserver_request_total{verb=\"\(k.verb)\",group=\"\(k.group)\",resource=\"\(k.resource)\",subresource=\"\(k.subresource)\"} \(n)\n"
        }
        return out
    }
}
