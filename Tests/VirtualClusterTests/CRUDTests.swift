import KealmYAML
import Testing
@testable import VirtualCluster

@Suite struct CRUDTests {
    @Test func versionAndDiscovery() async throws {
        let api = try TestAPI()
        let (c1, v) = await api.call("GET", "/version")
        #expect(c1 == 200 && v.string(at: "minor") == "32")
        let (c2, apis) = await api.call("GET", "/apis")
        #expect(c2 == 200)
        #expect(apis["groups"]?.items?.contains { $0.string(at: "name") == "apps" } == true)
        let (_, core) = await api.call("GET", "/api/v1")
        let names = core["resources"]?.items?.compactMap { $0.string(at: "name") } ?? []
        #expect(names.contains("configmaps") && names.contains("pods/status"))
        let (c3, _) = await api.call("GET", "/apis/nope.io/v1")
        #expect(c3 == 404)
    }

    @Test func createGetUpdateConflictDelete() async throws {
        let api = try TestAPI()
        let (c1, created) = await api.call("POST", "/api/v1/namespaces/default/configmaps", cm("one"))
        #expect(c1 == 201)
        let rv1 = created.string(at: "metadata", "resourceVersion")!
        #expect(created.string(at: "metadata", "uid") != nil && created.string(at: "metadata", "creationTimestamp") != nil)
        #expect(created[path: ["metadata", "generation"]] == nil)
        let (c2, _) = await api.call("POST", "/api/v1/namespaces/default/configmaps", cm("one"))
        #expect(c2 == 409)
        let (c3, got) = await api.call("GET", "/api/v1/namespaces/default/configmaps/one")
        #expect(c3 == 200 && got.string(at: "data", "a") == "1")
        var upd = got
        upd[path: ["data", "a"]] = .string("2")
        let (c4, updated) = await api.call("PUT", "/api/v1/namespaces/default/configmaps/one", JSON.encode(upd))
        #expect(c4 == 200)
        #expect(Int(updated.string(at: "metadata", "resourceVersion")!)! > Int(rv1)!)
        let (c5, stale) = await api.call("PUT", "/api/v1/namespaces/default/configmaps/one", JSON.encode(upd))
        #expect(c5 == 409 && stale.string(at: "reason") == "Conflict")
        let (c6, _) = await api.call("DELETE", "/api/v1/namespaces/default/configmaps/one")
        #expect(c6 == 200)
        let (c7, nf) = await api.call("GET", "/api/v1/namespaces/default/configmaps/one")
        #expect(c7 == 404 && nf.string(at: "kind") == "Status" && nf.string(at: "reason") == "NotFound")
    }

    @Test func missingNamespaceAndBadBody() async throws {
        let api = try TestAPI()
        let (c1, _) = await api.call("POST", "/api/v1/namespaces/nope/configmaps", cm("x"))
        #expect(c1 == 404)
        let (c2, _) = await api.call("POST", "/api/v1/namespaces/default/configmaps", "{not json")
        #expect(c2 == 400)
        let (c3, _) = await api.call("POST", "/api/v1/namespaces/default/configmaps", cm("Bad/Name"))
        #expect(c3 == 422)
    }

    @Test func generationAndStatusSubresource() async throws {
        let api = try TestAPI()
        let dep = """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":1},"status":{"replicas":9}}
            """
        let (c1, d) = await api.call("POST", "/apis/apps/v1/namespaces/default/deployments", dep)
        #expect(c1 == 201 && d[path: ["metadata", "generation"]]?.intValue == 1 && d["status"] == nil)
        var s = d
        s["status"] = try JSON.decode("{\"readyReplicas\":1}")
        let (c2, afterStatus) = await api.call("PUT", "/apis/apps/v1/namespaces/default/deployments/web/status", JSON.encode(s))
        #expect(c2 == 200 && afterStatus[path: ["status", "readyReplicas"]]?.intValue == 1)
        #expect(afterStatus[path: ["metadata", "generation"]]?.intValue == 1)
        var m = afterStatus
        m[path: ["metadata", "labels"]] = try JSON.decode("{\"x\":\"y\"}")
        let (_, afterLabel) = await api.call("PUT", "/apis/apps/v1/namespaces/default/deployments/web", JSON.encode(m))
        #expect(afterLabel[path: ["metadata", "generation"]]?.intValue == 1)
        var sp = afterLabel
        sp[path: ["spec", "replicas"]] = .int(3)
        sp["status"] = nil
        let (_, afterSpec) = await api.call("PUT", "/apis/apps/v1/namespaces/default/deployments/web", JSON.encode(sp))
        #expect(afterSpec[path: ["metadata", "generation"]]?.intValue == 2)
        #expect(afterSpec[path: ["status", "readyReplicas"]]?.intValue == 1)
    }

