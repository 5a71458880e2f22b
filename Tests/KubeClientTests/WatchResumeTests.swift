import Foundation
import KealmModel
import KealmYAML
import Synchronization
import Testing

@testable import KubeClient

/// Watch resume and relist logic against a loopback socket server playing a scripted API
/// server (the full server is exercised by the integration tests).
@Suite struct WatchResumeTests {
    static let resources = #"{"kind":"APIResourceList","groupVersion":"v1","resources":[{"name":"configmaps","singularName":"configmap","namespaced":true,"kind":"ConfigMap","verbs":["get","list","watch"]},{"name":"configmaps/status","namespaced":true,"kind":"ConfigMap","verbs":["get"]}]}"#

    static func event(_ type: String, _ name: String, _ rv: Int) -> String {
        #"{"type":"\#(type)","object":{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"\#(name)","namespace":"d","resourceVersion":"\#(rv)"}}}"# + "\n"
    }

    @Test func resumesFromLastVersionAndRelistsOnGone() async throws {
        let watches = Mutex<[String?]>([])
        let server = LoopbackServer { req in
            if req.path == "/api/v1" { return .full(status: 200, headers: [:], body: Self.resources) }
            if req.query["watch"] == "true" {
                let rv = req.query["resourceVersion"]
                let n = watches.withLock { $0.append(rv); return $0.count }
                #expect(req.query["allowWatchBookmarks"] == "true")
                switch n {
                case 1: return .stream(status: 200, chunks: [(Self.event("ADDED", "a", 1) + Self.event("ADDED", "b", 2), 0)])
                case 2: return .drop  // connection broken: resume with backoff
                case 3:
                    return .stream(status: 200, chunks: [
                        (#"{"type":"BOOKMARK","object":{"kind":"ConfigMap","metadata":{"resourceVersion":"3"}}}"# + "\n", 0),
                        (#"{"type":"ERROR","object":{"kind":"Status","code":410,"reason":"Expired","message":"too old"}}"# + "\n", 0),
                    ])
                case 4: return .stream(status: 200, chunks: [(Self.event("DELETED", "c", 8), 0)])
                default: return .stream(status: 200, chunks: [("", 30)])
                }
            }
            if req.path == "/api/v1/namespaces/d/configmaps" {
                return .full(status: 200, headers: [:], body: #"{"kind":"ConfigMapList","metadata":{"resourceVersion":"7"},"items":[{"metadata":{"name":"c","namespace":"d","resourceVersion":"6"}}]}"#)
            }
            return .full(status: 404, headers: [:], body: #"{"kind":"Status","code":404,"reason":"NotFound"}"#)
        }
        defer { server.stop() }
        var o = ClientOptions()
        o.retry = RetryPolicy(baseDelay: 0.05)
        let c = try KubeClient(config: ClientConfig(server: server.url), options: o)
        var events: [String] = []
        for try await e in c.watch(GVK(group: "", version: "v1", kind: "ConfigMap"), namespace: "d") {
            switch e {
            case .added(let o): events.append("added \(o.string(at: "metadata", "name")!)")
            case .modified(let o): events.append("modified \(o.string(at: "metadata", "name")!)")
            case .deleted(let o): events.append("deleted \(o.string(at: "metadata", "name")!)")
            case .bookmark(let rv): events.append("bookmark \(rv)")
            case .resync(let items, let rv):
                events.append("resync \(items.count) \(rv) \(items.first?.string(at: "kind") ?? "")")
            }
            if events.count == 5 { break }
        }
        #expect(Array(events.prefix(5)) == ["added a", "added b", "bookmark 3", "resync 1 7 ConfigMap", "deleted c"])
        #expect(Array(watches.withLock { $0 }.prefix(4)) == [nil, "2", "2", "7"])
    }

    @Test func discoveryRefetchesOnMiss() async throws {
        let fetches = Atomic<Int>(0)
        let server = LoopbackServer { req in
            guard req.path == "/apis/demo.io/v1" else { return .full(status: 404, headers: [:], body: "{}") }
            // The CRD appears between the first and the second discovery.
            return fetches.add(1, ordering: .sequentiallyConsistent).newValue == 1
                ? .full(status: 404, headers: [:], body: #"{"kind":"Status","code":404,"reason":"NotFound"}"#)
                : .full(status: 200, headers: [:], body: #"{"groupVersion":"demo.io/v1","resources":[{"name":"widgets","namespaced":false,"kind":"Widget","verbs":["get"]},{"name":"widgets/status","kind":"Widget"}]}"#)
        }
        defer { server.stop() }
        let c = try KubeClient(config: ClientConfig(server: server.url))
        let gvk = GVK(group: "demo.io", version: "v1", kind: "Widget")
        await #expect(throws: KubeError.self) { _ = try await c.discovery.mapping(for: gvk) }
        let m = try await c.discovery.mapping(for: gvk)
        #expect(m.resource == "widgets")
        #expect(!m.namespaced)
        #expect(m.subresources == ["status"])
        #expect(m.path(namespace: "ignored", name: "w 1", subresource: "status") == "/apis/demo.io/v1/widgets/w%201/status")
        _ = try await c.discovery.mapping(for: gvk)
        #expect(fetches.load(ordering: .sequentiallyConsistent) == 2)
    }

    @Test func informerStoreIndexes() {
        var s = InformerStore()
        func obj(_ ns: String, _ name: String, _ labels: [String: String]) -> YAMLNode {
            var o = YAMLNode.emptyMapping
            o[path: ["metadata", "name"]] = .string(name)
            if !ns.isEmpty { o[path: ["metadata", "namespace"]] = .string(ns) }
            for (k, v) in labels { o[path: ["metadata", "labels", k]] = .string(v) }
            return o
        }
        s.upsert(obj("a", "x", ["env": "dev", "app": "web"]))
        s.upsert(obj("a", "y", ["env": "prod"]))
        s.upsert(obj("b", "x", ["env": "dev"]))
        s.upsert(obj("", "cluster1", ["env": "dev"]))
        #expect(s.count == 4)
        #expect(s.list(namespace: "a").count == 2)
        #expect(s.list(labels: ["env": "dev"]).map { InformerStore.key($0)! } == ["a/x", "b/x", "cluster1"])
        #expect(s.list(namespace: "a", labels: ["env": "dev", "app": "web"]).count == 1)
        s.upsert(obj("a", "x", ["env": "prod"]))
        #expect(s.list(labels: ["env": "dev"]).count == 2)
        #expect(s.list(labels: ["env": "prod"]).count == 2)
        s.remove(key: "a/y")
        #expect(s.list(labels: ["env": "prod"]).count == 1)
        #expect(s.get(namespace: nil, name: "cluster1") != nil)
    }
}
