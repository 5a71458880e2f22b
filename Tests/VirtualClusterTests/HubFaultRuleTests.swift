import Synchronization
import Testing

@testable import VirtualCluster

/// Fault rules: reading them, what a request line matches, and when a rule fires.
@Suite struct HubFaultRuleTests {
    @Test(arguments: [
        // (method, path, query, cluster, verb, resource, namespace)
        ("GET", "/api/v1/namespaces/shop/configmaps", "", "default", "list", "configmaps", "shop"),
        ("GET", "/api/v1/namespaces/shop/configmaps", "watch=true", "default", "watch", "configmaps", "shop"),
        ("GET", "/clusters/c2/api/v1/namespaces/shop/configmaps/a", "", "c2", "get", "configmaps", "shop"),
        ("PATCH", "/clusters/c2/apis/apps/v1/namespaces/shop/deployments/web/status", "", "c2", "patch", "deployments", "shop"),
        ("POST", "/apis/work.open-cluster-management.io/v1/namespaces/c1/manifestworks", "", "default", "create", "manifestworks", "c1"),
        ("PUT", "/api/v1/namespaces/shop", "", "default", "update", "namespaces", "shop"),
        ("DELETE", "/apis/rbac.authorization.k8s.io/v1/clusterroles/x", "", "default", "delete", "clusterroles", ""),
        ("DELETE", "/api/v1/namespaces/shop/pods", "", "default", "deletecollection", "pods", "shop"),
        ("GET", "/clusters/c1/version", "", "c1", "", "", ""),
        ("GET", "/auth/tok/clusters/c1/api/v1/nodes", "", "c1", "list", "nodes", ""),
    ])
    func requestLines(method: String, path: String, query: String, cluster: String, verb: String, resource: String, namespace: String) {
        let t = HubFaultTarget(method: method, path: path, query: APIRequest.parseQuery(query), userAgent: nil)
        #expect(t.cluster == cluster)
        #expect((t.verb ?? "") == verb)
        #expect((t.resource ?? "") == resource)
        #expect((t.namespace ?? "") == namespace)
    }

    @Test func parsesEveryActionAndRefusesMistakesWithTheRuleName() throws {
        let rules = try HubFaultRuleSet.parse("""
            rules:
            - {name: a, match: {clusters: [c2], verbs: get, userAgent: kealm}, action: respond, status: 429, retryAfterSeconds: 2}
            - {name: b, action: delay, milliseconds: 150, probability: 0.5}
            - {name: c, action: dropWatch, afterEvents: 3, afterSeconds: 1.5, count: 4}
            - {name: d, match: {resources: [configmaps], namespaces: [shop], pathPrefix: /clusters}, action: conflict, expiresAfterSeconds: 30}
            - {action: reset}
            """)
        #expect(rules.map(\.name) == ["a", "b", "c", "d", "rule-4"])
        #expect(rules[0].action == .respond(status: 429, retryAfter: 2, message: nil))
        #expect(rules[0].match == HubFaultMatch(clusters: ["c2"], verbs: ["get"], userAgent: "kealm"))
        #expect(rules[1].action == .delay(milliseconds: 150) && rules[1].probability == 0.5)
        #expect(rules[2].action == .dropWatch(afterEvents: 3, afterSeconds: 1.5) && rules[2].count == 4)
        #expect(rules[3].action == .conflict && rules[3].expiresAfter == 30 && rules[3].match.pathPrefix == "/clusters")
        #expect(rules[4].action == .reset)
        #expect(try HubFaultRuleSet.parse("[]").isEmpty)
        #expect(try HubFaultRuleSet.parse(#"[{"name":"j","action":"respond","status":503}]"#).count == 1)

        for (text, message) in [
            ("[{name: x, action: respond}]", "fault rule x (rules[0]): respond needs status"),
            ("[{name: x, action: explode}]", "action must be one of"),
            ("[{name: x, action: delay, milliseconds: -1}]", "milliseconds must be a number"),
            ("[{name: x, action: reset, probability: 2}]", "probability must be between 0 and 1"),
            ("[{name: x, action: reset, matches: {}}]", "unknown field matches"),
            ("[{name: x, action: reset, match: {cluster: c1}}]", "unknown match field cluster"),
            ("[{name: x, action: dropWatch}]", "dropWatch needs afterEvents or afterSeconds"),
            ("rules: 3", "expected a list of rules"),
        ] {
            #expect(throws: HubFaultRuleError.self) { try HubFaultRuleSet.parse(text) }
            do { _ = try HubFaultRuleSet.parse(text) } catch { #expect(error.description.contains(message), "\(error)") }
        }
    }

    static func target(_ method: String, _ path: String, query: String = "") -> HubFaultTarget {
        HubFaultTarget(method: method, path: path, query: APIRequest.parseQuery(query), userAgent: "kealm/0.1")
    }

    @Test func countsExpiryProbabilityAndOrder() {
        let clock = Mutex(100.0)
        let draw = Mutex(0.9)
        let f = HubFaultInjector(rules: [
            HubFaultRule(name: "slow", action: .delay(milliseconds: 10), count: 1),
            HubFaultRule(name: "busy", match: HubFaultMatch(verbs: ["get"]), action: .respond(status: 429, retryAfter: 1, message: nil), count: 2),
            HubFaultRule(name: "storm", action: .conflict, expiresAfter: 5),
            HubFaultRule(name: "rare", action: .respond(status: 500, retryAfter: nil, message: nil), probability: 0.5),
            HubFaultRule(name: "watch", action: .dropWatch(afterEvents: 1, afterSeconds: nil)),
        ], now: { clock.withLock { $0 } }, random: { draw.withLock { $0 } })
        let get = Self.target("GET", "/api/v1/namespaces/a/configmaps/x")
        let put = Self.target("PUT", "/api/v1/namespaces/a/configmaps/x")
        let watch = Self.target("GET", "/api/v1/namespaces/a/configmaps", query: "watch=1")
        // A delay passes through to the next rule; a response ends the list.
        #expect(f.actions(for: get) == [.delay(milliseconds: 10), .respond(status: 429, retryAfter: 1, message: nil)])
        #expect(f.actions(for: get) == [.respond(status: 429, retryAfter: 1, message: nil)])
        // Spent: reads go through (conflicts hit writes only, the draw 0.9 misses the 0.5 rule).
        #expect(f.actions(for: get).isEmpty)
        #expect(f.actions(for: put) == [.conflict])
        #expect(f.actions(for: watch) == [.dropWatch(afterEvents: 1, afterSeconds: nil)])
        clock.withLock { $0 += 5 }
        #expect(f.actions(for: put).isEmpty)
        draw.withLock { $0 = 0.1 }
        #expect(f.actions(for: put) == [.respond(status: 500, retryAfter: nil, message: nil)])
        let report = f.reportJSON()
        #expect(report.contains(#"{"name":"busy","action":"respond 429 retry-after 1s","fired":2,"active":false}"#), "\(report)")
        #expect(report.contains(#"{"name":"storm","action":"conflict","fired":1,"active":false}"#), "\(report)")
        f.replace([])
        #expect(f.actions(for: put).isEmpty)
    }
}
