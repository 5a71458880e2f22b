import Foundation
import KealmModel
import KealmYAML
import Testing

@testable import KubeClient

/// The fault rules of a hub started with `--allow-fault-injection`, set through `/kealm/faults`.
struct HubFaultAdmin {
    let client: KubeClient

    /// Replaces every rule (YAML).
    func set(_ rules: String) async throws {
        _ = try await client.send(HTTPRequest(method: "PUT", path: "/kealm/faults", body: Array(rules.utf8)))
    }

    func clear() async throws { _ = try await client.send(HTTPRequest(method: "DELETE", path: "/kealm/faults")) }

    /// How often each rule fired, by name.
    func fired() async throws -> [String: Int] {
        let r = try await client.send(HTTPRequest(method: "GET", path: "/kealm/faults"))
        let doc = try JSON.decode(String(decoding: r.body, as: UTF8.self))
        var out: [String: Int] = [:]
        for rule in doc["rules"]?.items ?? [] { out[rule.string(at: "name") ?? ""] = rule["fired"]?.intValue ?? 0 }
        return out
    }
}

/// KubeClient against the real hub in fault mode: 429 with Retry-After, 5xx, slow answers,
/// resets, 409 storms and dropped watches, all injected by the server's fault rules.
@Suite(.enabled(if: HubProcess.available), .serialized) struct HubFaultModeTests {
    static func withFaultyHub(_ body: (HubProcess, KubeClient, HubFaultAdmin) async throws -> Void) async throws {
        let dir = TempDir("hubfault")
        defer { dir.cleanup() }
        let hub = try HubProcess(data: dir.path + "/data", arguments: ["--allow-fault-injection"])
        defer { hub.stop() }
        var o = ClientOptions()
        o.retry = RetryPolicy(maxAttempts: 8, baseDelay: 0.05, maxDelay: 0.3)
        let client = try KubeClient(kubeconfig: hub.kubeconfig, options: o)
        try await HubIntegrationTests.namespace(client, "f")
        try await body(hub, client, HubFaultAdmin(client: try KubeClient(kubeconfig: hub.kubeconfig)))
    }

    static func code(_ body: () async throws -> Void) async -> Int {
        do {
            try await body()
            return 200
        } catch {
            return (error as? KubeError)?.code ?? -1
        }
    }

    @Test func faultModeIsOffUnlessAllowedAndOnlyForTheAdmin() async throws {
        let dir = TempDir("hubnofault")
        defer { dir.cleanup() }
        // Without the flag the endpoint does not exist and --faults is refused.
        let plain = try HubProcess(data: dir.path + "/plain")
        let c = try KubeClient(kubeconfig: plain.kubeconfig)
        #expect(await Self.code { _ = try await c.send(HTTPRequest(method: "PUT", path: "/kealm/faults", body: Array("[]".utf8))) } == 404)
        #expect(await Self.code { _ = try await c.send(HTTPRequest(method: "GET", path: "/kealm/faults")) } == 404)
        plain.stop()
        let rules = dir.write("rules.yaml", "rules: []\n")
        let (status, out) = try run(["sh", "-c", #""$0" hub serve --data "$1" --port 0 --faults "$2" 2>&1"#,
                                       HubProcess.binary!, dir.path + "/refused", rules])
        #expect(status != 0 && out.contains("--allow-fault-injection"), "\(out)")

        try await Self.withFaultyHub { hub, _, admin in
            // A token limited to one namespace is not the admin.
            let (_, kubeconfig) = try run([HubProcess.binary!, "hub", "kubeconfig", "--data", hub.data, "--namespaces", "f"])
            let scoped = try KubeClient(kubeconfig: dir.write("scoped.kubeconfig", kubeconfig))
            #expect(await Self.code { try await HubFaultAdmin(client: scoped).set("[]") } == 403)
            #expect(await Self.code { _ = try await HubFaultAdmin(client: scoped).fired() } == 403)
            // A wrong rule is refused with what to fix.
            do {
                try await admin.set("- {name: bad, action: respond, status: 200}")
                Issue.record("a respond rule with status 200 was accepted")
            } catch {
                let e = error as! KubeError
                #expect(e.code == 400 && e.message.contains("fault rule bad") && e.message.contains("400…599"), "\(e)")
            }
        }
    }

    @Test func retryAfterIsHonouredAndFiveHundredsAreRetried() async throws {
        try await Self.withFaultyHub { _, c, admin in
            _ = try await c.create(configMap("a", "f"))
            try await admin.set("""
                rules:
                - {name: busy, match: {verbs: [get], resources: [configmaps]}, action: respond, status: 429, retryAfterSeconds: 1, count: 2}
                - {name: broken, match: {verbs: [list], resources: [configmaps], namespaces: [f]}, action: respond, status: 500, count: 3}
                - {name: down, match: {verbs: [update]}, action: respond, status: 503, count: 2}
                """)
            let start = Date()
            let got = try await c.get(configMapGVK, name: "a", namespace: "f")
            #expect(got.string(at: "metadata", "name") == "a")
            // Two answers asked for a 1 s pause each: the client waited at least that long.
            #expect(Date().timeIntervalSince(start) >= 1.9)
            #expect(try await c.list(configMapGVK, namespace: "f").items.count == 1)
            var edited = got
            edited[path: ["data", "k"]] = .string("v")
            _ = try await c.update(edited)
            let fired = try await admin.fired()
            #expect(fired == ["busy": 2, "broken": 3, "down": 2])
        }
    }

    @Test func postIsRetriedOn429ButA503IsReported() async throws {
        try await Self.withFaultyHub { _, c, admin in
            try await admin.set("[{name: busy, match: {verbs: [create]}, action: respond, status: 429, retryAfterSeconds: 0, count: 2}]")
            _ = try await c.create(configMap("a", "f"))
            try await admin.set("[{name: down, match: {verbs: [create]}, action: respond, status: 503, count: 1}]")
            do {
                _ = try await c.create(configMap("b", "f"))
                Issue.record("a create answered 503 was retried")
            } catch {
                let e = error as! KubeError
                #expect(e.code == 503 && e.category == .unavailable && e.message.contains("injected fault"), "\(e)")
            }
            // The create was not applied, and once the rule is spent it goes through.
            _ = try await c.create(configMap("b", "f"))
            #expect(try await c.list(configMapGVK, namespace: "f").items.count == 2)
        }
    }

    @Test func slowAnswersAndResetConnectionsAreSurvived() async throws {
        try await Self.withFaultyHub { _, c, admin in
            _ = try await c.create(configMap("a", "f"))
            try await admin.set("""
                - {name: slow, match: {verbs: [get]}, action: delay, milliseconds: 300, count: 3}
                - {name: cut, match: {verbs: [get], resources: [configmaps]}, action: reset, count: 2}
                """)
            #expect(try await c.get(configMapGVK, name: "a", namespace: "f").string(at: "metadata", "name") == "a")
            #expect(try await admin.fired() == ["slow": 3, "cut": 2])
        }
    }

    @Test func conflictStormIsATypedConflictUntilItEnds() async throws {
        try await Self.withFaultyHub { _, c, admin in
            var cm = try await c.create(configMap("a", "f"))
            try await admin.set("[{name: storm, match: {resources: [configmaps]}, action: conflict, count: 3}]")
            // Reads are not hit by a conflict rule.
            cm = try await c.get(configMapGVK, name: "a", namespace: "f")
            var conflicts = 0
            for attempt in 0..<10 {
                cm[path: ["data", "n"]] = .string(String(attempt))
                do {
                    _ = try await c.update(cm)
                    break
                } catch {
                    let e = error as! KubeError
                    #expect(e.isConflict, "\(e)")
                    conflicts += 1
                }
            }
            #expect(conflicts == 3)
            #expect(try await c.get(configMapGVK, name: "a", namespace: "f").string(at: "data", "n") == "3")
        }
    }

    @Test func watchDroppedRepeatedlyResumesWithoutLossOrDuplicates() async throws {
        try await Self.withFaultyHub { _, c, admin in
            let start = try await c.list(configMapGVK, namespace: "f")
            try await admin.set("""
                - {name: short-streams, match: {resources: [configmaps]}, action: dropWatch, afterEvents: 3}
                - {name: cut-streams, match: {resources: [configmaps]}, action: dropWatch, afterSeconds: 0.5, count: 3}
                """)
            let seen = Recorder<WatchEvent>()
            let consumer = Task {
                for try await e in c.watch(configMapGVK, namespace: "f", options: WatchOptions(resourceVersion: start.resourceVersion)) {
                    seen.add(e)
                }
            }
            defer { consumer.cancel() }
            for i in 0..<12 {
                _ = try await c.create(configMap("m\(i)", "f", data: ["v": "1"]))
                if i % 4 == 3 { try await Task.sleep(nanoseconds: 300_000_000) }
            }
            for i in 0..<12 where i % 3 == 0 {
                _ = try await c.patch(configMapGVK, name: "m\(i)", namespace: "f", type: .merge, patch: object(#"{"data":{"v":"2"}}"#))
            }
            for i in 0..<12 where i % 4 == 1 { try await c.delete(configMapGVK, name: "m\(i)", namespace: "f") }
            let final = try await c.list(configMapGVK, namespace: "f")
            var expected: [String: String] = [:]
            for o in final.items { expected[o.string(at: "metadata", "name")!] = o.string(at: "metadata", "resourceVersion") }
            func replay(_ events: [WatchEvent]) -> [String: String] {
                var state: [String: String] = [:]
                for e in events {
                    switch e {
                    case .added(let o), .modified(let o): state[o.string(at: "metadata", "name")!] = o.string(at: "metadata", "resourceVersion")
                    case .deleted(let o): state[o.string(at: "metadata", "name")!] = nil
                    case .resync(let items, _):
                        state = [:]
                        for o in items { state[o.string(at: "metadata", "name")!] = o.string(at: "metadata", "resourceVersion") }
                    case .bookmark: break
                    }
                }
                return state
            }
            let converged = await seen.wait(timeout: 30) { replay($0) == expected }
            let log = seen.all.map(WatchIntegrationTests.describe)
            #expect(converged, "events: \(log)")
            let objectEvents = log.filter { !$0.hasPrefix("BOOKMARK") && !$0.hasPrefix("RESYNC") }
            #expect(Set(objectEvents).count == objectEvents.count, "duplicates in \(log)")
            #expect(!log.contains { $0.hasPrefix("RESYNC") }, "resumed from the last resourceVersion, no relist: \(log)")
            #expect(objectEvents.count == 12 + 4 + 3)
            let fired = try await admin.fired()
            #expect((fired["short-streams"] ?? 0) >= 5, "\(fired)")
        }
    }
}
