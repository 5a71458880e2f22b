/// The health of one Kubernetes object, with Argo CD's six values.
///
/// `rank` orders them from best to worst as Argo CD does when it folds many resources into one
/// application health: Healthy < Suspended < Progressing < Missing < Degraded < Unknown.
public enum HealthStatus: String, Sendable, Hashable, CaseIterable, Comparable, CustomStringConvertible {
    case healthy = "Healthy"
    case suspended = "Suspended"
    case progressing = "Progressing"
    case missing = "Missing"
    case degraded = "Degraded"
    case unknown = "Unknown"

    /// Position in the worst-of ranking; higher is worse.
    public var rank: Int {
        switch self {
        case .healthy: 0
        case .suspended: 1
        case .progressing: 2
        case .missing: 3
        case .degraded: 4
        case .unknown: 5
        }
    }

    /// True when `other` is worse than `self` in the ranking.
    public func isWorse(_ other: HealthStatus) -> Bool { other.rank > rank }

    /// The worst status of a collection; `.healthy` for an empty one (an application with no resources is healthy).
    public static func worst<S: Sequence>(of statuses: S) -> HealthStatus where S.Element == HealthStatus {
        statuses.reduce(.healthy) { $0.rank >= $1.rank ? $0 : $1 }
    }

    /// Parses the Argo CD spelling (`Healthy`, …); case-insensitive.
    public init?(parsing text: String) {
        guard let s = HealthStatus.allCases.first(where: { $0.rawValue.lowercased() == text.lowercased() }) else { return nil }
        self = s
    }

    public static func < (a: HealthStatus, b: HealthStatus) -> Bool { a.rank < b.rank }
    public var description: String { rawValue }
}

/// Where an assessment came from, so a reader can tell a real check from "exists, no check known".
public enum HealthSource: String, Sendable, Hashable {
    /// A check compiled into Kealm.
    case builtin
    /// A rule loaded from a user rule file.
    case userRule
    /// The generic rule over `Ready`/`Available` conditions and `observedGeneration`.
    case generic
    /// No check applies; the object exists, which counts as Healthy (as Argo CD treats kinds without a check).
    case none
}

/// A health assessment: a status and a message a person can read.
public struct HealthAssessment: Sendable, Hashable, CustomStringConvertible {
    public var status: HealthStatus
    public var message: String
    public var source: HealthSource

    public init(_ status: HealthStatus, _ message: String = "", source: HealthSource = .builtin) {
        self.status = status
        self.message = message
        self.source = source
    }

    public var description: String { message.isEmpty ? status.rawValue : "\(status.rawValue): \(message)" }

    /// The worst of several assessments; ties keep the first. Empty input is Healthy.
    public static func worst<S: Sequence>(of items: S) -> HealthAssessment where S.Element == HealthAssessment {
        var best: HealthAssessment? = nil
        for item in items where best == nil || best!.status.rank < item.status.rank { best = item }
        return best ?? HealthAssessment(.healthy, "", source: .none)
    }
}
