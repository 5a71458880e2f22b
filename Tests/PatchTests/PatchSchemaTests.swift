import KealmModel
import KealmYAML
import Patch
import Testing

@Suite("PatchSchema")
struct PatchSchemaTests {
    /// Walks a field path from a kind's root (`[]` steps into list items).
    func field(_ schema: PatchSchema, _ gvk: String, _ path: String) -> FieldSchema {
        var f = schema.root(for: SchemaText.parseGVK(gvk)!)
        for step in path.split(separator: ".") {
            f = step == "[]" ? schema.element(f) : schema.child(f, String(step))
        }
        return f
    }

    struct Row: Sendable, CustomTestStringConvertible {
        let gvk: String
        let path: String
        let smpKeys: [String]
        let listType: ListType
        var testDescription: String { "\(gvk) \(path)" }
    }

    static let rows: [Row] = [
        Row(gvk: "apps/v1/Deployment", path: "spec.template.spec.containers", smpKeys: ["name"], listType: .map),
        Row(gvk: "apps/v1/StatefulSet", path: "spec.template.spec.initContainers", smpKeys: ["name"], listType: .map),
        Row(gvk: "apps/v1/DaemonSet", path: "spec.template.spec.containers.[].env", smpKeys: ["name"], listType: .map),
        Row(gvk: "apps/v1/ReplicaSet", path: "spec.template.spec.containers.[].ports", smpKeys: ["containerPort", "protocol"], listType: .map),
        Row(gvk: "batch/v1/Job", path: "spec.template.spec.volumes", smpKeys: ["name"], listType: .map),
        Row(gvk: "batch/v1/CronJob", path: "spec.jobTemplate.spec.template.spec.containers.[].volumeMounts", smpKeys: ["mountPath"], listType: .map),
        Row(gvk: "v1/ReplicationController", path: "spec.template.spec.imagePullSecrets", smpKeys: ["name"], listType: .map),
        Row(gvk: "v1/PodTemplate", path: "template.spec.hostAliases", smpKeys: ["ip"], listType: .map),
        Row(gvk: "v1/Pod", path: "spec.ephemeralContainers", smpKeys: ["name"], listType: .map),
        Row(gvk: "v1/Pod", path: "spec.topologySpreadConstraints", smpKeys: ["topologyKey", "whenUnsatisfiable"], listType: .map),
        Row(gvk: "v1/Pod", path: "spec.tolerations", smpKeys: [], listType: .atomic),
        Row(gvk: "v1/Pod", path: "status.conditions", smpKeys: ["type"], listType: .map),
        Row(gvk: "v1/Service", path: "spec.ports", smpKeys: ["port", "protocol"], listType: .map),
        Row(gvk: "v1/ConfigMap", path: "metadata.finalizers", smpKeys: [], listType: .set),
        Row(gvk: "v1/Secret", path: "metadata.ownerReferences", smpKeys: ["uid"], listType: .map),
        Row(gvk: "extensions/v1beta1/Deployment", path: "spec.template.spec.containers", smpKeys: ["name"], listType: .map),
        Row(gvk: "example.com/v1/Unknown", path: "spec.containers", smpKeys: [], listType: .atomic),
    ]

    @Test(arguments: rows)
    func builtinPaths(_ r: Row) {
        let f = field(.builtin, r.gvk, r.path)
        #expect(f.smpKeys == r.smpKeys)
        #expect(f.listType == r.listType)
        #expect(f.mergeStrategy == !r.smpKeys.isEmpty || r.listType == .set)
    }

    @Test func volumesRetainKeysAndStrategy() {
        #expect(field(.builtin, "v1/Pod", "spec.volumes").retainKeys)
        #expect(field(.builtin, "apps/v1/Deployment", "spec.strategy").retainKeys)
        #expect(field(.builtin, "policy/v1/PodDisruptionBudget", "spec.selector").replaceStrategy)
        #expect(PatchSchema.builtin.isAtomicObject(field(.builtin, "apps/v1/Deployment", "spec.selector")))
    }

    @Test func openAPIDocument() throws {
        let doc = """
            {"definitions": {
              "com.example.v1.Thing": {
                "type": "object",
                "x-kubernetes-group-version-kind": [{"group": "example.com", "version": "v1", "kind": "Thing"}],
                "properties": {
                  "spec": {"$ref": "#/definitions/com.example.v1.ThingSpec"}
                }
              },
              "com.example.v1.ThingSpec": {
                "type": "object",
                "properties": {
                  "workers": {"type": "array", "items": {"$ref": "#/definitions/io.k8s.api.core.v1.Container"},
                              "x-kubernetes-patch-strategy": "merge", "x-kubernetes-patch-merge-key": "name"},
                  "template": {"allOf": [{"$ref": "#/definitions/io.k8s.api.core.v1.PodTemplateSpec"}]},
                  "tags": {"type": "array", "items": {"type": "string"}, "x-kubernetes-list-type": "set"}
                }
              }
            }}
            """
        let schema = PatchSchema.builtin.adding(try OpenAPISchemaLoader.load(text: doc))
        #expect(field(schema, "example.com/v1/Thing", "spec.workers").smpKeys == ["name"])
        // A Kubernetes type the document only refers to falls back on the built-in one.
        #expect(field(schema, "example.com/v1/Thing", "spec.workers.[].env").smpKeys == ["name"])
        #expect(field(schema, "example.com/v1/Thing", "spec.template.spec.containers").smpKeys == ["name"])
        #expect(field(schema, "example.com/v1/Thing", "spec.tags").listType == .set)
    }

    @Test func openAPIv3Components() throws {
        let doc = """
            components:
              schemas:
                io.k8s.api.apps.v1.Deployment:
                  type: object
                  x-kubernetes-group-version-kind: [{group: apps, version: v1, kind: Deployment}]
                  properties:
                    spec:
                      type: object
                      properties:
                        things: {type: array, items: {type: object, properties: {id: {type: string}}},
                                 x-kubernetes-list-type: map, x-kubernetes-list-map-keys: [id]}
            """
        let schema = try OpenAPISchemaLoader.load(text: doc)
        let f = field(schema, "apps/v1/Deployment", "spec.things")
        #expect(f.listType == .map)
        #expect(f.ssaKeys == ["id"])
        #expect(!f.mergeStrategy)
    }

    @Test func crdSchema() {
        let crd = yaml(
            """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: widgets.example.com}
            spec:
              group: example.com
              names: {kind: Widget, plural: widgets}
              versions:
              - name: v1
                served: true
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
                            items: {type: object, properties: {port: {type: integer}, protocol: {type: string}}}
                          selector:
                            type: object
                            x-kubernetes-map-type: atomic
                            additionalProperties: {type: string}
            """)
        let schema = CRDSchemaLoader.load([crd])
        let ports = field(schema, "example.com/v1/Widget", "spec.ports")
        #expect(ports.listType == .map)
        #expect(ports.ssaKeys == ["port", "protocol"])
        #expect(field(schema, "example.com/v1/Widget", "spec.selector").atomic)
    }

    @Test func schemaTextErrorsNameTheField() {
        #expect(throws: PatchError.self) {
            _ = try SchemaText.parse("types:\n  a.B:\n    f: \"nonsense\"\n")
        }
    }
}
