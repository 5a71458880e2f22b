import KealmModel
import KealmYAML
import Patch
import Testing

/// Server-side apply on a custom resource typed by its CRD schema.
@Suite("ServerSideApply on custom resources")
struct ServerSideApplyCRDTests {
    let gvk = GVK(group: "example.com", version: "v1", kind: "Widget")
    let schema = PatchSchema.builtin.adding(
        CRDSchemaLoader.load([
            yaml(
                """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: widgets.example.com}
                spec:
                  group: example.com
                  names: {kind: Widget, plural: widgets}
                  versions:
                  - name: v1
                    schema:
                      openAPIV3Schema:
                        type: object
                        properties:
                          spec:
                            type: object
                            properties:
                              ports:
                                type: array
                                x-kubernetes-list-type: map
                                x-kubernetes-list-map-keys: [port, protocol]
                                items: {type: object, properties: {port: {type: integer}, protocol: {type: string}, name: {type: string}}}
                              selector:
                                type: object
                                x-kubernetes-map-type: atomic
                                additionalProperties: {type: string}
                              tags: {type: array, items: {type: string}}
                """)
        ]))

    func apply(_ config: String, _ live: YAMLNode?, _ manager: String, force: Bool = false) throws -> ServerSideApply.Result {
        try ServerSideApply.apply(config: yaml(config), to: live, manager: manager, force: force, schema: schema, gvk: gvk, time: "t")
    }

    @Test func multiKeyItemsAreOwnedSeparately() throws {
        let a = try apply(
            "{apiVersion: example.com/v1, kind: Widget, metadata: {name: w}, spec: {ports: [{port: 53, protocol: TCP, name: tcp}]}}", nil, "a")
        let b = try apply(
            "{apiVersion: example.com/v1, kind: Widget, metadata: {name: w}, spec: {ports: [{port: 53, protocol: UDP, name: udp}]}}", a.object, "b")
        let ports = b.object[path: ["spec", "ports"]]?.items ?? []
        #expect(ports.compactMap { $0.string(at: "name") } == ["tcp", "udp"])
        #expect(b.managedFields[1].fields.fieldsV1JSON
            == #"{"f:spec":{"f:ports":{"k:{\"port\":53,\"protocol\":\"UDP\"}":{".":{},"f:name":{},"f:port":{},"f:protocol":{}}}}}"#)
    }

    @Test func atomicMapAndUntypedListAreReplacedWhole() throws {
        let a = try apply(
            "{apiVersion: example.com/v1, kind: Widget, metadata: {name: w}, spec: {selector: {x: '1', y: '2'}, tags: [a, b]}}", nil, "a")
        #expect(a.managedFields[0].fields.fieldsV1JSON == #"{"f:spec":{"f:selector":{},"f:tags":{}}}"#)
        let b = try apply(
            "{apiVersion: example.com/v1, kind: Widget, metadata: {name: w}, spec: {selector: {z: '3'}, tags: [c]}}", a.object, "a")
        #expect(canon(b.object["spec"]!) == canon(yaml("{selector: {z: '3'}, tags: [c]}")))
    }

    @Test func updateTakesOverChangedFieldsAndDropsRemovedOnes() throws {
        let a = try apply(
            "{apiVersion: example.com/v1, kind: Widget, metadata: {name: w, labels: {x: '1', y: '2'}}, spec: {tags: [a]}}", nil, "a")
        var edited = a.object
        edited[path: ["metadata", "labels", "x"]] = .string("9")
        edited[path: ["metadata", "labels", "y"]] = nil
        let u = try ServerSideApply.recordUpdate(old: a.object, new: edited, manager: "kubectl-edit", schema: schema, gvk: gvk, time: "t2")
        #expect(u.managedFields.map(\.manager) == ["a", "kubectl-edit"])
        #expect(u.managedFields[0].fields.fieldsV1JSON == #"{"f:spec":{"f:tags":{}}}"#)
        #expect(u.managedFields[1].fields.fieldsV1JSON == #"{"f:metadata":{"f:labels":{"f:x":{}}}}"#)
        #expect(u.managedFields[1].operation == .update && u.managedFields[1].time == "t2")
        // An unchanged write keeps the entry's time.
        let again = try ServerSideApply.recordUpdate(old: u.object, new: u.object, manager: "kubectl-edit", schema: schema, gvk: gvk, time: "t3")
        #expect(again.managedFields[1].time == "t2")
    }
}
