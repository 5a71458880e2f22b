import KealmYAML
import Testing
@testable import VirtualCluster

let shopCRD = """
    {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"shops.example.com"},
     "spec":{"group":"example.com","scope":"Namespaced","names":{"kind":"Shop","plural":"shops"},
     "versions":[{"name":"v1","served":true,"storage":true,"subresources":{"status":{}},
       "selectableFields":[{"jsonPath":".spec.color"}],
       "schema":{"openAPIV3Schema":{"type":"object","required":["spec"],"properties":{
         "metadata":{"type":"object"},
         "spec":{"type":"object","required":["replicas"],"properties":{
           "replicas":{"type":"integer","minimum":1,"maximum":10},
           "color":{"type":"string","enum":["red","blue"]},
           "name":{"type":"string","pattern":"^[a-z]+$","minLength":3,"maxLength":8},
           "port":{"x-kubernetes-int-or-string":true},
           "note":{"type":"string","nullable":true},
           "tier":{"type":"string","default":"basic"},
           "tags":{"type":"array","maxItems":2,"items":{"type":"string"},"x-kubernetes-list-type":"set"},
           "extra":{"type":"object","x-kubernetes-preserve-unknown-fields":true},
           "labels":{"type":"object","additionalProperties":{"type":"string"}},
           "servers":{"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["name"],
             "items":{"type":"object","required":["name"],"properties":{"name":{"type":"string"},"port":{"type":"integer"}}}}}},
         "status":{"type":"object","properties":{"ready":{"type":"boolean"}}}}}}}]}}
    """

func shop(_ spec: String, name: String = "s1") -> String {
    #"{"apiVersion":"example.com/v1","kind":"Shop","metadata":{"name":""# + name + #""},"spec":"# + spec + "}"
}

@Suite struct SchemaValidationTests {
    func api() async throws -> TestAPI {
        let api = try TestAPI()
        #expect(await api.call("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", shopCRD).0 == 201)
        return api
    }

    static let shops = "/apis/example.com/v1/namespaces/default/shops"