    @Test func listSelectorsAndPaging() async throws {
        let api = try TestAPI()
        for i in 0..<5 {
            _ = await api.call("POST", "/api/v1/namespaces/default/configmaps",
                               cm("c\(i)", labels: "{\"tier\":\"\(i % 2 == 0 ? "even" : "odd")\",\"n\":\"\(i)\"}"))
        }
        func names(_ q: String) async -> [String] {
            let (_, l) = await api.call("GET", "/api/v1/namespaces/default/configmaps?" + q)
            return l["items"]?.items?.compactMap { $0.string(at: "metadata", "name") } ?? []
        }
        #expect(await names("labelSelector=tier%3Deven") == ["c0", "c2", "c4"])
        #expect(await names("labelSelector=tier!%3Deven") == ["c1", "c3"])
        #expect(await names("labelSelector=n+in+(1,3,4)") == ["c1", "c3", "c4"])
        #expect(await names("labelSelector=n+notin+(1,3,4),tier") == ["c0", "c2"])
        #expect(await names("labelSelector=!tier") == [])
        #expect(await names("fieldSelector=metadata.name%3Dc3") == ["c3"])
        #expect(await names("fieldSelector=metadata.name!%3Dc3,metadata.namespace%3Ddefault") == ["c0", "c1", "c2", "c4"])
        let (_, p1) = await api.call("GET", "/api/v1/namespaces/default/configmaps?limit=2")
        #expect(p1["items"]?.items?.count == 2 && p1[path: ["metadata", "remainingItemCount"]]?.intValue == 3)
        let token = p1.string(at: "metadata", "continue")!
        let (_, p2) = await api.call("GET", "/api/v1/namespaces/default/configmaps?limit=2&continue=" + token)
        #expect(p2["items"]?.items?.compactMap { $0.string(at: "metadata", "name") } == ["c2", "c3"])
        let (_, all) = await api.call("GET", "/api/v1/configmaps")
        #expect(all["items"]?.items?.count == 5)
    }

    @Test func finalizersAndNamespaceCascade() async throws {
        let api = try TestAPI()
        _ = await api.call("POST", "/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"team\"}}")
        let (_, ns) = await api.call("GET", "/api/v1/namespaces/team")
        #expect(ns.string(at: "status", "phase") == "Active")
        _ = await api.call("POST", "/api/v1/namespaces/team/configmaps", cm("plain"))
        let (c1, held) = await api.call("POST", "/api/v1/namespaces/team/configmaps",
            "{\"metadata\":{\"name\":\"held\",\"finalizers\":[\"example.com/hold\"]}}")
        #expect(c1 == 201 && held.string(at: "kind") == "ConfigMap")
        let (c2, term) = await api.call("DELETE", "/api/v1/namespaces/team")
        #expect(c2 == 200 && term.string(at: "status", "phase") == "Terminating")
        let (c3, _) = await api.call("GET", "/api/v1/namespaces/team/configmaps/plain")
        #expect(c3 == 404)
        let (_, h) = await api.call("GET", "/api/v1/namespaces/team/configmaps/held")
        #expect(h[path: ["metadata", "deletionTimestamp"]] != nil)
        let (c4, _) = await api.call("POST", "/api/v1/namespaces/team/configmaps", cm("late"))
        #expect(c4 == 403)
        var released = h
        released[path: ["metadata", "finalizers"]] = nil
        let (c5, _) = await api.call("PUT", "/api/v1/namespaces/team/configmaps/held", JSON.encode(released))
        #expect(c5 == 200)
        let (c6, _) = await api.call("GET", "/api/v1/namespaces/team/configmaps/held")
        #expect(c6 == 404)
        let (c7, _) = await api.call("GET", "/api/v1/namespaces/team")
        #expect(c7 == 404)
    }
}
