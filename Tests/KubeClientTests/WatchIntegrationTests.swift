import Foundation
import KealmModel
import KealmYAML
import Synchronization
import Testing
import TestSupport

@testable import KubeClient

/// Collects what a background consumer sees.
final class Recorder<T: Sendable>: Sendable {
    private let items = Mutex<[T]>([])
    func add(_ t: T) { items.withLock { $0.append(t) } }
    var all: [T] { items.withLock { $0 } }
    /// Waits until `done` holds for the recorded items.
    func wait(timeout: Double = 20, _ done: ([T]) -> Bool) async -> Bool {
        let deadline = Date().addingTimeInterval(TestTimeouts.scaled(timeout))
        while Date() < deadline {
            if done(all) { return true }
            try? await Task.sleep(nanoseconds: 50_000_000)
        }
        return done(all)
    }
}

@Suite(.enabled(if: HubProcess.available)) struct WatchIntegrationTests {
    static func describe(_ e: WatchEvent) -> String {
        func n(_ o: YAMLNode) -> String { "\(o.string(at: "metadata", "name") ?? "")@\(o.string(at: "metadata", "resourceVersion") ?? "")" }
        switch e {
        case .added(let o): return "ADDED \(n(o))"
        case .modified(let o): return "MODIFIED \(n(o))"
        case .deleted(let o): return "DELETED \(n(o))"
        case .bookmark: return "BOOKMARK"
        case .resync(let items, _): return "RESYNC " + items.map(n).sorted().joined(separator: ",")
        }
    }

    @Test func watchSurvivesServerRestartWithoutLossOrDuplicates() async throws {
        let dir = TempDir("hubw")
        defer { dir.cleanup() }
        let hub = try HubProcess(data: dir.path + "/data")
        defer { hub.stop() }
        var o = ClientOptions()
        o.retry = RetryPolicy(maxAttempts: 10, baseDelay: 0.05, maxDelay: 0.3)
        let c = try KubeClient(kubeconfig: hub.kubeconfig, options: o)
        try await HubIntegrationTests.namespace(c, "w")
        let start = try await c.list(configMapGVK, namespace: "w")
        let seen = Recorder<WatchEvent>()
        let consumer = Task {
            for try await e in c.watch(configMapGVK, namespace: "w", options: WatchOptions(resourceVersion: start.resourceVersion)) {
                seen.add(e)
            }
        }
        defer { consumer.cancel() }
        _ = try await c.create(configMap("a", "w", data: ["v": "1"]))
        _ = try await c.create(configMap("b", "w"))
        #expect(await seen.wait { $0.compactMap(\.object).count >= 2 })

        try hub.restart()
        _ = try await c.create(configMap("c", "w"))
        _ = try await c.patch(configMapGVK, name: "a", namespace: "w", type: .merge, patch: object(#"{"data":{"v":"2"}}"#))
        try await c.delete(configMapGVK, name: "b", namespace: "w")
        let final = try await c.list(configMapGVK, namespace: "w")

        // Replay the events (a resync replaces the state) until it equals the server's state.
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
        var expected: [String: String] = [:]
        for o in final.items { expected[o.string(at: "metadata", "name")!] = o.string(at: "metadata", "resourceVersion") }
        let converged = await seen.wait { replay($0) == expected }
        let log = seen.all.map(Self.describe)
        #expect(converged, "events: \(log)")
        // No object event is delivered twice.
        let objectEvents = log.filter { !$0.hasPrefix("BOOKMARK") && !$0.hasPrefix("RESYNC") }
        #expect(Set(objectEvents).count == objectEvents.count, "duplicates in \(log)")
        if !log.contains(where: { $0.hasPrefix("RESYNC") }) {
            // Resumed from the last resourceVersion: exactly the five changes, in order.
            #expect(objectEvents.map { $0.split(separator: "@")[0] } == ["ADDED a", "ADDED b", "ADDED c", "MODIFIED a", "DELETED b"])
        }
    }

    @Test func tooOldVersionRelistsAndResyncs() async throws {
        let dir = TempDir("hubg")
        defer { dir.cleanup() }
        let hub = try HubProcess(data: dir.path + "/data", arguments: ["--history", "3"])
        defer { hub.stop() }
        let c = try KubeClient(kubeconfig: hub.kubeconfig)
        try await HubIntegrationTests.namespace(c, "g")
        let start = try await c.list(configMapGVK, namespace: "g")
        for i in 0..<10 { _ = try await c.create(configMap("o\(i)", "g")) }
        var first: WatchEvent?
        for try await e in c.watch(configMapGVK, namespace: "g", options: WatchOptions(resourceVersion: start.resourceVersion)) {
            if case .bookmark = e { continue }
            first = e
            break
        }
        guard case .resync(let items, let rv) = first else {
            Issue.record("expected a resync, got \(String(describing: first))")
            return
        }
        #expect(items.count == 10)
        #expect(!rv.isEmpty)
    }

    @Test func informerIndexesAndPublishesChanges() async throws {
        try await HubIntegrationTests.withHub { _, c in
            try await HubIntegrationTests.namespace(c, "inf")
            _ = try await c.create(configMap("pre", "inf", labels: ["env": "dev"]))
            let inf = Informer(client: c, gvk: configMapGVK, namespace: "inf")
            let changes = Recorder<String>()
            let drain = Task {
                for await ch in inf.changes {
                    switch ch {
                    case .added(let o): changes.add("added \(o.string(at: "metadata", "name")!)")
                    case .updated(_, let o): changes.add("updated \(o.string(at: "metadata", "name")!)")
                    case .deleted(let o): changes.add("deleted \(o.string(at: "metadata", "name")!)")
                    case .synced: changes.add("synced")
                    }
                }
            }
            defer { drain.cancel() }
            inf.start()
            defer { inf.stop() }
            await inf.waitForSync()
            #expect(inf.get(namespace: "inf", name: "pre") != nil)
            _ = try await c.create(configMap("x", "inf", labels: ["env": "dev"]))
            _ = try await c.create(configMap("y", "inf", labels: ["env": "prod"]))
            _ = try await c.patch(configMapGVK, name: "x", namespace: "inf", type: .merge, patch: object(#"{"metadata":{"labels":{"env":"prod"}}}"#))
            try await c.delete(configMapGVK, name: "y", namespace: "inf")
            let want = ["added pre", "synced", "added x", "added y", "updated x", "deleted y"]
            #expect(await changes.wait { $0 == want }, "changes: \(changes.all)")
            #expect(inf.list(labels: ["env": "prod"]).compactMap { $0.string(at: "metadata", "name") } == ["x"])
            #expect(inf.list(labels: ["env": "dev"]).compactMap { $0.string(at: "metadata", "name") } == ["pre"])
            #expect(inf.list(namespace: "inf").count == 2)
        }
    }
}
