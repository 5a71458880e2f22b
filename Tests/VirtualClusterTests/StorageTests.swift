import KealmYAML
import Testing
@testable import VirtualCluster

@Suite struct StorageTests {
    @Test func sqliteKeepsObjectsAndResourceVersions() async throws {
        let dir = temporaryDirectory()
        var lastRV = 0
        do {
            let api = try TestAPI(store: try SQLiteObjectStore(path: dir + "/hub.sqlite"))
            try api.hub.createCluster("one")
            _ = await api.call("POST", "/clusters/one/apis/apiextensions.k8s.io/v1/customresourcedefinitions", widgetCRD)
            let (_, w) = await api.call("POST", "/clusters/one/apis/example.com/v1/namespaces/default/widgets",
                                        "{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"w1\"}}")
            lastRV = Int(w.string(at: "metadata", "resourceVersion")!)!
        }
        let api = try TestAPI(store: try SQLiteObjectStore(path: dir + "/hub.sqlite"))
        let (c1, w) = await api.call("GET", "/clusters/one/apis/example.com/v1/namespaces/default/widgets/w1")
        #expect(c1 == 200 && w.string(at: "metadata", "name") == "w1")
        let (_, c) = await api.call("POST", "/clusters/one/api/v1/namespaces/default/configmaps", cm("after"))
        #expect(Int(c.string(at: "metadata", "resourceVersion")!)! == lastRV + 1)
    }
}
