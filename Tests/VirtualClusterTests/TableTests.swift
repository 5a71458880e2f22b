import KealmYAML
import Testing
@testable import VirtualCluster

let tableAccept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json"

extension TestAPI {
    /// A call with an Accept header (Table requests).
    func call(_ method: String, _ path: String, accept: String, _ body: String = "") async -> (Int, YAMLNode) {
        var p = path
        var q: String?
        if let i = path.firstIndex(of: "?") {
            p = String(path[..<i])
            q = String(path[path.index(after: i)...])
        }
        let res = await handler.handle(APIRequest(method: method, path: p, query: APIRequest.parseQuery(q), accept: accept, body: Array(body.utf8)))
        return (res.status, (try? JSON.decode(res.text)) ?? .null)
    }
}

/// The column names and the cells of the first row of a Table.
func tableShape(_ t: YAMLNode) -> (columns: [String], wide: [String], cells: [[String]]) {
    let cols = t["columnDefinitions"]?.items ?? []
    let names = cols.filter { $0["priority"]?.intValue == 0 }.compactMap { $0.string(at: "name") }
    let wide = cols.filter { ($0["priority"]?.intValue ?? 0) > 0 }.compactMap { $0.string(at: "name") }
    let rows = (t["rows"]?.items ?? []).map { ($0["cells"]?.items ?? []).map { $0.scalar?.value ?? "" } }
    return (names, wide, rows)
}

@Suite struct TableTests {
    @Test(arguments: [
        (0.0, "0s"), (5, "5s"), (119, "119s"), (120, "2m"), (200, "3m20s"), (600, "10m"), (10_799, "179m"), (10_800, "3h"),
        (4 * 3600 + 60 * 7, "4h7m"), (30 * 3600, "30h"), (49 * 3600, "2d1h"), (10 * 86400, "10d"), (800 * 86400, "2y70d"), (3000 * 86400, "8y"),
    ] as [(Double, String)])
    func humanAges(seconds: Double, shown: String) {
        #expect(HumanAge.format(seconds) == shown)
    }

    @Test(arguments: [
        (".spec.replicas", "3"), (".spec.containers[0].name", "a"), (".spec.containers[-1].name", "b"),
        (".status.conditions[?(@.type==\"Ready\")].status", "True"), (".status.conditions[?(@.type=='Synced')].reason", "Done"),
        (".metadata.labels['app.kubernetes.io/name']", "shop"), (".spec.containers[*].image", "img-a"), (".spec.missing", ""),
    ])
    func printerColumnPaths(path: String, value: String) throws {
        let obj = try JSON.decode("""
            {"metadata":{"labels":{"app.kubernetes.io/name":"shop"}},"spec":{"replicas":3,"containers":[{"name":"a","image":"img-a"},{"name":"b"}]},
             "status":{"conditions":[{"type":"Synced","status":"True","reason":"Done"},{"type":"Ready","status":"True"}]}}
            """)
        let p = try #require(PrinterColumnPath(path))
        #expect((p.first(in: obj)?.scalar?.value ?? "") == value)
    }

    @Test func podListAsTable() async throws {
        let api = try TestAPI()
        let pod = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p1","labels":{"app":"x"}},"spec":{"nodeName":"n1","containers":[{"name":"c","image":"i"},{"name":"d","image":"j"}]}}
            """
        #expect(await api.call("POST", "/api/v1/namespaces/default/pods", pod).0 == 201)
        let status = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p1"},"status":{"phase":"Running","podIP":"10.0.0.7","containerStatuses":[
              {"name":"c","ready":true,"restartCount":2,"state":{"running":{}},"lastState":{"terminated":{"exitCode":1,"finishedAt":"2027-01-15T08:00:00Z"}}},
              {"name":"d","ready":false,"restartCount":0,"state":{"waiting":{"reason":"CrashLoopBackOff"}}}]}}
            """
        #expect(await api.call("PUT", "/api/v1/namespaces/default/pods/p1/status", status).0 == 200)
        let (code, t) = await api.call("GET", "/api/v1/namespaces/default/pods?limit=500", accept: tableAccept)
        #expect(code == 200)
        #expect(t.string(at: "kind") == "Table" && t.string(at: "apiVersion") == "meta.k8s.io/v1")
        let shape = tableShape(t)
        #expect(shape.columns == ["Name", "Ready", "Status", "Restarts", "Age"])
        #expect(shape.wide == ["IP", "Node", "Nominated Node", "Readiness Gates"])
        // The test clock is fixed at 2027-01-15T08:00:00Z (1,800,000,000).
        #expect(shape.cells.first == ["p1", "1/2", "CrashLoopBackOff", "2 (0s ago)", "0s", "10.0.0.7", "n1", "<none>", "<none>"])
        let row = try #require(t["rows"]?.items?.first)
        #expect(row.string(at: "object", "kind") == "PartialObjectMetadata")
        #expect(row.string(at: "object", "metadata", "labels", "app") == "x" && row[path: ["object", "spec"]] == nil)
        #expect(t.string(at: "metadata", "resourceVersion") != nil)
        let (_, full) = await api.call("GET", "/api/v1/namespaces/default/pods?includeObject=Object", accept: tableAccept)
        #expect(full["rows"]?.items?.first?.string(at: "object", "kind") == "Pod")
    }

