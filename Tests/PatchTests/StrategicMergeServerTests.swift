import KealmYAML
import Patch
import Testing

/// API-server-mode strategic merge: the examples of the Kubernetes documentation ("Update API
/// objects in place using kubectl patch", the strategic-merge-patch design notes) and edge cases.
let serverCases: [SMPCase] = [
    SMPCase(
        name: "added container goes before the existing one (kubectl patch task)",
        object: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: patch-demo}
            spec:
              template:
                spec:
                  containers:
                  - {name: patch-demo-ctr, image: nginx}
                  tolerations: [{effect: NoSchedule, key: dedicated, value: test-team}]
            """,
        patch: """
            {"spec": {"template": {"spec": {"containers": [{"name": "patch-demo-ctr-2", "image": "redis"}]}}}}
            """,
        expected: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: patch-demo}
            spec:
              template:
                spec:
                  containers:
                  - {name: patch-demo-ctr-2, image: redis}
                  - {name: patch-demo-ctr, image: nginx}
                  tolerations: [{effect: NoSchedule, key: dedicated, value: test-team}]
            """),
    SMPCase(
        name: "tolerations have no strategy: replaced",
        object: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec: {template: {spec: {tolerations: [{key: a}, {key: b}]}}}
            """,
        patch: """
            {"spec": {"template": {"spec": {"tolerations": [{"key": "c"}]}}}}
            """,
        expected: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec: {template: {spec: {tolerations: [{key: c}]}}}
            """),
    SMPCase(
        name: "retainKeys clears the fields not listed",
        object: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: retainkeys-demo}
            spec:
              strategy:
                type: RollingUpdate
                rollingUpdate: {maxSurge: 30%}
            """,
        patch: """
            {"spec": {"strategy": {"$retainKeys": ["type"], "type": "Recreate"}}}
            """,
        expected: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: retainkeys-demo}
            spec:
              strategy: {type: Recreate}
            """),
    SMPCase(
        name: "retainKeys refuses a patched field it does not list",
        object: "{apiVersion: apps/v1, kind: Deployment, spec: {strategy: {type: A}}}",
        patch: """
            {"spec": {"strategy": {"$retainKeys": ["type"], "rollingUpdate": {}}}}
            """,
        expected: "ERROR"),
    SMPCase(
        name: "delete a list item by merge key, merge another",
        object: """
            apiVersion: v1
            kind: Pod
            spec:
              containers:
              - {name: a, image: a:1}
              - {name: b, image: b:1}
              - {name: c, image: c:1}
            """,
        patch: """
            spec:
              containers:
              - {name: b, $patch: delete}
              - {name: c, image: c:2}
            """,
        expected: """
            apiVersion: v1
            kind: Pod
            spec:
              containers:
              - {name: a, image: a:1}
              - {name: c, image: c:2}
            """),
    SMPCase(
        name: "replace a whole list",
        object: "{apiVersion: v1, kind: Pod, spec: {containers: [{name: a}, {name: b}]}}",
        patch: "{spec: {containers: [{name: z, image: z}, {$patch: replace}]}}",
        expected: "{apiVersion: v1, kind: Pod, spec: {containers: [{name: z, image: z}]}}"),
    SMPCase(
        name: "replace a map",
        object: "{apiVersion: v1, kind: Pod, metadata: {labels: {a: '1', b: '2'}}}",
        patch: "{metadata: {labels: {c: '3', $patch: replace}}}",
        expected: "{apiVersion: v1, kind: Pod, metadata: {labels: {c: '3'}}}"),
    SMPCase(
        name: "delete a map",
        object: "{apiVersion: v1, kind: Pod, metadata: {name: p, labels: {a: '1'}}}",
        patch: "{metadata: {labels: {$patch: delete}}}",
        expected: "{apiVersion: v1, kind: Pod, metadata: {name: p, labels: {}}}"),
    SMPCase(
        name: "null deletes, unmatched null ignored",
        object: "{apiVersion: v1, kind: ConfigMap, data: {a: '1', b: '2'}}",
        patch: "{data: {a: null, z: null, c: {x: null, y: 1}}}",
        expected: "{apiVersion: v1, kind: ConfigMap, data: {b: '2', c: {y: 1}}}"),
    SMPCase(
        name: "primitive merge list: union, new items first",
        object: "{apiVersion: v1, kind: ConfigMap, metadata: {finalizers: [a, b]}}",
        patch: "{metadata: {finalizers: [c, a]}}",
        expected: "{apiVersion: v1, kind: ConfigMap, metadata: {finalizers: [c, a, b]}}"),
    SMPCase(
        name: "deleteFromPrimitiveList",
        object: "{apiVersion: v1, kind: ConfigMap, metadata: {finalizers: [a, b, c]}}",
        patch: "{metadata: {$deleteFromPrimitiveList/finalizers: [b]}}",
        expected: "{apiVersion: v1, kind: ConfigMap, metadata: {finalizers: [a, c]}}"),
    SMPCase(
        name: "setElementOrder on a list of maps",
        object: "{apiVersion: v1, kind: Pod, spec: {containers: [{name: a}, {name: b}, {name: c}]}}",
        patch: """
            {spec: {$setElementOrder/containers: [{name: c}, {name: a}, {name: b}], containers: [{name: a, image: x}]}}
            """,
        expected: "{apiVersion: v1, kind: Pod, spec: {containers: [{name: c}, {name: a, image: x}, {name: b}]}}"),
    SMPCase(
        name: "setElementOrder on a primitive list",
        object: "{apiVersion: v1, kind: ConfigMap, metadata: {finalizers: [a, b]}}",
        patch: "{metadata: {$setElementOrder/finalizers: [b, c, a], finalizers: [c]}}",
        expected: "{apiVersion: v1, kind: ConfigMap, metadata: {finalizers: [b, c, a]}}"),
    SMPCase(
        name: "ports merge by containerPort only on the server",
        object: "{apiVersion: v1, kind: Pod, spec: {containers: [{name: a, ports: [{containerPort: 80, protocol: TCP}]}]}}",
        patch: "{spec: {containers: [{name: a, ports: [{containerPort: 80, protocol: UDP}]}]}}",
        expected: "{apiVersion: v1, kind: Pod, spec: {containers: [{name: a, ports: [{containerPort: 80, protocol: UDP}]}]}}"),
    SMPCase(
        name: "replace strategy on a map field (PodDisruptionBudget selector)",
        object: "{apiVersion: policy/v1, kind: PodDisruptionBudget, spec: {selector: {matchLabels: {a: '1'}}}}",
        patch: "{spec: {selector: {matchLabels: {b: '2'}}}}",
        expected: "{apiVersion: policy/v1, kind: PodDisruptionBudget, spec: {selector: {matchLabels: {b: '2'}}}}"),
    SMPCase(
        name: "new subtree loses directives and nulls",
        object: "{apiVersion: v1, kind: Pod, spec: {}}",
        patch: "{spec: {containers: [{name: a, x: null}, {name: b, $patch: delete}]}}",
        expected: "{apiVersion: v1, kind: Pod, spec: {containers: [{name: a}]}}"),
    SMPCase(
        name: "merge item without merge key is an error",
        object: "{apiVersion: v1, kind: Pod, spec: {containers: [{name: a}]}}",
        patch: "{spec: {containers: [{image: x}]}}",
        expected: "ERROR"),
    SMPCase(
        name: "unknown kind: lists replaced, maps merged",
        object: "{apiVersion: example.com/v1, kind: Foo, spec: {items: [{name: a}], m: {x: 1}}}",
        patch: "{spec: {items: [{name: b}], m: {y: 2}}}",
        expected: "{apiVersion: example.com/v1, kind: Foo, spec: {items: [{name: b}], m: {x: 1, y: 2}}}"),
    SMPCase(
        name: "kubectl apply three-way patch: setElementOrder and retainKeys on a volume",
        object: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  containers:
                  - {name: app, image: 'app:1'}
                  - {name: side, image: 'side:1'}
                  volumes:
                  - {name: data, emptyDir: {}}
            """,
        patch: """
            {"spec": {"template": {"spec": {
              "$setElementOrder/containers": [{"name": "side"}, {"name": "app"}],
              "containers": [{"name": "app", "image": "app:2"}],
              "$setElementOrder/volumes": [{"name": "data"}],
              "volumes": [{"$retainKeys": ["name", "persistentVolumeClaim"], "name": "data",
                           "persistentVolumeClaim": {"claimName": "pvc"}}]}}}}
            """,
        expected: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  containers:
                  - {name: side, image: 'side:1'}
                  - {name: app, image: 'app:2'}
                  volumes:
                  - {name: data, persistentVolumeClaim: {claimName: pvc}}
            """),
    SMPCase(
        name: "delete the whole object",
        object: "{apiVersion: v1, kind: ConfigMap, metadata: {name: c}}",
        patch: "{$patch: delete}",
        expected: ""),
]

@Suite("StrategicMerge, API server mode")
struct StrategicMergeServerTests {
    @Test(arguments: serverCases)
    func matchesServer(_ c: SMPCase) throws {
        if c.expected == "ERROR" {
            #expect(throws: PatchError.self) { try runSMP(c, mode: .apiServer) }
            return
        }
        let expected = c.expected.isEmpty ? "" : canon(yaml(c.expected))
        #expect(try runSMP(c, mode: .apiServer) == expected)
    }

    @Test func errorsNameThePath() {
        let c = serverCases.first { $0.name.hasPrefix("merge item without merge key") }!
        do {
            _ = try runSMP(c, mode: .apiServer)
            Issue.record("expected an error")
        } catch let e as PatchError {
            #expect(e.path == "spec.containers")
            #expect(e.description.contains("merge key name"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