    @Test(arguments: [
        (#"{"replicas":"three"}"#, "spec.replicas", "FieldValueTypeInvalid", "must be of type integer"),
        (#"{}"#, "spec.replicas", "FieldValueRequired", "Required value"),
        (#"{"replicas":0}"#, "spec.replicas", "FieldValueInvalid", "should be greater than or equal to 1"),
        (#"{"replicas":11}"#, "spec.replicas", "FieldValueInvalid", "should be less than or equal to 10"),
        (#"{"replicas":1,"color":"pink"}"#, "spec.color", "FieldValueNotSupported", #"supported values: "red", "blue""#),
        (#"{"replicas":1,"name":"Abc1"}"#, "spec.name", "FieldValueInvalid", "should match '^[a-z]+$'"),
        (#"{"replicas":1,"name":"ab"}"#, "spec.name", "FieldValueInvalid", "should be at least 3 chars long"),
        (#"{"replicas":1,"name":"abcdefghij"}"#, "spec.name", "FieldValueTooLong", "may not be more than 8"),
        (#"{"replicas":1,"tags":["a","b","c"]}"#, "spec.tags", "FieldValueTooMany", "must have at most 2 items"),
        (#"{"replicas":1,"port":true}"#, "spec.port", "FieldValueTypeInvalid", "integer,string"),
        (#"{"replicas":1,"labels":{"a":1}}"#, "spec.labels[a]", "FieldValueTypeInvalid", "must be of type string"),
        (#"{"replicas":1,"servers":[{"port":1}]}"#, "spec.servers[0].name", "FieldValueRequired", "Required value"),
        (#"{"replicas":1,"tags":["a","a"]}"#, "spec.tags[1]", "FieldValueDuplicate", #"Duplicate value: "a""#),
        (#"{"replicas":1,"servers":[{"name":"a"},{"name":"a","port":2}]}"#, "spec.servers[1]", "FieldValueDuplicate", #"Duplicate value: map[string]interface {}{"name":"a"}"#),
    ])
    func invalidObjectsAre422(spec: String, field: String, reason: String, message: String) async throws {
        let api = try await api()
        let (code, st) = await api.call("POST", Self.shops, shop(spec))
        #expect(code == 422)
        #expect(st.string(at: "reason") == "Invalid" && st.string(at: "details", "kind") == "Shop" && st.string(at: "details", "group") == "example.com")
        let cause = try #require(st[path: ["details", "causes"]]?.items?.first)
        #expect(cause.string(at: "field") == field && cause.string(at: "reason") == reason)
        #expect(cause.string(at: "message")?.contains(message) == true, "\(cause)")
        #expect(st.string(at: "message")?.hasPrefix("Shop.example.com \"s1\" is invalid: \(field)") == true, "\(st)")
    }

    @Test func validObjectsArePrunedAndDefaulted() async throws {
        let api = try await api()
        let spec = #"{"replicas":2,"port":"http","note":null,"unknown":1,"extra":{"free":{"x":1}},"labels":{"k":"v"},"servers":[{"name":"a","port":1,"junk":true}]}"#
        let (code, obj) = await api.call("POST", Self.shops, shop(spec))
        #expect(code == 201, "\(obj)")
        #expect(obj[path: ["spec", "unknown"]] == nil && obj[path: ["spec", "servers"]]?.items?.first?["junk"] == nil)
        #expect(obj[path: ["spec", "extra", "free", "x"]]?.intValue == 1 && obj.string(at: "spec", "labels", "k") == "v")
        #expect(obj[path: ["spec", "note"]] != nil && obj.string(at: "spec", "tier") == "basic")
        #expect(obj.string(at: "metadata", "name") == "s1" && obj.string(at: "metadata", "uid") != nil)
        // Several failures are all named.
        let (c2, st) = await api.call("POST", Self.shops, shop(#"{"replicas":0,"color":"pink"}"#, name: "s2"))
        #expect(c2 == 422 && st[path: ["details", "causes"]]?.items?.count == 2)
        // Status is validated through the status subresource too.
        let (c3, _) = await api.call("PUT", Self.shops + "/s1/status", #"{"apiVersion":"example.com/v1","kind":"Shop","metadata":{"name":"s1"},"status":{"ready":"yes"}}"#)
        #expect(c3 == 422)
        // Strict field validation refuses unknown fields instead of pruning them.
        let (c4, st4) = await api.call("POST", Self.shops + "?fieldValidation=Strict", shop(#"{"replicas":1,"bogus":1}"#, name: "s3"))
        #expect(c4 == 400 && st4.string(at: "message")?.contains("unknown field \"spec.bogus\"") == true, "\(st4)")
        // An update that breaks the schema is refused; a merge patch too.
        let (c5, _) = await api.call("PATCH", Self.shops + "/s1", #"{"spec":{"replicas":20}}"#, contentType: "application/merge-patch+json")
        #expect(c5 == 422)
    }

    @Test func serverSideApplyUsesTheCRDListTypes() async throws {
        let api = try await api()
        let a = #"{"apiVersion":"example.com/v1","kind":"Shop","metadata":{"name":"s1"},"spec":{"replicas":1,"tags":["x"],"servers":[{"name":"a","port":1}]}}"#
        let b = #"{"apiVersion":"example.com/v1","kind":"Shop","metadata":{"name":"s1"},"spec":{"tags":["y"],"servers":[{"name":"b","port":2}]}}"#
        let (c1, _) = await api.call("PATCH", Self.shops + "/s1?fieldManager=one", a, contentType: "application/apply-patch+yaml")
        #expect(c1 == 201)
        let (c2, obj) = await api.call("PATCH", Self.shops + "/s1?fieldManager=two", b, contentType: "application/apply-patch+yaml")
        #expect(c2 == 200, "\(obj)")
        // A map list keyed by name and a set: both managers' items are kept.
        #expect(obj[path: ["spec", "servers"]]?.items?.compactMap { $0.string(at: "name") } == ["a", "b"])
        #expect(obj[path: ["spec", "tags"]]?.items?.compactMap(\.string) == ["x", "y"])
        // Taking over an item another manager owns conflicts.
        let c = #"{"apiVersion":"example.com/v1","kind":"Shop","metadata":{"name":"s1"},"spec":{"servers":[{"name":"a","port":9}]}}"#
        let (c3, _) = await api.call("PATCH", Self.shops + "/s1?fieldManager=two", c, contentType: "application/apply-patch+yaml")
        #expect(c3 == 409)
        // An applied configuration that breaks the schema is 422.
        let d = #"{"apiVersion":"example.com/v1","kind":"Shop","metadata":{"name":"s1"},"spec":{"color":"green"}}"#
        let (c4, _) = await api.call("PATCH", Self.shops + "/s1?fieldManager=three", d, contentType: "application/apply-patch+yaml")
        #expect(c4 == 422)
    }
}

@Suite struct FieldSelectorTests {
    @Test func perKindFieldsAndErrors() async throws {
        let api = try TestAPI()
        for (name, phase, node) in [("a", "Running", "n1"), ("b", "Pending", "n2"), ("c", "Running", "n2")] {
            let pod = #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":""# + name + #""},"spec":{"nodeName":""# + node + #"","containers":[{"name":"c","image":"i"}]}}"#
            #expect(await api.call("POST", "/api/v1/namespaces/default/pods", pod).0 == 201)
            let st = #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":""# + name + #""},"status":{"phase":""# + phase + #""}}"#
            #expect(await api.call("PUT", "/api/v1/namespaces/default/pods/\(name)/status", st).0 == 200)
        }
        func names(_ selector: String) async -> [String] {
            let (_, l) = await api.call("GET", "/api/v1/namespaces/default/pods?fieldSelector=" + selector)
            return (l["items"]?.items ?? []).compactMap { $0.string(at: "metadata", "name") }
        }
        #expect(await names("status.phase%3DRunning") == ["a", "c"])
        #expect(await names("status.phase%3D%3DRunning,spec.nodeName%3Dn2") == ["c"])
        #expect(await names("status.phase!%3DRunning") == ["b"])
        #expect(await names("spec.restartPolicy%3DAlways,metadata.name!%3Da") == ["b", "c"])
        let (code, st) = await api.call("GET", "/api/v1/namespaces/default/pods?fieldSelector=spec.foo%3Dx")
        #expect(code == 400 && st.string(at: "message") == "field label not supported: spec.foo")
        let (c2, st2) = await api.call("GET", "/api/v1/namespaces/default/configmaps?fieldSelector=data.a%3D1")
        #expect(c2 == 400 && st2.string(at: "message") == #""data.a" is not a known field selector: only "metadata.name", "metadata.namespace""#)
        // Secret type (defaulted), Event fields, Namespace phase.
        #expect(await api.call("POST", "/api/v1/namespaces/default/secrets", #"{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"}}"#).0 == 201)
        let (_, secrets) = await api.call("GET", "/api/v1/namespaces/default/secrets?fieldSelector=type%3DOpaque")
        #expect(secrets["items"]?.items?.count == 1)
        let ev = #"{"apiVersion":"v1","kind":"Event","metadata":{"name":"e"},"involvedObject":{"kind":"Pod","name":"a"},"reason":"Pulled","type":"Normal","source":{"component":"kubelet"}}"#
        #expect(await api.call("POST", "/api/v1/namespaces/default/events", ev).0 == 201)
        let (_, evs) = await api.call("GET", "/api/v1/events?fieldSelector=involvedObject.kind%3DPod,involvedObject.name%3Da,reason%3DPulled,source%3Dkubelet,type%3DNormal")
        #expect(evs["items"]?.items?.count == 1)
        let (_, nss) = await api.call("GET", "/api/v1/namespaces?fieldSelector=status.phase%3DActive,metadata.name%3Ddefault")
        #expect(nss["items"]?.items?.count == 1)
    }

    @Test func customResourcesSelectNameNamespaceAndSelectableFields() async throws {
        let api = try TestAPI()
        #expect(await api.call("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", shopCRD).0 == 201)
        #expect(await api.call("POST", SchemaValidationTests.shops, shop(#"{"replicas":1,"color":"red"}"#, name: "r")).0 == 201)
        #expect(await api.call("POST", SchemaValidationTests.shops, shop(#"{"replicas":1,"color":"blue"}"#, name: "b")).0 == 201)
        let (_, l) = await api.call("GET", "/apis/example.com/v1/shops?fieldSelector=spec.color%3Dblue,metadata.namespace%3Ddefault")
        #expect(l["items"]?.items?.compactMap { $0.string(at: "metadata", "name") } == ["b"])
        let (code, st) = await api.call("GET", "/apis/example.com/v1/shops?fieldSelector=spec.replicas%3D1")
        #expect(code == 400 && st.string(at: "message") == "field label not supported: spec.replicas")
    }
}
