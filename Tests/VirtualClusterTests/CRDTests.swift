import KealmYAML
import Testing
@testable import VirtualCluster

let widgetCRD = """
    {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"widgets.example.com"},
     "spec":{"group":"example.com","scope":"Namespaced","names":{"kind":"Widget","plural":"widgets","singular":"widget","shortNames":["wd"]},
     "versions":[{"name":"v1","served":true,"storage":true,"subresources":{"status":{}},
                  "schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}]}}
    """

@Suite struct CRDTests {
    @Test func crdServesItsKind() async throws {
        let api = try TestAPI()
        let (c0, _) = await api.call("GET", "/apis/example.com/v1/namespaces/default/widgets")
        #expect(c0 == 404)
        let (c1, crd) = await api.call("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", widgetCRD)
        #expect(c1 == 201)
        let conds = crd[path: ["status", "conditions"]]?.items ?? []
        #expect(conds.contains { $0.string(at: "type") == "Established" && $0.string(at: "status") == "True" })
        let (_, groups) = await api.call("GET", "/apis")
        #expect(groups["groups"]?.items?.contains { $0.string(at: "name") == "example.com" } == true)
        let (_, rl) = await api.call("GET", "/apis/example.com/v1")
        #expect(rl["resources"]?.items?.first?["shortNames"]?.items?.first?.string == "wd")
        let (c2, w) = await api.call("POST", "/apis/example.com/v1/namespaces/default/widgets",
            "{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"w1\"},\"spec\":{\"size\":1},\"status\":{\"x\":1}}")
        #expect(c2 == 201 && w["status"] == nil && w[path: ["metadata", "generation"]]?.intValue == 1)
        let (c3, _) = await api.call("GET", "/apis/example.com/v1/namespaces/default/widgets/w1")
        #expect(c3 == 200)
        let (c4, _) = await api.call("DELETE", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com")
        #expect(c4 == 200)
        let (c5, _) = await api.call("GET", "/apis/example.com/v1/namespaces/default/widgets/w1")
        #expect(c5 == 404)
    }

    @Test func logicalClustersAreIsolated() async throws {
        let api = try TestAPI()
        try api.hub.createCluster("one")
        try api.hub.createCluster("two")
        let (c1, _) = await api.call("POST", "/clusters/one/apis/apiextensions.k8s.io/v1/customresourcedefinitions", widgetCRD)
        #expect(c1 == 201)
        let (c2, _) = await api.call("GET", "/clusters/two/apis/example.com/v1/namespaces/default/widgets")
        #expect(c2 == 404)
        _ = await api.call("POST", "/clusters/one/api/v1/namespaces/default/configmaps", cm("only-in-one"))
        let (c3, _) = await api.call("GET", "/clusters/two/api/v1/namespaces/default/configmaps/only-in-one")
        #expect(c3 == 404)
        let (c4, _) = await api.call("GET", "/clusters/nope/api/v1/namespaces")
        #expect(c4 == 404)
    }
}
