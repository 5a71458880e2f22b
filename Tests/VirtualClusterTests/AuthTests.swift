import KealmYAML
import Testing
@testable import VirtualCluster

@Suite struct AuthTests {
    @Test func tokensAreScoped() async throws {
        let api = try TestAPI(requireAuth: true)
        try api.hub.createCluster("edge")
        let admin = try api.hub.issueToken(cluster: "*", label: "admin").token
        let reader = try api.hub.issueToken(cluster: "edge", namespaces: ["default"], verbs: ["get", "list", "watch"], label: "agent").token
        #expect(await api.call("GET", "/api/v1/namespaces").0 == 401)
        #expect(await api.call("GET", "/api/v1/namespaces", token: "wrong").0 == 401)
        #expect(await api.call("GET", "/version").0 == 200)
        #expect(await api.call("GET", "/api/v1/namespaces", token: admin).0 == 200)
        #expect(await api.call("GET", "/clusters/edge/api/v1/namespaces/default/configmaps", token: reader).0 == 200)
        #expect(await api.call("GET", "/api/v1/namespaces/default/configmaps", token: reader).0 == 403)
        #expect(await api.call("GET", "/clusters/edge/api/v1/namespaces/kube-system/configmaps", token: reader).0 == 403)
        #expect(await api.call("GET", "/clusters/edge/api/v1/namespaces", token: reader).0 == 403)
        #expect(await api.call("POST", "/clusters/edge/api/v1/namespaces/default/configmaps", cm("x"), token: reader).0 == 403)
        #expect(await api.call("GET", "/clusters/edge/api", token: reader).0 == 200)
    }
}
