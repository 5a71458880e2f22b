import KealmYAML
import Testing
@testable import VirtualCluster

/// `/metrics`: request counts by verb, group, resource and subresource, for the admin only.
@Suite struct RequestMetricsTests {
    @Test func countsRequestsForTheAdminOnly() async throws {
        let api = try TestAPI(requireAuth: true)
        try api.hub.createCluster("edge")
        let admin = try api.hub.issueToken(cluster: "*", label: "admin").token
        let scoped = try api.hub.issueToken(cluster: "edge", label: "agent").token
        let cm = #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","namespace":"default"},"data":{"k":"v"}}"#
        #expect(await api.call("POST", "/api/v1/namespaces/default/configmaps", cm, token: admin).0 == 201)
        #expect(await api.call("POST", "/clusters/edge/api/v1/namespaces/default/configmaps", cm, token: scoped).0 == 201)
        #expect(await api.call("GET", "/api/v1/namespaces/default/configmaps/a", token: admin).0 == 200)
        #expect(await api.call("PATCH", "/api/v1/namespaces/default/configmaps/a", #"{"data":{"k":"w"}}"#,
            contentType: "application/merge-patch+json", token: admin).0 == 200)

        #expect(await api.call("GET", "/metrics").0 == 401)
        #expect(await api.call("GET", "/metrics", token: scoped).0 == 403)
        let res = await api.handler.handle(APIRequest(method: "GET", path: "/metrics", token: admin))
        #expect(res.status == 200)
        let lines = Set(res.text.split(separator: "\n").map(String.init))
        // Both logical clusters' creates are counted together.
        #expect(lines.contains(#"apiserver_request_total{verb="create",group="",resource="configmaps",subresource=""} 2"#))
        #expect(lines.contains(#"apiserver_request_total{verb="get",group="",resource="configmaps",subresource=""} 1"#))
        #expect(lines.contains(#"apiserver_request_total{verb="patch",group="",resource="configmaps",subresource=""} 1"#))
        #expect(lines.contains("# TYPE apiserver_request_total counter"))
    }
}
