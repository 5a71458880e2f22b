import KealmYAML
import Testing
@testable import VirtualCluster

@Suite struct WatchTests {
    @Test func watchFromResourceVersionAndGone() async throws {
        let api = try TestAPI()
        let cluster = try api.hub.cluster(Hub.defaultCluster)
        let r = cluster.registry.resource(group: "", version: "v1", plural: "configmaps")!
        let (_, a) = await api.call("POST", "/api/v1/namespaces/default/configmaps", cm("a"))
        let rvA = Int(a.string(at: "metadata", "resourceVersion")!)!
        _ = await api.call("POST", "/api/v1/namespaces/default/configmaps", cm("b"))
        _ = await api.call("DELETE", "/api/v1/namespaces/default/configmaps/a")
        let h = try cluster.watch(r, filter: ObjectFilter(namespace: "default"), from: rvA)
        var it = h.events.makeAsyncIterator()
        let e1 = await it.next()
        let e2 = await it.next()
        #expect(e1?.type == "ADDED" && e1?.name == "b")
        #expect(e2?.type == "DELETED" && e2?.name == "a")
        _ = await api.call("POST", "/api/v1/namespaces/default/configmaps", cm("c"))
        let e3 = await it.next()
        #expect(e3?.type == "ADDED" && e3?.name == "c")
        cluster.closeWatch(h.id)

        let small = try TestAPI(store: MemoryObjectStore())
        let c2 = try small.hub.cluster(Hub.defaultCluster)
        _ = c2
        let tiny = try LogicalCluster(name: Hub.defaultCluster, store: small.hub.store, historyLimit: 2)
        for i in 0..<5 { _ = try tiny.create(r, namespace: "default", object: try JSON.decode(cm("x\(i)"))) }
        #expect(throws: APIError.self) { try tiny.watch(r, filter: ObjectFilter(), from: 1) }
    }
}
