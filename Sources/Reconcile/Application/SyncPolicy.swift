import Foundation
import KealmModel
import KealmYAML

/// `spec.syncPolicy`: automation, sync options and retry.
public struct SyncPolicy: Sendable, Hashable {
    /// `syncPolicy.automated`: nil means manual sync only.
    public var automated: Automated?
    /// `syncPolicy.syncOptions` (`CreateNamespace=true`, `PruneLast=true`, …).
    public var syncOptions: [String]
    public var retry: RetryStrategy?

    /// `syncPolicy.automated`.
    public struct Automated: Sendable, Hashable {
        /// Delete resources that left Git (otherwise they stay and the app is OutOfSync).
        public var prune: Bool
        /// Re-sync when the live state drifts from Git without a new commit.
        public var selfHeal: Bool
        /// Allow an automated sync that would delete every resource.
        public var allowEmpty: Bool
        /// `automated.enabled: false` switches automation off without removing the block.
        public var enabled: Bool

        public init(prune: Bool = false, selfHeal: Bool = false, allowEmpty: Bool = false, enabled: Bool = true) {
            self.prune = prune
            self.selfHeal = selfHeal
            self.allowEmpty = allowEmpty
            self.enabled = enabled
        }
    }

    public init(automated: Automated? = nil, syncOptions: [String] = [], retry: RetryStrategy? = nil) {
        self.automated = automated
        self.syncOptions = syncOptions
        self.retry = retry
    }

    /// True when automated sync is on.
    public var isAutomated: Bool { automated?.enabled ?? false }

    init(_ node: YAMLNode?, reader r: FieldReader) throws(ModelError) {
        guard let node, !node.isNull else {
            self.init()
            return
        }
        var automated: Automated?
        if let a = node["automated"], !a.isNull {
            automated = Automated(prune: try r.bool(a["prune"], "spec.syncPolicy.automated.prune") ?? false,
                selfHeal: try r.bool(a["selfHeal"], "spec.syncPolicy.automated.selfHeal") ?? false,
                allowEmpty: try r.bool(a["allowEmpty"], "spec.syncPolicy.automated.allowEmpty") ?? false,
                enabled: try r.bool(a["enabled"], "spec.syncPolicy.automated.enabled") ?? true)
        }
        self.init(automated: automated, syncOptions: try r.strings(node["syncOptions"], "spec.syncPolicy.syncOptions"),
            retry: try node["retry"].map { n throws(ModelError) in try RetryStrategy(n, reader: r) })
    }
}

/// `syncPolicy.retry`: how often and how long to wait before retrying a failed sync.
public struct RetryStrategy: Sendable, Hashable {
    /// Attempts after the first; a negative limit retries forever (Argo CD's meaning).
    public var limit: Int
    /// First wait, in seconds (`backoff.duration`, default 5 s).
    public var duration: TimeInterval
    /// Multiplier per attempt (`backoff.factor`, default 2).
    public var factor: Double
    /// Upper bound of a wait (`backoff.maxDuration`, default 3 min).
    public var maxDuration: TimeInterval

    public init(limit: Int = 0, duration: TimeInterval = 5, factor: Double = 2, maxDuration: TimeInterval = 180) {
        self.limit = limit
        self.duration = duration
        self.factor = factor
        self.maxDuration = maxDuration
    }

    init(_ node: YAMLNode, reader r: FieldReader) throws(ModelError) {
        let b = node["backoff"]
        func seconds(_ n: YAMLNode?, _ field: String, _ def: TimeInterval) throws(ModelError) -> TimeInterval {
            guard let text = try r.string(n, field) else { return def }
            guard let s = GoDuration.seconds(text) else {
                throw r.error(field, "'\(text)' is not a duration", hint: "write e.g. 5s, 2m or 1h")
            }
            return s
        }
        self.init(limit: try r.int(node["limit"], "spec.syncPolicy.retry.limit") ?? 0,
            duration: try seconds(b?["duration"], "spec.syncPolicy.retry.backoff.duration", 5),
            factor: Double(try r.int(b?["factor"], "spec.syncPolicy.retry.backoff.factor") ?? 2),
            maxDuration: try seconds(b?["maxDuration"], "spec.syncPolicy.retry.backoff.maxDuration", 180))
    }

    /// True when another attempt is allowed after `attempts` failed ones.
    public func allows(retry attempts: Int) -> Bool { limit < 0 || attempts <= limit }

    /// The wait before retry number `attempt` (1 for the first retry).
    public func delay(attempt: Int) -> TimeInterval {
        min(maxDuration, duration * pow(factor, Double(max(0, attempt - 1))))
    }
}

/// Go duration strings as Argo CD writes them: `5s`, `3m`, `1h30m`, `250ms`; a bare number is seconds.
public enum GoDuration {
    public static func seconds(_ text: String) -> TimeInterval? {
        if let n = Double(text) { return n }
        var total = 0.0
        var number = ""
        var unit = ""
        func flush() -> Bool {
            guard let n = Double(number) else { return false }
            switch unit {
            case "ms": total += n / 1000
            case "s": total += n
            case "m": total += n * 60
            case "h": total += n * 3600
            default: return false
            }
            number = ""
            unit = ""
            return true
        }
        for c in text {
            if c.isNumber || c == "." {
                if !unit.isEmpty { guard flush() else { return nil } }
                number.append(c)
            } else {
                unit.append(c)
            }
        }
        guard !number.isEmpty, flush() else { return nil }
        return total
    }
}
