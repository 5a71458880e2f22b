import KealmYAML
import Patch
import Testing

/// Kustomize-mode strategic merge: every expected output below was produced by kustomize v5.5.0
/// (`kubectl kustomize` on a kustomization with the object as a resource and the patch in `patches`).
let kustomizeCases: [SMPCase] = [
    SMPCase(
        name: "order_existing_and_new",
        object: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  containers:
                  - name: a
                    image: a:1
                  - name: b
                    image: b:1
            """,
        patch: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  containers:
                  - name: b
                    image: b:2
                  - name: c
                    image: c:1
            """,
        expected: """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: d
            spec:
              template:
                spec:
                  containers:
                  - image: b:2
                    name: b
                  - image: c:1
                    name: c
                  - image: a:1
                    name: a
            """),
    SMPCase(
        name: "replace_element",
        object: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  containers:
                  - name: a
                    image: a:1
                    args: [x]
            """,
        patch: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  containers:
                  - name: a
                    image: a:2
                    $patch: replace
            """,
        expected: """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: d
            spec:
              template:
                spec:
                  containers:
                  - args:
                    - x
                    image: a:1
                    name: a
            """),
    SMPCase(
        name: "ports_multikey",
        object: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  containers:
                  - name: a
                    ports:
                    - containerPort: 80
                      protocol: TCP
                    - containerPort: 90
            """,
        patch: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  containers:
                  - name: a
                    ports:
                    - containerPort: 80
                      protocol: UDP
                    - containerPort: 90
                      name: x
                    - containerPort: 100
            """,
        expected: """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: d
            spec:
              template:
                spec:
                  containers:
                  - name: a
                    ports:
                    - containerPort: 80
                      protocol: UDP
                    - containerPort: 100
                    - containerPort: 80
                      protocol: TCP
                    - containerPort: 90
                      name: x
            """),
    SMPCase(
        name: "finalizers",
        object: """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c, finalizers: [a, b]}
            """,
        patch: """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c, finalizers: [c, a]}
            """,
        expected: """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              finalizers:
              - c
              - a
              - b
              name: c
            """),
    SMPCase(
        name: "nulls",
        object: """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c, labels: {x: "1"}}
            data: {a: "1", b: "2", keepnull: null, empty: }
            """,
        patch: """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c, labels: null}
            data: {a: null, c: "3"}
            """,
        expected: """
            apiVersion: v1
            data:
              b: "2"
              c: "3"
              keepnull: null
            kind: ConfigMap
            metadata:
              name: c
            """),
    SMPCase(
        name: "setelementorder",
        object: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  containers:
                  - name: a
                  - name: b
            """,
        patch: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  $setElementOrder/containers:
                  - name: b
                  - name: a
                  containers:
                  - name: b
                    image: x
            """,
        expected: """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: d
            spec:
              template:
                spec:
                  $setElementOrder/containers:
                  - name: b
                  - name: a
                  containers:
                  - image: x
                    name: b
                  - name: a
            """),
    SMPCase(
        name: "crd_lists",
        object: """
            apiVersion: example.com/v1
            kind: Foo
            metadata: {name: f}
            spec:
              items: [{name: a, v: 1}, {name: b, v: 2}]
              m: {x: 1}
            """,
        patch: """
            apiVersion: example.com/v1
            kind: Foo
            metadata: {name: f}
            spec:
              items: [{name: a, v: 3}]
              m: {y: 2}
            """,
        expected: """
            apiVersion: example.com/v1
            kind: Foo
            metadata:
              name: f
            spec:
              items:
              - name: a
                v: 3
              m:
                x: 1
                "y": 2
            """),
    SMPCase(
        name: "list_replace_directive",
        object: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  containers:
                  - name: a
                  - name: b
            """,
        patch: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  containers:
                  - $patch: replace
                  - name: c
            """,
        expected: """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: d
            spec:
              template:
                spec:
                  containers:
                  - name: c
            """),
    SMPCase(
        name: "delete_elem",
        object: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  containers:
                  - name: a
                  - name: b
            """,
        patch: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  containers:
                  - name: a
                    $patch: delete
            """,
        expected: """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: d
            spec:
              template:
                spec:
                  containers:
                  - name: b
            """),
    SMPCase(
        name: "map_replace",
        object: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                metadata: {labels: {a: "1", b: "2"}}
            """,
        patch: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                metadata:
                  labels: {c: "3", $patch: replace}
            """,
        expected: """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: d
            spec:
              template:
                metadata:
                  labels:
                    c: "3"
            """),
    SMPCase(
        name: "svc_ports",
        object: """
            apiVersion: v1
            kind: Service
            metadata: {name: s}
            spec:
              ports:
              - port: 80
                targetPort: 8080
              - port: 443
                protocol: TCP
            """,
        patch: """
            apiVersion: v1
            kind: Service
            metadata: {name: s}
            spec:
              ports:
              - port: 80
                name: http
              - port: 53
                protocol: UDP
            """,
        expected: """
            apiVersion: v1
            kind: Service
            metadata:
              name: s
            spec:
              ports:
              - port: 53
                protocol: UDP
              - name: http
                port: 80
                targetPort: 8080
              - port: 443
                protocol: TCP
            """),
    SMPCase(
        name: "tolerations_envfrom",
        object: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  tolerations: [{key: a}]
                  containers:
                  - name: a
                    envFrom: [{configMapRef: {name: x}}]
                    env: [{name: A, value: "1"}, {name: B, value: "2"}]
            """,
        patch: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  tolerations: [{key: b}]
                  containers:
                  - name: a
                    envFrom: [{secretRef: {name: y}}]
                    env: [{name: C, value: "3"}, {name: A, value: "9"}]
            """,
        expected: """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: d
            spec:
              template:
                spec:
                  containers:
                  - env:
                    - name: C
                      value: "3"
                    - name: A
                      value: "9"
                    - name: B
                      value: "2"
                    envFrom:
                    - secretRef:
                        name: "y"
                    name: a
                  tolerations:
                  - key: b
            """),
    SMPCase(
        name: "volumes_null",
        object: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  volumes:
                  - name: v
                    emptyDir: {}
            """,
        patch: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  volumes:
                  - name: v
                    emptyDir: null
                    gcePersistentDisk: {pdName: x}
            """,
        expected: """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: d
            spec:
              template:
                spec:
                  volumes:
                  - gcePersistentDisk:
                      pdName: x
                    name: v
            """),
    SMPCase(
        name: "delete_root",
        object: """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c}
            """,
        patch: """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c}
            $patch: delete
            """,
        expected: """

            """),
    SMPCase(
        name: "new_list_with_dirs",
        object: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec: {}
            """,
        patch: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  containers:
                  - name: a
                    image: x
                  - name: a
                    args: [y]
                  - name: b
                    $patch: delete
            """,
        expected: """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: d
            spec:
              template:
                spec:
                  containers:
                  - args:
                    - "y"
                    name: a
            """),
    SMPCase(
        name: "embedded_gvk_in_crd",
        object: """
            apiVersion: example.com/v1
            kind: Wrapper
            metadata: {name: w}
            spec:
              inner:
                apiVersion: apps/v1
                kind: Deployment
                spec:
                  template:
                    spec:
                      containers: [{name: a, image: a}]
            """,
        patch: """
            apiVersion: example.com/v1
            kind: Wrapper
            metadata: {name: w}
            spec:
              inner:
                apiVersion: apps/v1
                kind: Deployment
                spec:
                  template:
                    spec:
                      containers: [{name: b, image: b}]
            """,
        expected: """
            apiVersion: example.com/v1
            kind: Wrapper
            metadata:
              name: w
            spec:
              inner:
                apiVersion: apps/v1
                kind: Deployment
                spec:
                  template:
                    spec:
                      containers:
                      - image: b
                        name: b
                      - image: a
                        name: a
            """),
    SMPCase(
        name: "container_without_name",
        object: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  containers: [{image: x}, {name: a, image: a}]
            """,
        patch: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  containers: [{name: a, image: a2}]
            """,
        expected: """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: d
            spec:
              template:
                spec:
                  containers:
                  - image: x
            """),
    SMPCase(
        name: "null_list",
        object: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  tolerations: [{key: a}]
                  initContainers: [{name: i}]
                  containers: [{name: a}]
            """,
        patch: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  tolerations: null
                  initContainers: null
            """,
        expected: """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: d
            spec:
              template:
                spec:
                  containers:
                  - name: a
            """),
    SMPCase(
        name: "env_valuefrom",
        object: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  containers:
                  - name: a
                    env: [{name: X, valueFrom: {secretKeyRef: {name: s, key: k}}}]
            """,
        patch: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  containers:
                  - name: a
                    env: [{name: X, value: "1"}]
            """,
        expected: """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: d
            spec:
              template:
                spec:
                  containers:
                  - env:
                    - name: X
                      value: "1"
                      valueFrom:
                        secretKeyRef:
                          key: k
                          name: s
                    name: a
            """),
    SMPCase(
        name: "delete_in_nonassoc",
        object: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  tolerations: [{key: a}, {key: b}]
            """,
        patch: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  tolerations: [{key: a, $patch: delete}]
            """,
        expected: """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: d
            spec:
              template:
                spec:
                  tolerations:
                  - $patch: delete
                    key: a
            """),
    SMPCase(
        name: "scalar_vs_map",
        object: """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c}
            data: {a: x}
            """,
        patch: """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c}
            data: {a: {b: c}}
            """,
        expected: """
            ERROR
            """),
    SMPCase(
        name: "ints_primitive_set",
        object: """
            apiVersion: example.com/v1
            kind: Foo
            metadata: {name: f, finalizers: [x]}
            spec: {n: [1, 2]}
            """,
        patch: """
            apiVersion: example.com/v1
            kind: Foo
            metadata: {name: f, finalizers: [y, x]}
            spec: {n: [3]}
            """,
        expected: """
            apiVersion: example.com/v1
            kind: Foo
            metadata:
              finalizers:
              - "y"
              - x
              name: f
            spec:
              "n":
              - 3
            """),
    SMPCase(
        name: "retainkeys_literal",
        object: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1}}
            """,
        patch: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              strategy: {$retainKeys: [type], type: Recreate}
            """,
        expected: """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: d
            spec:
              strategy:
                $retainKeys:
                - type
                rollingUpdate:
                  maxSurge: 1
                type: Recreate
            """),
    SMPCase(
        name: "labels_null_missing",
        object: """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c}
            """,
        patch: """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c, labels: {a: null, b: "1"}}
            """,
        expected: """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              labels:
                b: "1"
              name: c
            """),
    SMPCase(
        name: "svc_port_dup_protocols",
        object: """
            apiVersion: v1
            kind: Service
            metadata: {name: s}
            spec:
              ports:
              - {port: 53, protocol: TCP, name: dns-tcp}
              - {port: 53, protocol: UDP, name: dns}
            """,
        patch: """
            apiVersion: v1
            kind: Service
            metadata: {name: s}
            spec:
              ports:
              - {port: 53, protocol: UDP, targetPort: 5353}
            """,
        expected: """
            apiVersion: v1
            kind: Service
            metadata:
              name: s
            spec:
              ports:
              - name: dns-tcp
                port: 53
                protocol: TCP
              - name: dns
                port: 53
                protocol: UDP
                targetPort: 5353
            """),
    SMPCase(
        name: "new_map_with_patch_replace_inside",
        object: """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c}
            """,
        patch: """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c, annotations: {$patch: replace, a: "1"}}
            data: {x: null, y: "2"}
            """,
        expected: """
            apiVersion: v1
            data:
              "y": "2"
            kind: ConfigMap
            metadata:
              annotations:
                a: "1"
              name: c
            """),

]

@Suite("StrategicMerge, kustomize mode")
struct StrategicMergeKustomizeTests {
    @Test(arguments: kustomizeCases)
    func matchesKustomize(_ c: SMPCase) throws {
        if c.expected == "ERROR" {
            #expect(throws: PatchError.self) { try runSMP(c, mode: .kustomize) }
            return
        }
        let expected = c.expected.isEmpty ? "" : canon(yaml(c.expected))
        #expect(try runSMP(c, mode: .kustomize) == expected)
    }
}
