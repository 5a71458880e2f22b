import Foundation
import Synchronization

/// The fault rules in force on a running hub and how often each fired. Thread-safe; shared by
/// every connection of the server. Rules apply in order: each firing `delay` or `dropWatch`
/// rule adds its action and the next rules are still tried; the first firing `respond`,
/// `conflict` or `reset` rule ends the list (the request never reaches the API).
public final class HubFaultInjector: Sendable {
    struct Active: Sendable {
        var rule: HubFaultRule
        var loadedAt: Double
        var fired = 0
    }

    private let state: Mutex<[Active]>
    private let now: @Sendable () -> Double
    private let random: @Sendable () -> Double

    /// `now` (seconds) and `random` (0..<1) are injectable for unit tests.
    public init(rules: [HubFaultRule] = [], now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 },
                random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        self.now = now
        self.random = random
        let t = now()
        state = Mutex(rules.map { Active(rule: $0, loadedAt: t) })
    }

    /// Replaces every rule (their counts and expiry start again).
    public func replace(_ rules: [HubFaultRule]) {
        let t = now()
        state.withLock { $0 = rules.map { Active(rule: $0, loadedAt: t) } }
    }

    /// Adds rules after the existing ones.
    public func append(_ rules: [HubFaultRule]) {
        let t = now()
        state.withLock { $0 += rules.map { Active(rule: $0, loadedAt: t) } }
    }

    /// The actions to apply to a request, counting each firing.
    public func actions(for target: HubFaultTarget) -> [HubFaultAction] {
        let t = now()
        return state.withLock { rules in
            var out: [HubFaultAction] = []
            for i in rules.indices {
                let r = rules[i].rule
                if let limit = r.count, rules[i].fired >= limit { continue }
                if let ttl = r.expiresAfter, t - rules[i].loadedAt >= ttl { continue }
                guard r.match.matches(target) else { continue }
                switch r.action {
                case .conflict where !target.isWrite: continue
                case .dropWatch where target.verb != "watch": continue
                default: break
                }
                if r.probability < 1 && random() >= r.probability { continue }
                rules[i].fired += 1
                out.append(r.action)
                if !r.action.passesThrough { break }
            }
            return out
        }
    }

    /// `{"kind":"FaultRules","rules":[{"name":…,"action":…,"fired":n,"active":true}]}`.
    public func reportJSON() -> String {
        let t = now()
        let items = state.withLock { rules in
            rules.map { a -> String in
                let expired = a.rule.expiresAfter.map { t - a.loadedAt >= $0 } ?? false
                let spent = a.rule.count.map { a.fired >= $0 } ?? false
                return JSONText.object([
                    ("name", JSONText.str(a.rule.name)), ("action", JSONText.str(Self.describe(a.rule.action))),
                    ("fired", String(a.fired)), ("active", String(!expired && !spent)),
                ])
            }
        }
        return JSONText.object([("kind", JSONText.str("FaultRules")), ("rules", JSONText.array(items))])
    }

    /// A short text for reports: `respond 503`, `delay 200ms`, `dropWatch after 3 events`.
    static func describe(_ a: HubFaultAction) -> String {
        switch a {
        case .respond(let status, let retryAfter, _): return "respond \(status)" + (retryAfter.map { " retry-after \($0)s" } ?? "")
        case .delay(let ms): return "delay \(ms)ms"
        case .dropWatch(let events, let seconds):
            return "dropWatch" + (events.map { " after \($0) events" } ?? "") + (seconds.map { " after \($0)s" } ?? "")
        case .conflict: return "conflict"
        case .reset: return "reset"
        }
    }
}
