import Foundation
import KealmModel
import KealmYAML
import Testing

@testable import KubeClient

let configMapGVK = GVK(group: "", version: "v1", kind: "ConfigMap")

func object(_ json: String) -> YAMLNode { try! JSON.decode(json) }

func configMap(_ name: String, _ ns: String, labels: [String: String] = [:], data: [String: String] = [:]) -> YAMLNode {
    var o = object(#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"\#(name)","namespace":"\#(ns)"}}"#)
    for (k, v) in labels.sorted(by: { $0.key < $1.key }) { o[path: ["metadata", "labels", k]] = .string(v) }
    for (k, v) in data.sorted(by: { $0.key < $1.key }) { o[path: ["data", k]] = .string(v) }
    return o
}

/// Every operation of the client against a real `kealm hub serve` over loopback.
@Suite(.enabled(if: HubProcess.available)) struct HubIntegrationTests {
    static func withHub(_ body: (HubProcess, KubeClient) async throws -> Void) async throws {
        let dir = TempDir("hub")
        defer { dir.cleanup() }
        let hub = try HubProcess(data: dir.path + "/data")
        defer { hub.stop() }
        var o = ClientOptions()
        o.retry = RetryPolicy(maxAttempts: 8, baseDelay: 0.05, maxDelay: 0.5)
        let client = try KubeClient(kubeconfig: hub.kubeconfig, options: o)
        try await body(hub, client)
    }

    static func namespace(_ c: KubeClient, _ name: String) async throws {
        _ = try await c.create(object(#"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"\#(name)"}}"#))
    }

    @Test func crudListPatchAndTypedErrors() async throws {
        try await Self.withHub { _, c in
            try await Self.namespace(c, "ops")
            let created = try await c.create(configMap("a", "ops", labels: ["app": "web"], data: ["k": "1"]))
            #expect(created.string(at: "metadata", "uid")?.isEmpty == false)
            let got = try await c.get(configMapGVK, name: "a", namespace: "ops")
            #expect(got.string(at: "data", "k") == "1")

            // 409 AlreadyExists, typed.
            do throws(KubeError) {
                _ = try await c.create(configMap("a", "ops"))
                Issue.record("expected 409")
            } catch {
                #expect(error.code == 409)
                #expect(error.category == .conflict)
                #expect(error.isAlreadyExists)
                #expect(error.objectName == "a")
            }
            // Update with the current resourceVersion, then a stale one: 409 Conflict.
            var v1 = got
            v1[path: ["data", "k"]] = .string("2")
            let updated = try await c.update(v1)
            #expect(updated.string(at: "data", "k") == "2")
            do throws(KubeError) {
                v1[path: ["data", "k"]] = .string("3")
                _ = try await c.update(v1)
                Issue.record("expected 409")
            } catch {
                #expect(error.isConflict)
                #expect(error.category == .conflict)
            }
            // 404, typed.
            do throws(KubeError) {
                _ = try await c.get(configMapGVK, name: "missing", namespace: "ops")
                Issue.record("expected 404")
            } catch {
                #expect(error.isNotFound)
                #expect(error.category == .notFound)
            }

            // List: selectors and pagination.
            for i in 0..<7 {
                _ = try await c.create(configMap("p\(i)", "ops", labels: ["app": i % 2 == 0 ? "even" : "odd", "tier": "t"]))
            }
            let all = try await c.list(configMapGVK, namespace: "ops", options: ListOptions(limit: 2))
            #expect(all.items.count == 8)
            #expect(!all.resourceVersion.isEmpty)
            #expect(all.items.allSatisfy { $0.string(at: "kind") == "ConfigMap" && $0.string(at: "apiVersion") == "v1" })
            let even = try await c.list(configMapGVK, namespace: "ops", options: ListOptions(labelSelector: "app in (even),tier=t", limit: 3))
            #expect(even.items.compactMap { $0.string(at: "metadata", "name") }.sorted() == ["p0", "p2", "p4", "p6"])
            let named = try await c.list(configMapGVK, namespace: "ops", options: ListOptions(fieldSelector: "metadata.name=p3"))
            #expect(named.items.count == 1)
            let across = try await c.list(configMapGVK, namespace: nil, options: ListOptions(labelSelector: "app=odd"))
            #expect(across.items.count == 3)

            // Patches: merge, JSON, strategic.
            _ = try await c.patch(configMapGVK, name: "a", namespace: "ops", type: .merge, patch: object(#"{"data":{"m":"merge"}}"#))
            _ = try await c.patch(configMapGVK, name: "a", namespace: "ops", type: .json,
                patch: object(#"[{"op":"add","path":"/data/j","value":"json"}]"#))
            let sp = try await c.patch(configMapGVK, name: "a", namespace: "ops", type: .strategic,
                patch: object(#"{"metadata":{"labels":{"s":"y"}}}"#))
            #expect(sp.string(at: "data", "m") == "merge")
            #expect(sp.string(at: "data", "j") == "json")
            #expect(sp.labels["s"] == "y")
            // A bad JSON patch is an invalid request, typed.
            do throws(KubeError) {
                _ = try await c.patch(configMapGVK, name: "a", namespace: "ops", type: .json,
                    patch: object(#"[{"op":"test","path":"/data/k","value":"nope"}]"#))
                Issue.record("expected a failed test op")
            } catch {
                #expect(error.kind == .status)
                #expect(error.category == .invalid || error.category == .conflict)
            }

            // Server-side apply: create, conflict with another manager, force.
            let applied = try await c.apply(configMap("sa", "ops", data: ["x": "1"]), fieldManager: "kealm")
            #expect(applied.string(at: "data", "x") == "1")
            do throws(KubeError) {
                _ = try await c.apply(configMap("sa", "ops", data: ["x": "2"]), fieldManager: "other")
                Issue.record("expected an apply conflict")
            } catch {
                #expect(error.code == 409)
                #expect(error.category == .conflict)
            }
            let forced = try await c.apply(configMap("sa", "ops", data: ["x": "2"]), fieldManager: "other", force: true)
            #expect(forced.string(at: "data", "x") == "2")

            // Delete: wrong UID precondition is a conflict; then delete with a propagation policy.
            do throws(KubeError) {
                try await c.delete(configMapGVK, name: "sa", namespace: "ops", options: DeleteOptions(preconditionUID: "not-the-uid"))
                Issue.record("expected a precondition failure")
            } catch {
                #expect(error.code == 409)
            }
            try await c.delete(configMapGVK, name: "sa", namespace: "ops",
                options: DeleteOptions(propagationPolicy: .background, preconditionUID: forced.string(at: "metadata", "uid")))
            await #expect(throws: KubeError.self) { _ = try await c.get(configMapGVK, name: "sa", namespace: "ops") }
        }
    }

    static let crd = #"""
        {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
         "metadata":{"name":"widgets.demo.kealm.io"},
         "spec":{"group":"demo.kealm.io","scope":"Namespaced",
           "names":{"plural":"widgets","singular":"widget","kind":"Widget","listKind":"WidgetList"},
           "versions":[{"name":"v1","served":true,"storage":true,"subresources":{"status":{}},
             "schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}]}}
        """#

    @Test func crdCreatedThenUsedAndStatusSubresource() async throws {
        try await Self.withHub { _, c in
            try await Self.namespace(c, "crd")
            let widget = GVK(group: "demo.kealm.io", version: "v1", kind: "Widget")
            // Discovery is warmed before the CRD exists, so the mapping must be refreshed.
            await #expect(throws: KubeError.self) { _ = try await c.discovery.mapping(for: widget) }
            _ = try await c.create(object(Self.crd))
            let w = object(#"{"apiVersion":"demo.kealm.io/v1","kind":"Widget","metadata":{"name":"w1","namespace":"crd"},"spec":{"size":3}}"#)
            let created = try await c.create(w)
            #expect(created.string(at: "spec", "size") == "3")
            // Status subresource: writes status, leaves spec alone.
            var withStatus = created
            withStatus[path: ["status", "phase"]] = .string("Ready")
            withStatus[path: ["spec", "size"]] = .int(99)
            let s = try await c.updateStatus(withStatus)
            #expect(s.string(at: "status", "phase") == "Ready")
            let back = try await c.get(widget, name: "w1", namespace: "crd")
            #expect(back.string(at: "spec", "size") == "3")
            #expect(back.string(at: "status", "phase") == "Ready")
            let patched = try await c.patch(widget, name: "w1", namespace: "crd", type: .merge,
                patch: object(#"{"status":{"phase":"Done"}}"#), subresource: "status")
            #expect(patched.string(at: "status", "phase") == "Done")
            #expect(try await c.list(widget, namespace: "crd").items.count == 1)
        }
    }
}