    @Test func builtinColumns() async throws {
        let api = try TestAPI()
        let objects: [(String, String, [String], [String])] = [
            ("/apis/apps/v1/namespaces/default/deployments",
             #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"nginx","image":"nginx:1"}]}}}}"#,
             ["Name", "Ready", "Up-to-date", "Available", "Age"], ["web", "0/3", "0", "0", "0s", "nginx", "nginx:1", "app=web"]),
            ("/api/v1/namespaces/default/services",
             #"{"apiVersion":"v1","kind":"Service","metadata":{"name":"svc"},"spec":{"type":"NodePort","clusterIP":"10.96.0.10","selector":{"app":"web"},"ports":[{"port":80,"nodePort":30080},{"port":53,"protocol":"UDP"}]}}"#,
             ["Name", "Type", "Cluster-IP", "External-IP", "Port(s)", "Age"], ["svc", "NodePort", "10.96.0.10", "<none>", "80:30080/TCP,53/UDP", "0s", "app=web"]),
            ("/api/v1/namespaces/default/configmaps", cm("c1", "{\"a\":\"1\",\"b\":\"2\"}"), ["Name", "Data", "Age"], ["c1", "2", "0s"]),
            ("/api/v1/namespaces/default/secrets", #"{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"},"data":{"k":"dg=="}}"#,
             ["Name", "Type", "Data", "Age"], ["s", "Opaque", "1", "0s"]),
            ("/apis/batch/v1/namespaces/default/jobs",
             #"{"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"j"},"spec":{"completions":2,"template":{"spec":{"containers":[{"name":"c","image":"busybox"}]}}}}"#,
             ["Name", "Status", "Completions", "Duration", "Age"], ["j", "Running", "0/2", "", "0s", "c", "busybox", "<none>"]),
            ("/api/v1/namespaces/default/events",
             #"{"apiVersion":"v1","kind":"Event","metadata":{"name":"e1"},"involvedObject":{"kind":"Pod","name":"p1"},"reason":"Pulled","type":"Normal","message":"pulled","lastTimestamp":"2027-01-15T07:55:00Z","count":3}"#,
             ["Last Seen", "Type", "Reason", "Object", "Message"], ["5m", "Normal", "Pulled", "pod/p1", "", "", "pulled", "0s", "3", "e1"]),
        ]
        for (path, body, columns, cells) in objects {
            let (c, _) = await api.call("POST", path, body)
            #expect(c == 201, "\(path)")
            let (code, t) = await api.call("GET", path, accept: tableAccept)
            #expect(code == 200)
            let shape = tableShape(t)
            #expect(shape.columns == columns, "\(path)")
            #expect(shape.cells.first == cells, "\(path)")
        }
        let (_, ns) = await api.call("GET", "/api/v1/namespaces/default", accept: tableAccept)
        #expect(tableShape(ns).columns == ["Name", "Status", "Age"] && tableShape(ns).cells.first == ["default", "Active", "0s"])
        // A kind without columns of its own: NAME and AGE. Plain JSON when no Table is asked for.
        let (_, sa) = await api.call("GET", "/api/v1/namespaces/default/podtemplates", accept: tableAccept)
        #expect(tableShape(sa).columns == ["Name", "Age"])
        let (_, plain) = await api.call("GET", "/api/v1/namespaces/default/configmaps", accept: "application/json, */*")
        #expect(plain.string(at: "kind") == "ConfigMapList")
    }

    @Test func customResourcePrinterColumns() async throws {
        let api = try TestAPI()
        let crd = """
            {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"gadgets.example.com"},
             "spec":{"group":"example.com","scope":"Namespaced","names":{"kind":"Gadget","plural":"gadgets"},
             "versions":[{"name":"v1","served":true,"storage":true,"schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}},
               "additionalPrinterColumns":[
                 {"name":"Size","type":"integer","jsonPath":".spec.size"},
                 {"name":"Ready","type":"string","jsonPath":".status.conditions[?(@.type==\\"Ready\\")].status"},
                 {"name":"Color","type":"string","jsonPath":".spec.color","priority":1},
                 {"name":"Age","type":"date","jsonPath":".metadata.creationTimestamp"}]}]}}
            """
        #expect(await api.call("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd).0 == 201)
        let g = #"{"apiVersion":"example.com/v1","kind":"Gadget","metadata":{"name":"g1"},"spec":{"size":4,"color":"red"},"status":{"conditions":[{"type":"Ready","status":"True"}]}}"#
        #expect(await api.call("POST", "/apis/example.com/v1/namespaces/default/gadgets", g).0 == 201)
        let (code, t) = await api.call("GET", "/apis/example.com/v1/namespaces/default/gadgets/g1", accept: tableAccept)
        #expect(code == 200)
        let shape = tableShape(t)
        #expect(shape.columns == ["Name", "Size", "Ready", "Age"] && shape.wide == ["Color"])
        #expect(shape.cells.first == ["g1", "4", "True", "red", "0s"])
        #expect(t["columnDefinitions"]?.items?[1].string(at: "type") == "integer")
        // The CRD itself: NAME and CREATED AT, as the API server shows kinds without a printer.
        let (_, crds) = await api.call("GET", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", accept: tableAccept)
        #expect(tableShape(crds).columns == ["Name", "Created At"])
    }
}

@Suite struct JSONMemberSpanTests {
    @Test func findsTopLevelMembersOnly() {
        let json = #"{"apiVersion":"v1","data":{"metadata":"x","s":"a\"}b"},"metadata":{"name":"n","labels":{"a":"[1]"}},"n":1}"#
        #expect(JSONMemberSpan.value(of: "metadata", in: json) == #"{"name":"n","labels":{"a":"[1]"}}"#)
        #expect(JSONMemberSpan.value(of: "n", in: json) == "1")
        #expect(JSONMemberSpan.value(of: "apiVersion", in: json) == #""v1""#)
        #expect(JSONMemberSpan.value(of: "missing", in: json) == nil)
    }
}
