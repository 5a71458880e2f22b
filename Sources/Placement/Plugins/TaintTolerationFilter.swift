import KealmModel

/// The `TaintToleration` filter: drops clusters with a taint the placement does not tolerate.
///
/// `PreferNoSelect` never drops; `NoSelectIfNew` drops only clusters not already decided;
/// a toleration with `tolerationSeconds` holds until `timeAdded + tolerationSeconds`
/// (evaluated against the snapshot's `now`), and the earliest such time is returned as `requeueAt`.
public struct TaintTolerationFilter: FilterPlugin {
    public var name: String { "TaintToleration" }
    public init() {}

    public func filter(_ clusters: [ManagedCluster], _ context: PlacementContext) -> FilterResult {
        if clusters.isEmpty { return FilterResult(kept: clusters) }
        for t in context.placement.tolerations {
            if t.key.isEmpty && t.op != "Exists" {
                return FilterResult(kept: [], problem: .misconfigured("If the key is empty, operator must be Exists."))
            }
            if t.op == "Exists" && !t.value.isEmpty {
                return FilterResult(kept: [], problem: .misconfigured("If the operator is Exists, the value should be empty."))
            }
        }
        var kept: [ManagedCluster] = []
        var dropped: [(cluster: String, reason: String)] = []
        var requeue: Timestamp? = nil
        for c in clusters {
            switch Self.tolerates(c, context.placement.tolerations, inDecision: context.existingDecisions.contains(c.name),
                now: context.snapshot.now)
            {
            case .tolerated(let until):
                kept.append(c)
                if let until { requeue = min(requeue ?? until, until) }
            case .notTolerated(let reason):
                dropped.append((c.name, reason))
            }
        }
        return FilterResult(kept: kept, dropped: dropped, requeueAt: requeue)
    }

    /// Whether a cluster's taints are all tolerated, and until when.
    public enum Verdict: Sendable, Hashable {
        case tolerated(until: Timestamp?)
        case notTolerated(String)
    }

    /// Evaluates every taint of a cluster against the tolerations.
    public static func tolerates(_ cluster: ManagedCluster, _ tolerations: [Toleration], inDecision: Bool, now: Timestamp) -> Verdict {
        var until: Timestamp? = nil
        for taint in cluster.taints {
            if taint.effect == .preferNoSelect { continue }
            if taint.effect == .noSelectIfNew && inDecision { continue }
            var matchedExpired = false
            var tolerated = false
            for t in tolerations {
                guard t.effect.isEmpty || t.effect == taint.effect.rawValue, t.key.isEmpty || t.key == taint.key else { continue }
                guard t.op == "Exists" || t.value == taint.value else { continue }
                if let secs = t.tolerationSeconds {
                    let expiry = (taint.timeAdded ?? Timestamp(seconds: 0)).adding(seconds: secs)
                    if now < expiry {
                        tolerated = true
                        until = min(until ?? expiry, expiry)
                        break
                    }
                    matchedExpired = true
                    continue
                }
                tolerated = true
                break
            }
            if !tolerated {
                let what = "taint \(taint.key)=\(taint.value):\(taint.effect.rawValue)"
                return .notTolerated(matchedExpired ? "\(what): toleration expired" : "\(what) is not tolerated")
            }
        }
        return .tolerated(until: until)
    }
}
